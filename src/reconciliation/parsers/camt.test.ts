// camt.053/054 parsing checked against genkgo/camt's and OCA's published expectations.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStatement } from './index.ts';
import { bankFile, bankText, decimalToMinor, linesOf, signed, statementsOf } from './testing/shared-data.ts';

interface GenkgoMoney { getAmount: string; getCurrency: { getCode: string } }
interface GenkgoEntry {
  getAmount: GenkgoMoney;
  getCreditDebitIndicator: string;
  getReversalIndicator: boolean;
  getAccountServicerReference: string | null;
  getBookingDate?: { 0: string };
  getValueDate?: { 0: string };
  getRecord: { getId: string; getAccount: { getIdentification: string }; getBalances?: Array<{ getType: string; getAmount: GenkgoMoney }> };
  getTransactionDetails: Array<{ getReference?: { getEndToEndId: string | null } | null; getAmount?: GenkgoMoney | null } | string>;
}

const GENKGO = [
  'camt053/genkgo-camt/camt053.v2.minimal', 'camt053/genkgo-camt/camt053.v2.minimal.ultimate',
  'camt053/genkgo-camt/camt053.v2.all-balance-types', 'camt053/genkgo-camt/camt053.v2.five.decimals',
  'camt053/genkgo-camt/camt053.v2.with-party-ids', 'camt053/genkgo-camt/camt053.v2.with-account-name',
  'camt053/genkgo-camt/camt053.v2.multi.statement', 'camt053/genkgo-camt/camt053.v3', 'camt053/genkgo-camt/camt053.v4',
  'camt053/genkgo-camt/camt053.v8', 'camt054/genkgo-camt/camt054.v2', 'camt054/genkgo-camt/camt054.v4',
  'camt054/genkgo-camt/camt054.v8', 'camt054/genkgo-camt/camt054.v8-with-UETR',
  'camt054/genkgo-camt/camt054.v8-with-financial-institution', 'camt054/genkgo-camt/camt054.v2.with-account-name',
];

function expectedJson(path: string): { getEntries: GenkgoEntry[] } {
  const [folder, , name] = path.split('/');
  return JSON.parse(bankText(`${folder}/genkgo-camt/expected/${name}.json`)) as { getEntries: GenkgoEntry[] };
}

describe('camt against genkgo/camt expectations', () => {
  for (const path of GENKGO) {
    it(`reads ${path.split('/').pop()} with the same entries, dates, references and statement`, () => {
      const statements = statementsOf(`${path}.xml`);
      for (const entry of expectedJson(path).getEntries) {
        const stmt = statements.find((s) => s.id === entry.getRecord.getId && s.lines.length > 0) ?? statements.find((s) => s.id === entry.getRecord.getId);
        assert.ok(stmt, `statement ${entry.getRecord.getId}`);
        assert.equal(stmt.account, entry.getRecord.getAccount.getIdentification);
        const total = stmt.lines.reduce((sum, l) => sum + signed(l), 0);
        assert.equal(total, Number(entry.getAmount.getAmount), 'the lines add up to the entry amount');
        const line = stmt.lines[0];
        assert.ok(line);
        assert.equal(line.amount.currency, entry.getAmount.getCurrency.getCode);
        assert.equal(line.direction, entry.getCreditDebitIndicator === 'CRDT' ? 'credit' : 'debit');
        assert.equal(line.reversal, entry.getReversalIndicator);
        assert.equal(line.bankReference, entry.getAccountServicerReference);
        assert.equal(line.bookingDate, entry.getBookingDate?.[0].slice(0, 10) ?? null);
        assert.equal(line.valueDate, entry.getValueDate?.[0].slice(0, 10) ?? null);
        const detail = entry.getTransactionDetails[0];
        if (typeof detail === 'object' && detail.getReference) assert.equal(line.endToEndId, detail.getReference.getEndToEndId);
        // genkgo calls OPBD and PRCD both "opening"; the first of each kind is the one we report.
        const balances = entry.getRecord.getBalances ?? [];
        for (const [type, ours] of [['opening', stmt.openingBalance], ['closing', stmt.closingBalance]] as const) {
          const b = balances.find((x) => x.getType === type);
          if (b) assert.deepEqual(ours?.amount, { amount: Number(b.getAmount.getAmount), currency: b.getAmount.getCurrency.getCode });
        }
      }
    });
  }

  it('splits a batch entry into one line per transaction, each with its own structured reference', () => {
    const lines = linesOf('camt053/oca-bank-statement-import/test-camt053-txdtls.xml');
    assert.deepEqual(lines.map((l) => [l.amount.amount, l.structuredReference]), [
      [218700, '302388292000011111111111111'], [129600, '302388292000022222222222222'],
    ]);
  });

  it('keeps a batch entry whole when its transactions do not add up to it, with every remittance text', () => {
    const lines = linesOf('camt054/genkgo-camt/camt054.v8.xml');
    assert.equal(lines.length, 1);
    assert.deepEqual(lines[0]?.amount, { amount: 20000000, currency: 'SEK' });
    assert.equal(lines[0]?.structuredReference, 'ISR ref number V1');
    assert.match(lines[0]?.remittanceText ?? '', /V1.*V2.*V3 block 2/);
  });

  it('reads both statements of a multi-statement message', () => {
    assert.deepEqual(statementsOf('camt053/genkgo-camt/camt053.v2.multi.statement.xml').map((s) => s.id), ['253EURNL26VAYB8060476890', '254EURNL26VAYB8060476890']);
  });

  it('rejects a message with a group header and no statement, naming the problem', () => {
    const result = parseStatement(bankFile('camt053/genkgo-camt/camt053.v2.wrong.xml'));
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.code, 'NO_STATEMENT');
  });
});

/** The OCA golden files are Python literals; amounts, dates and refs are read by pattern. */
function ocaGolden(path: string) {
  const text = bankText(path);
  const txs = text.split("{'account_number'").slice(1).map((block) => ({
    account: /^: '([^']*)'/.exec(block)?.[1] ?? null,
    amount: decimalToMinor(/'amount': (-?[\d.]+)/.exec(block)?.[1] ?? 'x'),
    date: /'date': '([\d-]+)'/.exec(block)?.[1],
    partner: /'partner_name': '([^']*)'/.exec(block)?.[1],
    type: /'transaction_type': '([^']*)'/.exec(block)?.[1],
  }));
  return {
    account: /^\('\w+',\s*'([^']+)'/.exec(text)?.[1],
    start: /'balance_start': (-?[\d.]+)/.exec(text)?.[1],
    end: /'balance_end_real': (-?[\d.]+)/.exec(text)?.[1],
    txs,
  };
}

describe('camt against OCA bank-statement-import golden files', () => {
  for (const [xml, golden] of [
    ['camt053/oca-bank-statement-import/test-camt053.xml', 'camt053/oca-bank-statement-import/expected/golden-camt053.pydata'],
    ['camt053/oca-bank-statement-import/test-camt053-txdtls.xml', 'camt053/oca-bank-statement-import/expected/golden-camt053-txdtls.pydata'],
    ['camt054/oca-bank-statement-import/test-camt054.xml', 'camt054/oca-bank-statement-import/expected/golden-camt054.pydata'],
  ] as const) {
    it(`reads ${xml.split('/').pop()} as OCA does: amounts, dates, partners, accounts, codes`, () => {
      const expected = ocaGolden(golden);
      const [stmt] = statementsOf(xml);
      assert.ok(stmt);
      assert.equal(stmt.account, expected.account);
      if (stmt.format === 'camt.053') {
        assert.equal(stmt.openingBalance?.amount.amount, decimalToMinor(expected.start ?? 'x'));
        assert.equal(stmt.closingBalance?.amount.amount, decimalToMinor(expected.end ?? 'x'));
      }
      assert.equal(stmt.lines.length, expected.txs.length);
      expected.txs.forEach((tx, i) => {
        const line = stmt.lines[i];
        assert.ok(line);
        assert.equal(signed(line), tx.amount, `amount ${i}`);
        assert.equal(line.bookingDate, tx.date, `date ${i}`);
        assert.equal(line.counterpartyName, tx.partner, `partner ${i}`);
        assert.equal(line.counterpartyAccount, tx.account, `partner account ${i}`);
        assert.equal(line.transactionCode, tx.type, `transaction type ${i}`);
      });
    });
  }

  it('flags the returned direct debit (AC06) as a reversal', () => {
    const lines = linesOf('camt053/oca-bank-statement-import/test-camt053.xml');
    assert.deepEqual(lines.map((l) => l.reversal), [false, true, true, false]);
  });

  it('reads a statement with balances and no entries', () => {
    const [stmt] = statementsOf('camt053/oca-bank-statement-import/test-camt053-no-ntry.xml');
    assert.equal(stmt?.lines.length, 0);
    assert.ok(stmt?.openingBalance);
  });

  it('reads balance dates given as DtTm with nanoseconds', () => {
    const [stmt] = statementsOf('camt053/genkgo-camt/camt53.only-Dt-with-DtTm.xml');
    assert.equal(stmt?.openingBalance?.date, '2025-07-23');
  });
});
