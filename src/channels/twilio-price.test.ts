// Twilio's price read as the charge in micro-units, and a call's completed status callback carrying its length.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { twilioSignature } from '../compliance/index.ts';
import { chargeMicros } from './twilio-price.ts';
import { twilioVoiceAdapter } from './twilio-voice.ts';

describe('Twilio\'s price as a charge', () => {
  const cases: [string, number | null][] = [
    ['-0.00750', 7_500], ['-0.0075', 7_500], ['-1.2', 1_200_000], ['-0.014', 14_000], ['0.00000', 0], ['-0', 0],
    ['-0.0000004', 0], ['-0.0000005', 1], ['-0.00790125', 7_901], ['0.00500', -5_000], [' -0.05 ', 50_000],
    ['', null], ['abc', null], ['-0.00.1', null], ['1e-3', null], ['-.5', null],
  ];
  for (const [price, micros] of cases) {
    it(`reads ${JSON.stringify(price)} as ${micros}`, () => assert.equal(chargeMicros(price), micros));
  }
});

describe('a call\'s completed status callback', () => {
  const cfg = { accountSid: `AC${'ab'.repeat(16)}`, authToken: 'token', from: '+15550002222' };
  const adapter = twilioVoiceAdapter(cfg);
  const parse = (fields: Record<string, string>) => adapter.parseWebhook({ method: 'POST', url: 'https://cobro.test/webhooks/twilio/org/voice', headers: {
    'x-twilio-signature': twilioSignature('token', 'https://cobro.test/webhooks/twilio/org/voice', fields) }, body: Buffer.from(new URLSearchParams(fields).toString()) });
  const call = { AccountSid: cfg.accountSid, CallSid: `CA${'0'.repeat(32)}`, To: '+5215512345678', From: '+15550002222', Direction: 'outbound-api' };

  it('carries CallDuration as the call\'s length in seconds', () => {
    const [e] = parse({ ...call, CallStatus: 'completed', CallDuration: '125' });
    assert.deepEqual(e?.type === 'delivery' ? [e.state, e.duration] : [], ['delivered', 125]);
  });
  it('has no length before the call ends, nor when CallDuration is not a whole number of seconds', () => {
    const [ringing] = parse({ ...call, CallStatus: 'in-progress', CallDuration: '5' });
    const [bad] = parse({ ...call, CallStatus: 'completed', CallDuration: '1.5' });
    const [none] = parse({ ...call, CallStatus: 'completed' });
    for (const e of [ringing, bad, none]) assert.ok(e?.type === 'delivery' && e.duration === undefined, JSON.stringify(e));
  });
});
