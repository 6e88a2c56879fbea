// Speech on a call in the agent: badly heard speech is asked again then handed over, and written answers become speakable.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LIMITS } from '../payments/index.ts';
import { HEARD_AT, misheard } from './call-answer.ts';
import { decideTurn } from './policy.ts';
import type { TurnInput } from './policy-types.ts';
import { disclosureOf, writeReply } from './replies/index.ts';
import { speakable } from './replies/spoken.ts';

const now = new Date('2026-03-10T17:00:00Z');

function aTurn(over: Partial<TurnInput> = {}): TurnInput {
  return {
    understanding: { text: 'mándeme el link', language: 'es', languageConfidence: 0.9, languageSource: 'text', intent: 'request_link', confidence: 0.95,
      alternatives: [], decidedBy: 'model', entities: { dates: [], amounts: [], instalments: [] }, optOut: { kind: 'none' } },
    today: '2026-03-10', owed: { currency: 'MXN', balance: 150_000, invoices: 1, oldestDue: '2026-02-01' }, limits: DEFAULT_LIMITS, threshold: 0.5,
    history: [], activePlan: false, extensionsUsed: 0, handoverOpen: false, ...over,
  };
}

describe('speech on a call', () => {
  it('counts speech recognised under the threshold as not understood: asked again, then handed to a person', () => {
    const heard = { confidence: 0.3, threshold: HEARD_AT };
    const once = decideTurn(aTurn({ misheard: heard }), now);
    assert.deepEqual([once.action, once.reply?.key, once.effects], ['clarified', 'clarify', []], 'nothing done on a guess');
    const twice = decideTurn(aTurn({ misheard: heard, history: [{ at: '2026-03-10T16:59:00.000Z', channel: 'voice', intent: 'other', confidence: 0.4,
      action: 'clarified', awaiting: null, replied: true }] }), now);
    assert.deepEqual([twice.action, twice.effects], ['handed_over', [{ kind: 'handover', reason: 'misunderstood' }]]);
    assert.equal(decideTurn(aTurn({ misheard: null }), now).action, 'sent_link', 'speech heard well is acted on');
  });

  it('reads the recognition\'s confidence only from speech', () => {
    const at = '2026-03-10T17:00:00Z';
    assert.deepEqual(misheard({ text: 'x', channel: 'voice', from_address: '+1', received_at: at, speech_confidence: 0.2 }), { confidence: 0.2, threshold: HEARD_AT });
    assert.equal(misheard({ text: 'x', channel: 'voice', from_address: '+1', received_at: at, speech_confidence: 0.8 }), null);
    assert.equal(misheard({ text: 'x', channel: 'voice', from_address: '+1', received_at: at, speech_confidence: null }), null);
    assert.equal(misheard({ text: 'x', channel: 'sms', from_address: '+1', received_at: at, speech_confidence: 0.1 }), null);
  });

  it('leaves links out of what is said, says "say yes" for "reply YES", and drops the written sign-off', () => {
    const w = { language: 'es' as const, locale: 'es-MX', company: 'Luna', currency: 'MXN', first: false };
    const signoff = disclosureOf('es', 'Luna').signoff;
    const link = speakable(writeReply({ key: 'link', params: { total: 150_000 }, kind: 'reply', tags: [], withInvoices: true }, w), 'es', signoff);
    assert.deepEqual(link, { text: '', linked: true });
    const offer = speakable(writeReply({ key: 'extension_offer', params: { days: 15, date: '2026-03-25' }, kind: 'reply', tags: [], withInvoices: false }, w), 'es', signoff);
    assert.equal(offer.text, 'Puedo darle hasta 15 días más, hasta el miércoles, 25 de marzo. Diga sí para tomarlos.');
    assert.equal(offer.linked, false);
    const en = speakable('Done: your plan is set up. You can pay here: {{portal_link}} (automated assistant)', 'en', '(automated assistant)');
    assert.deepEqual(en, { text: 'Done: your plan is set up.', linked: true });
  });
});
