// The compliance opt-out reading (US-12) measured on the labelled evaluation set: what it reads and what it misses.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectOptOut } from '../../compliance/index.ts';
import { loadEvalSets } from './sets.ts';

/** Measured when the reading was reworked: precision 1.000 and recall 1.000 on the 51 labelled opt-outs of 690 messages. */
const FLOORS = { precision: 1, recall: 0.98 };

describe('the compliance opt-out reading on the evaluation set', () => {
  const rows = loadEvalSets().map((c) => ({ c, read: detectOptOut(c.text, { channel: 'whatsapp' }).kind === 'opt_out' }));
  const wanted = rows.filter((r) => r.c.intent === 'opt_out');
  const read = rows.filter((r) => r.read);

  it(`US-12 reads no labelled non-opt-out as an opt-out (precision ${FLOORS.precision})`, () => {
    assert.ok(wanted.length >= 45, `${wanted.length} labelled opt-outs`);
    assert.deepEqual(read.filter((r) => r.c.intent !== 'opt_out').map((r) => `${r.c.intent}: ${r.c.text}`), []);
  });

  it(`US-12 reads labelled opt-outs in every language with recall at or above ${FLOORS.recall}`, () => {
    const missed = wanted.filter((r) => !r.read).map((r) => r.c.text);
    assert.ok((wanted.length - missed.length) / wanted.length >= FLOORS.recall, `missed: ${missed.join(' | ')}`);
    for (const language of ['en', 'es', 'pt-BR']) assert.ok(wanted.some((r) => r.c.language === language && r.read), language);
  });
});
