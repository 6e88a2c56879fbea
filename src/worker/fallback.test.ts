import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fallbackAfterBlock, pickFallback } from './fallback.ts';

const payload = (sends: { template: string; fallback?: string[] }[]) => ({ actions: [{ type: 'task', task: 'call' }, ...sends.map((s) => ({ type: 'send', channels: ['email'], ...s }))] });

describe('choosing the fallback channel', () => {
  it('takes the first fallback of the step\'s send not tried yet for the action', () => {
    assert.equal(pickFallback(payload([{ template: 't', fallback: ['whatsapp', 'sms'] }]), 't', ['email']), 'whatsapp');
    assert.equal(pickFallback(payload([{ template: 't', fallback: ['whatsapp', 'sms'] }]), 't', ['email', 'whatsapp']), 'sms');
    assert.equal(pickFallback(payload([{ template: 't', fallback: ['whatsapp'] }]), 't', ['email', 'whatsapp']), null);
  });
  it('matches the send by template when a step has several, and knows no fallback in actions planned without one', () => {
    assert.equal(pickFallback(payload([{ template: 'a', fallback: ['sms'] }, { template: 'b', fallback: ['voice'] }]), 'b', ['email']), 'voice');
    assert.equal(pickFallback(payload([{ template: 'a' }]), 'a', ['email']), null);
    assert.equal(pickFallback({}, 'a', []), null);
    assert.equal(pickFallback(payload([{ template: 'a', fallback: ['fax', 'sms'] }]), 'a', []), 'sms');
  });
  it('falls back after blocks about the channel, not after those about the debt or the person', () => {
    for (const code of ['CONSENT_MISSING', 'OPTED_OUT', 'WA_TEMPLATE_REQUIRED', 'EMPLOYER_EMAIL', 'CALL_CAP']) assert.equal(fallbackAfterBlock(code), true, code);
    for (const code of ['DEBT_SETTLED', 'CEASE_REQUESTED', 'DISPUTE_UNVERIFIED', 'ONE_CHANNEL_PER_WEEK', 'TIME_ZONE_UNKNOWN']) assert.equal(fallbackAfterBlock(code), false, code);
  });
});
