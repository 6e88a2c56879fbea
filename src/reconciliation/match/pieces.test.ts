// Tests of the matcher's pieces: OCR fixing, reference keys, name likeness, the bounded combination search, reversals.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fixOcr, heldTextKeys, invoiceKeys, keysOf, textKeys, tokens } from './text.ts';
import { HASH_START, HashBits, hashOn } from './key-hashes.ts';
import { nameSimilarity } from './names.ts';
import { findCombination } from './allocate.ts';
import { pickReversed, type ReversibleCredit } from './reversal.ts';

describe('references in text', () => {
  it('turns letters that touch digits into digits and leaves words alone', () => {
    assert.equal(fixOcr('2O26'), '2026');
    assert.equal(fixOcr('INVOO42'), 'INV0042');
    assert.equal(fixOcr('INVOICE'), 'INVOICE');
    assert.equal(fixOcr('1S5'), '155');
  });
  for (const [number, text] of [['INV-0042', 'inv 42'], ['INV-2026-0042', 'I N V 2026-0042'], ['A-17', 'a 17 paid'],
    ['00012345', 'ref 12345'], ['RE091202-3737', 'SPOEDBETALING GE2009120212345 RE091202-3737 /RFB/']] as const) {
    it(`finds ${number} in "${text}"`, () => {
      const keys = textKeys([text], null);
      assert.ok(invoiceKeys(number).some((k) => keys.has(k)), `${invoiceKeys(number).join(',')} not in ${[...keys].join(',')}`);
    });
  }
  it('does not index numbers too short to tell apart', () => assert.deepEqual(invoiceKeys('7'), []));
  it('keys joined tokens as the regular expressions that define them do', () => {
    const defined = (joined: string): string[] => {
      const digits = joined.replace(/\D/g, '').replace(/^0+/, '');
      if (!digits) return [];
      const alnum = joined.replace(/(^|[A-Z])0+(?=\d)/g, '$1');
      return [...(alnum.length >= 3 ? [`a:${alnum}`] : []), ...(digits.length >= 4 ? [`d:${digits}`] : [])];
    };
    assert.deepEqual(keysOf(['AB00', '12']), ['a:AB12']);
    assert.deepEqual(keysOf(['A000', 'B7']), ['a:A0B7']);
    assert.deepEqual(keysOf(['A000', 'B']), []);
    let seed = 7;
    const next = () => { seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648; return seed; };
    for (let n = 0; n < 20_000; n++) {
      let s = '';
      for (let i = 0, len = 1 + (next() % 12); i < len; i++) s += 'AB0001200Z9'[next() % 11];
      assert.deepEqual(keysOf([s.slice(0, 3), s.slice(3)]), defined(s), s);
    }
  });
  it('keys every window of one to four tokens of a text, in order, as keysOf keys the window joined', () => {
    let seed = 11;
    const next = () => { seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648; return seed; };
    for (let n = 0; n < 20_000; n++) {
      let s = '';
      for (let i = 0, len = 1 + (next() % 30); i < len; i++) s += 'AB0001200Z9 -xo'[next() % 15];
      const t = tokens(s);
      const expected = new Set<string>();
      for (let i = 0; i < t.length; i++) for (let w = 1; w <= 4 && i + w <= t.length; w++) for (const k of keysOf(t.slice(i, i + w))) expected.add(k);
      assert.deepEqual([...textKeys([s], null)], [...expected], s);
    }
  });
  it('finds the held keys of a text by their hashes: those of textKeys the store has, in order', () => {
    let seed = 13;
    const next = () => { seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648; return seed; };
    const texts: string[] = [];
    for (let n = 0; n < 20_000; n++) {
      let s = '';
      for (let i = 0, len = 1 + (next() % 30); i < len; i++) s += 'AB0001200Z9 -xo'[next() % 15];
      texts.push(s);
    }
    // about every third key a text has is stored, and as many keys no text has; the bits are sized small so some say
    // "maybe" wrongly
    const stored = new Set<string>();
    for (const s of texts) for (const k of textKeys([s], null)) if (next() % 3 === 0) stored.add(k);
    for (let n = 0; n < stored.size; n++) stored.add(`a:Z${next()}`);
    const bits = new HashBits(stored.size / 4);
    for (const k of stored) bits.add(hashOn(HASH_START, k));
    const held = { mayHold: (h: number) => bits.has(h), has: (k: string) => stored.has(k) };
    let found = 0;
    for (const s of texts) {
      const expected = [...textKeys([s, 'x 0012'], 'RF18 0012 3')].filter((k) => stored.has(k));
      found += expected.length;
      assert.deepEqual(heldTextKeys([s, 'x 0012'], 'RF18 0012 3', held), expected, s);
    }
    assert.ok(found > 20_000, String(found));
  });
  it('reads accented and plain text alike', () => {
    assert.deepEqual(tokens('Facturé nº 2O26-OO42 SOS'), ['FACTURE', 'NO', '2026', '0042', 'SOS']);
    assert.deepEqual(tokens('Facture no 2O26-OO42 SOS'), ['FACTURE', 'NO', '2026', '0042', 'SOS']);
  });
});

describe('names', () => {
  for (const [a, b, min] of [['Karl Kaufmann', 'KAUFMANN KARL', 1], ['Acme Industrial GmbH', 'ACME INDUSTRIAL', 1],
    ['Müller & Söhne AG', 'Mueller und Soehne', 0.6], ['Borealis Trading S.L.', 'BOREALIS TRADNG', 0.8]] as const) {
    it(`finds "${a}" like "${b}"`, () => assert.ok(nameSimilarity(a, b) >= min, String(nameSimilarity(a, b))));
  }
  it('keeps different names apart', () => assert.ok(nameSimilarity('Quentin Quast', 'Karl Kaufmann') < 0.5));
});

describe('findCombination', () => {
  const invs = [3, 5, 7, 11, 13].map((b, i) => ({ id: `i${i}`, number: `N${i}`, customerId: 'c', currency: 'EUR', balance: b * 100,
    dueDate: `2026-01-0${i + 1}` }));
  it('finds the invoices that add up to the amount, oldest first', () => {
    const r = findCombination(2_000, invs);
    assert.deepEqual(r.found?.map((i) => i.id), ['i2', 'i4']);
    assert.equal(r.several, false);
  });
  it('says when several combinations fit', () => {
    const r = findCombination(1_800, invs);
    assert.deepEqual([r.found?.map((i) => i.id), r.several], [['i1', 'i4'], true]);
  });
  it('misses no combination among 24 invoices of nearly equal balances', () => {
    const many = Array.from({ length: 24 }, (_, i) => ({ ...invs[0]!, id: `m${i}`, number: `M${i}`, balance: 1_000 + 7 * i,
      dueDate: `2026-01-${String(i + 1).padStart(2, '0')}` }));
    for (const k of [2, 5, 12]) {
      const newest = many.slice(-k);
      const r = findCombination(newest.reduce((t, i) => t + i.balance, 0), many);
      assert.deepEqual(r.found?.map((i) => i.id), newest.map((i) => i.id), `the ${k} newest`);
    }
    assert.equal(findCombination(many.slice(-2).reduce((t, i) => t + i.balance, 0), many, { maxInvoices: 10, maxSteps: 100 }).found, null,
      'only the oldest maxInvoices take part');
  });
});

describe('pickReversed', () => {
  const credit = (over: Partial<ReversibleCredit>): ReversibleCredit => ({ id: 'l1', amount: 5_000, currency: 'EUR', date: '2026-03-01',
    endToEndId: null, counterpartyAccount: null, counterpartyName: null, ...over });
  it('follows the end-to-end id of the original', () => {
    const r = pickReversed(credit({ id: 'r', endToEndId: 'E2E-9', date: '2026-03-05' }),
      [credit({ id: 'a', endToEndId: 'E2E-1' }), credit({ id: 'b', endToEndId: 'E2E-9' })]);
    assert.equal(r?.id, 'b');
  });
  it('falls back to the payer account, then gives up when nothing ties them', () => {
    const cands = [credit({ id: 'a', counterpartyAccount: 'NL91 ABNA 0417 1643 00' })];
    assert.equal(pickReversed(credit({ id: 'r', counterpartyAccount: 'NL91ABNA0417164300' }), cands)?.id, 'a');
    assert.equal(pickReversed(credit({ id: 'r', counterpartyAccount: 'DE00000000000000' }), cands), null);
    assert.equal(pickReversed(credit({ id: 'r', amount: 4_999, counterpartyAccount: 'NL91ABNA0417164300' }), cands), null);
  });
});
