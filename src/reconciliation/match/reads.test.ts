// Proposing a line again only when an earlier apply touched what it read gives the same decisions as proposing every line
// again after each apply.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndex, consume, addAlias } from './match-index.ts';
import { proposeMatch } from './matcher.ts';
import { IndexChanges, readsOf } from './reads.ts';
import { DEFAULT_SETTINGS, type MatchLine, type OpenInvoice, type PayerAlias, type Proposal } from './types.ts';

const inv = (id: string, customerId: string, number: string, balance: number): OpenInvoice =>
  ({ id, number, customerId, currency: 'EUR', balance, dueDate: '2026-02-01' });
const line = (over: Partial<MatchLine>): MatchLine => ({ amount: 10_000, currency: 'EUR', date: '2026-02-10', counterpartyName: null,
  counterpartyAccount: null, remittanceText: null, structuredReference: null, endToEndId: null, ...over });

const invoices = () => [inv('i1', 'cus_a', 'F-1001', 10_000), inv('i2', 'cus_a', 'F-1002', 4_000), inv('i3', 'cus_b', 'RE-2001', 6_000),
  inv('i4', 'cus_b', 'RE-2002', 10_000), inv('i5', 'cus_c', 'X-3001', 2_500)];
const customers = [{ id: 'cus_a', name: 'Acme Industrial GmbH' }, { id: 'cus_b', name: 'Borealis Trading S.L.' },
  { id: 'cus_c', name: 'Nova Textiles' }];
const LINES: MatchLine[] = [
  line({ remittanceText: 'F-1001' }),
  line({ remittanceText: 'invoice F-1001 again', counterpartyName: 'Acme Industrial' }),
  line({ amount: 4_000, counterpartyName: 'ACME INDUSTRIAL GMBH', counterpartyAccount: 'DE11 2222 3333' }),
  line({ amount: 6_000, remittanceText: 'RE-2001 part', counterpartyAccount: 'DE11 2222 3333' }),
  line({ amount: 4_000, counterpartyAccount: 'DE11 2222 3333' }),
  line({ amount: 10_000, date: '2026-02-02' }),
  line({ amount: 2_500, remittanceText: 'thanks' }),
  line({ amount: 2_500, remittanceText: 'X-3001' }),
];

/** Decides the lines in order, applying sure proposals and learning the payer's account, as a batch does. */
function decide(reproposeAll: boolean): (Proposal | null)[] {
  const index = buildIndex(invoices(), customers, []);
  const first = LINES.map((l) => ({ l, p: proposeMatch(l, index, DEFAULT_SETTINGS), reads: readsOf(l, index) }));
  const changes = new IndexChanges(index);
  let applied = 0;
  return first.map(({ l, p: before, reads }) => {
    const again = reproposeAll ? applied > 0 : changes.touches(reads);
    const p = again ? proposeMatch(l, index, DEFAULT_SETTINGS) : before;
    if (p && p.confidence >= 0.6) {
      applied += 1;
      const alias: PayerAlias[] = l.counterpartyAccount ? [{ kind: 'account', value: l.counterpartyAccount.replace(/\s/g, ''), customerId: p.customerId, matches: 1 }] : [];
      if (reproposeAll) {
        for (const a of p.allocations) consume(index, a.invoiceId, a.amount + a.fee, p.currency);
        for (const a of alias) addAlias(index, a);
      } else {
        for (const a of p.allocations) changes.consume(a.invoiceId, a.amount + a.fee, p.currency);
        for (const a of alias) changes.learn(a);
      }
    }
    return p;
  });
}

describe('proposing again only what changed', () => {
  it('decides as proposing every line again would', () => {
    const always = decide(true);
    assert.deepEqual(decide(false), always);
    assert.equal(always[1]?.allocations.some((a) => a.invoiceId === 'i1'), false, 'an invoice taken by an earlier line is not proposed again');
  });

  it('notes the customer, the balances and the aliases an apply touches', () => {
    const index = buildIndex(invoices(), customers, []);
    const changes = new IndexChanges(index);
    const byRef = readsOf(line({ amount: 6_000, remittanceText: 'RE-2001' }), index);
    const byAmount = readsOf(line({ amount: 1_000 }), index);
    const byAccount = readsOf(line({ amount: 999, counterpartyAccount: 'DE11 2222 3333' }), index);
    assert.equal(changes.touches(byRef) || changes.touches(byAmount) || changes.touches(byAccount), false);
    changes.consume('i4', 9_000, 'EUR');
    assert.ok(changes.touches(byRef), 'another invoice of the customer a line names');
    assert.ok(changes.touches(byAmount), 'the balance left is the amount of a line');
    assert.equal(changes.touches(byAccount), false);
    changes.learn({ kind: 'account', value: 'DE1122223333', customerId: 'cus_c', matches: 1 });
    assert.ok(changes.touches(byAccount));
  });
});
