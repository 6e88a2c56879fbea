// Understanding a reply: the compliance opt-out reading always wins, the clock comes from the caller, confidences are probabilities.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectOptOut } from '../compliance/index.ts';
import { corpusExamples } from './corpus/index.ts';
import { loadEvalSets } from './eval/sets.ts';
import { defaultModels } from './model/train.ts';
import { understand } from './understand.ts';
import { INTENTS } from './types.ts';

const at = (now: string, timeZone = 'America/Mexico_City') => ({ now: new Date(now), timeZone });

describe('understand', () => {
  it('reads the examples of the issue', () => {
    const o = at('2026-03-11T15:00:00Z');
    assert.equal(understand('ya pagué', o).intent, 'already_paid');
    assert.equal(understand('can I pay on Friday?', o).intent, 'promise_to_pay');
    assert.equal(understand('no puedo pagar todo, ¿en cuotas?', o).intent, 'request_plan');
    assert.equal(understand("this isn't my invoice", o).intent, 'dispute');
    assert.equal(understand('PARE', o).intent, 'opt_out');
  });

  it('agrees with the compliance opt-out reading on every corpus and evaluation message', () => {
    const texts = [...corpusExamples().map((e) => e.text), ...loadEvalSets().map((c) => c.text), 'STOP', 'StopAll', 'baja', 'Chega!', 'no más'];
    const models = defaultModels();
    for (const text of texts) {
      if (detectOptOut(text, { channel: 'whatsapp' }).kind !== 'opt_out') continue;
      const u = understand(text, at('2026-03-11T15:00:00Z'), models);
      assert.deepEqual([u.intent, u.decidedBy, u.optOut.kind], ['opt_out', 'opt_out_rule', 'opt_out'], text);
    }
  });

  it('carries the opt-out\'s scope from the channel the message came on', () => {
    const u = understand('STOP', { ...at('2026-03-11T15:00:00Z'), channel: 'sms', address: '+13125550100' });
    assert.deepEqual(u.optOut, { kind: 'opt_out', scopes: [{ kind: 'address', channel: 'sms', address: '+13125550100' }], matched: 'stop', rule: 'SMS-1' });
  });

  it('resolves dates against the instant it is given, never the system clock', () => {
    const first = understand('te pago mañana', at('2026-03-11T15:00:00Z')).entities.dates[0]?.date;
    const later = understand('te pago mañana', at('2031-07-30T15:00:00Z')).entities.dates[0]?.date;
    assert.deepEqual([first, later], ['2026-03-12', '2031-07-31']);
  });

  it('gives probabilities: the best first, summing to at most one, each between 0 and 1', () => {
    for (const text of ['hola', 'cuanto debo?', 'I lost my job', 'qwerty zxcv', 'vou pagar sexta 200 reais']) {
      const u = understand(text, at('2026-03-11T15:00:00Z'));
      assert.equal(u.alternatives[0]?.intent, u.intent);
      assert.equal(u.alternatives[0]?.confidence, u.confidence);
      assert.ok(u.alternatives.every((a, i) => a.confidence >= 0 && a.confidence <= 1 && (i === 0 || a.confidence <= u.alternatives[i - 1]!.confidence)));
      assert.ok(u.alternatives.reduce((s, a) => s + a.confidence, 0) <= 1.001);
      assert.ok(INTENTS.includes(u.intent));
    }
  });

  it('uses the customer\'s language for a text too short to tell, and reads entities with it', () => {
    const u = understand('ok', { ...at('2026-03-11T15:00:00Z'), language: 'pt-BR' });
    assert.deepEqual([u.language, u.languageSource], ['pt-BR', 'hint']);
  });
});
