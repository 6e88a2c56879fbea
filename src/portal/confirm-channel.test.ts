// The confirmation's channel: WhatsApp when preferred and opted in to, a call when preferred and the org can call, else
// email first, SMS when preferred or when there is no email, a stopped channel passed over (a call when only it reaches).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { confirmationChannel, writtenFallback } from './confirm-channel.ts';

const both = { email: 'ana@example.com', phone: '+525512345678', preferred_channel: null };
const none = () => false;

describe('confirmationChannel', () => {
  it('confirms by email when the debtor has one and prefers nothing else', () => {
    assert.equal(confirmationChannel(both, none), 'email');
    assert.equal(confirmationChannel({ ...both, preferred_channel: 'whatsapp' }, none), 'email');
  });
  it('confirms by SMS when the debtor prefers it or has no email', () => {
    assert.equal(confirmationChannel({ ...both, preferred_channel: 'sms' }, none), 'sms');
    assert.equal(confirmationChannel({ ...both, email: null }, none), 'sms');
  });
  it('passes over a stopped channel while another reaches the debtor', () => {
    assert.equal(confirmationChannel(both, (ch) => ch === 'email'), 'sms');
    assert.equal(confirmationChannel({ ...both, preferred_channel: 'sms' }, (ch) => ch === 'sms'), 'email');
  });
  it('keeps the first channel when every one is stopped, for the gate to block', () => {
    assert.equal(confirmationChannel(both, () => true), 'email');
  });
  it('confirms on WhatsApp when the debtor prefers it and opted in to it, and passes it over otherwise', () => {
    const wa = { ...both, preferred_channel: 'whatsapp' };
    assert.equal(confirmationChannel(wa, none, { whatsappOptIn: true }), 'whatsapp');
    assert.equal(confirmationChannel({ ...wa, phone: null, whatsapp: '+525599999999' }, none, { whatsappOptIn: true }), 'whatsapp');
    assert.equal(confirmationChannel(wa, none, { whatsappOptIn: false }), 'email', 'no opt-in');
    assert.equal(confirmationChannel(wa, (ch) => ch === 'whatsapp', { whatsappOptIn: true }), 'email', 'WhatsApp stopped');
    assert.equal(confirmationChannel({ ...both, email: null, preferred_channel: 'whatsapp' }, (ch) => ch === 'whatsapp', { whatsappOptIn: true }), 'sms');
    assert.equal(confirmationChannel(both, none, { whatsappOptIn: true }), 'email', 'opted in, but prefers nothing');
  });
  it('calls when the debtor prefers calls and the org has a voice provider, with the written channel to fall back on', () => {
    const voice = { ...both, preferred_channel: 'voice' };
    assert.equal(confirmationChannel(voice, none, { calls: true }), 'voice');
    assert.equal(writtenFallback(voice, none), 'email');
    assert.equal(confirmationChannel(voice, none), 'email', 'no voice provider: the sandbox calls no one');
    assert.equal(confirmationChannel(voice, (ch) => ch === 'voice', { calls: true }), 'email', 'calls stopped');
    assert.equal(confirmationChannel({ ...voice, phone: null }, none, { calls: true }), 'email', 'no number to call');
    assert.equal(confirmationChannel(both, none, { calls: true }), 'email', 'the org calls, but the debtor prefers nothing');
  });
  it('calls when every written channel is stopped and calls are not', () => {
    const writtenStopped = (ch: string) => ch === 'email' || ch === 'sms';
    assert.equal(confirmationChannel(both, writtenStopped, { calls: true }), 'voice');
    assert.equal(writtenFallback(both, writtenStopped), null);
    assert.equal(confirmationChannel(both, writtenStopped), 'email', 'without a voice provider the gate blocks the email');
    assert.equal(confirmationChannel(both, () => true, { calls: true }), 'email', 'everything stopped: the gate blocks the first');
  });
  it('has no channel when neither an email nor a phone reaches the debtor', () => {
    assert.equal(confirmationChannel({ email: null, phone: null, preferred_channel: 'sms' }, none), null);
  });
});
