// A messaging server for one org with field encryption's master key set and a Twilio fake connected for SMS: the
// set-up of the tests that send to sealed numbers and read replies by their blind index.
import { before, after } from 'node:test';
import type { Db } from '../../src/db/index.ts';
import { configureFieldKeys } from '../../src/vault/index.ts';
import { fakeTwilio, type FakeTwilio } from './providers/twilio.ts';
import { TWILIO_ACCOUNT, TWILIO_TOKEN, connect, messagingServer, type MessagingServer } from './messaging.ts';

export interface SealedSms { server: MessagingServer; twilio: FakeTwilio; db: Db; org: string }

/** Registers before/after hooks in the calling suite; the returned object is filled once `before` has run. */
export function sealedSmsSuite(master: string, orgName: string, now: Date): SealedSms {
  const s = {} as SealedSms;
  before(async () => {
    configureFieldKeys({ fieldKey: master });
    s.server = await messagingServer(() => now, orgName);
    s.db = s.server.db;
    s.org = s.server.org;
    s.twilio = await fakeTwilio({ accountSid: TWILIO_ACCOUNT, authToken: TWILIO_TOKEN });
    await connect(s.db, s.org, 'twilio', { account_sid: TWILIO_ACCOUNT, sms_from: '+15550001111', api_base: s.twilio.url, rate_per_second: 500 }, { auth_token: TWILIO_TOKEN });
  });
  after(async () => { await s.twilio.callbacksDone(); await s.twilio.close(); await s.server.close(); configureFieldKeys({}); });
  return s;
}
