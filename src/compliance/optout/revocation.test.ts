// Revocation across numbers: an address-level opt-out widens to the channel; the consents for that channel are withdrawn.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { acrossNumbers, consentsRevokedBy, type ConsentOnFile } from './revocation.ts';

const consents: ConsentOnFile[] = [
  { id: 'tcpa-a', kind: 'automated_calls', channel: 'call', revoked: false },
  { id: 'tcpa-any', kind: 'automated_calls', revoked: false },
  { id: 'wa-a', kind: 'whatsapp_opt_in', revoked: false },
  { id: 'sms-auth', kind: 'channel', channel: 'sms', revoked: false },
  { id: 'sms-old', kind: 'channel', channel: 'sms', revoked: true },
  { id: 'all-channels', kind: 'channel', revoked: false },
  { id: 'employer', kind: 'employer_email', revoked: false },
];

describe('a revocation reaches all of the person\'s numbers (US-12, WA-1, SMS-1)', () => {
  it('widens an address to its channel and leaves wider scopes alone', () => {
    assert.deepEqual(acrossNumbers({ kind: 'address', channel: 'sms', address: '+13125550101' }), { kind: 'channel', channel: 'sms' });
    assert.deepEqual(acrossNumbers({ kind: 'channel', channel: 'email' }), { kind: 'channel', channel: 'email' });
    assert.deepEqual(acrossNumbers({ kind: 'all' }), { kind: 'all' });
  });
  it('withdraws every live consent of the channel kind, whatever number it names', () => {
    assert.deepEqual(consentsRevokedBy({ kind: 'channel', channel: 'call' }, consents), ['tcpa-a', 'tcpa-any']);
    assert.deepEqual(consentsRevokedBy({ kind: 'channel', channel: 'whatsapp' }, consents), ['wa-a']);
    assert.deepEqual(consentsRevokedBy({ kind: 'channel', channel: 'sms' }, consents), ['sms-auth']);
    assert.deepEqual(consentsRevokedBy({ kind: 'channel', channel: 'email' }, consents), ['employer']);
  });
  it('withdraws every live consent on STOPALL', () => {
    assert.deepEqual(consentsRevokedBy({ kind: 'all' }, consents), ['tcpa-a', 'tcpa-any', 'wa-a', 'sms-auth', 'all-channels', 'employer']);
  });
});
