// A debtor's replies as the providers deliver them: a WhatsApp message signed as Meta signs it, an SMS through the
// Twilio fake (signed by it), each posted to the org's webhook and expected to be taken (200).
import assert from 'node:assert/strict';
import { metaSignature } from '../../src/compliance/index.ts';
import type { FakeTwilio } from './providers/twilio.ts';
import { metaJson } from './providers/meta.ts';
import { post } from './providers/http.ts';

/** A WhatsApp text from `from` with Meta's timestamp `at`, to the Meta webhook at `hookUrl`. */
export async function whatsappReply(hookUrl: string, from: string, text: string, at: Date, messageId: string): Promise<void> {
  const body = metaJson({ object: 'whatsapp_business_account', entry: [{ id: 'WABA_ID', changes: [{ field: 'messages', value: {
    messaging_product: 'whatsapp', metadata: { display_phone_number: '15550001111', phone_number_id: '1098765432' },
    contacts: [{ profile: { name: 'Debtor' }, wa_id: from.replace('+', '') }],
    messages: [{ from: from.replace('+', ''), id: messageId, timestamp: String(Math.floor(at.getTime() / 1000)), type: 'text', text: { body: text } }],
  } }] }] });
  assert.equal(await post(hookUrl, body, { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature('meta-app-secret', body) }), 200);
}

/** An SMS from `from` to the org's number, through the Twilio fake to the Twilio webhook at `hookUrl`. */
export async function smsReply(twilio: FakeTwilio, hookUrl: string, from: string, text: string): Promise<void> {
  assert.equal(await twilio.sendIncoming(hookUrl, { From: from, To: '+15550001111', Body: text }), 200);
}
