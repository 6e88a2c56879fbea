// The new readings (misspelt refusals, wrong parties, inconvenient times) on the agent's labelled messages: the training
// corpus with its typing slips and the evaluation sets, some 5,300 messages in en / es / pt-BR. None is read where its label
// says otherwise.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { corpusExamples } from '../../agent/corpus/index.ts';
import { loadEvalSets } from '../../agent/eval/sets.ts';
import { detectOptOut } from './detect.ts';
import { findRevocation } from './revoke.ts';

const rows = [...corpusExamples(), ...loadEvalSets()].map((c) => ({ c, d: detectOptOut(c.text, { channel: 'whatsapp' }) }));

describe('the readings on labelled messages', () => {
  it('reads no misspelt refusal in a message not labelled opt_out', () => {
    const fuzzy = rows.filter((r) => r.d.kind === 'opt_out' && r.d.rule === 'US-12' && !findRevocation(r.c.text));
    assert.deepEqual(fuzzy.filter((r) => r.c.intent !== 'opt_out').map((r) => `${r.c.intent}: ${r.c.text}`), []);
  });
  it('reads no wrong party in a message not labelled wrong_person, and a good share of those labelled', () => {
    assert.deepEqual(rows.filter((r) => r.d.kind === 'wrong_party' && r.c.intent !== 'wrong_person').map((r) => `${r.c.intent}: ${r.c.text}`), []);
    const labelled = rows.filter((r) => r.c.intent === 'wrong_person');
    const read = labelled.filter((r) => r.d.kind === 'wrong_party').length;
    assert.ok(read / labelled.length >= 0.35, `${read} of ${labelled.length}`);
  });
  it('reads no inconvenient time where none is said', () => {
    assert.deepEqual(rows.filter((r) => r.d.kind === 'inconvenient_times' || (r.d.kind === 'opt_out' && r.d.times)).map((r) => r.c.text), []);
  });
});
