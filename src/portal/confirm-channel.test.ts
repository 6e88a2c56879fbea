// The confirmation's channel: WhatsApp when preferred and opted in to, else email first, SMS when preferred or when there
// is no email, a stopped channel passed over.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { confirmationChannel } from './confirm-channel.ts';

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
    assert.equal(confirmationChannel(wa, none, true), 'whatsapp');
    assert.equal(confirmationChannel({ ...wa, phone: null, whatsapp: '+525599999999' }, none, true), 'whatsapp');
    assert.equal(confirmationChannel(wa, none, false), 'email', 'no opt-in');
    assert.equal(confirmationChannel(wa, (ch) => ch === 'whatsapp', true), 'email', 'WhatsApp stopped');
    assert.equal(confirmationChannel({ ...both, email: null, preferred_channel: 'whatsapp' }, (ch) => ch === 'whatsapp', true), 'sms');
    assert.equal(confirmationChannel(both, none, true), 'email', 'opted in, but prefers nothing');
  });
  it('has no channel when neither an email nor a phone reaches the debtor', () => {
    assert.equal(confirmationChannel({ email: null, phone: null, preferred_channel: 'sms' }, none), null);
  });
});
