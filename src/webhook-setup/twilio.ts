// Twilio: the org's numbers (sms_from, voice_from) point at cobro (IncomingPhoneNumber resource, twilio.com/docs/phone-
// numbers/api/incomingphonenumber-resource): each is found in the account by PhoneNumber, then its "A call comes in"
// (VoiceUrl), "A message comes in" (SmsUrl) and call status callback (StatusCallback) are set, all POST, when one differs.
import { basicAuth } from '../channels/http.ts';
import { field } from '../payments/gateways/http.ts';
import { failed, providerError, type Registered, type SetupCall, type Step } from './types.ts';

export interface TwilioAccess { accountSid: string; authToken: string; apiBase?: string | undefined; numbers: string[] }
/** The URLs under cobro's table: incoming calls, messages and their statuses, call statuses. */
export interface TwilioUrls { incoming: string; messages: string; voice: string }

const E164 = /^\+[1-9]\d{6,14}$/;

/** The number's fields as cobro wants them: the resource's JSON names and the form names they are set with. */
const wantedOf = (u: TwilioUrls) => [
  ['voice_url', 'VoiceUrl', u.incoming], ['voice_method', 'VoiceMethod', 'POST'],
  ['sms_url', 'SmsUrl', u.messages], ['sms_method', 'SmsMethod', 'POST'],
  ['status_callback', 'StatusCallback', u.voice], ['status_callback_method', 'StatusCallbackMethod', 'POST'],
] as const;

export async function registerTwilio(s: SetupCall, a: TwilioAccess, urls: TwilioUrls): Promise<Registered> {
  const base = `${(a.apiBase ?? 'https://api.twilio.com').replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(a.accountSid)}`;
  const headers = { authorization: basicAuth(a.accountSid, a.authToken), accept: 'application/json' };
  const steps: Step[] = [];
  for (const number of a.numbers) {
    const what = `number ${number}`;
    if (!E164.test(number)) { steps.push(failed(what, 'not an E.164 number (+ and digits): a Messaging Service or WhatsApp sender is set in Twilio\'s console')); continue; }
    const found = await s.call({ url: `${base}/IncomingPhoneNumbers.json?PhoneNumber=${encodeURIComponent(number)}`, method: 'GET', headers });
    if (!found.ok || found.status !== 200) { steps.push(failed(what, providerError('Twilio', found))); continue; }
    const list = field(found.body, 'incoming_phone_numbers', 'object');
    const row = Array.isArray(list) ? list.find((n) => field(n, 'phone_number', 'string') === number) : undefined;
    const sid = field(row, 'sid', 'string');
    if (!sid) { steps.push(failed(what, `Twilio account ${a.accountSid} has no such number (IncomingPhoneNumbers)`)); continue; }
    const wanted = wantedOf(urls);
    if (wanted.every(([json, , value]) => field(row, json, 'string') === value)) { steps.push({ what, outcome: 'unchanged', id: sid }); continue; }
    const body = new URLSearchParams(wanted.map(([, form, value]) => [form, value])).toString();
    const r = await s.call({ url: `${base}/IncomingPhoneNumbers/${encodeURIComponent(sid)}.json`, method: 'POST', body,
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' } });
    if (!r.ok || r.status !== 200) { steps.push(failed(what, providerError('Twilio', r))); continue; }
    const apps = ['voice_application_sid', 'sms_application_sid'].filter((f) => field(row, f, 'string'));
    steps.push({ what, outcome: 'updated', id: sid,
      ...(apps.length ? { detail: `the number also names ${apps.join(' and ')}: Twilio uses that application's URLs instead; clear it in the console` } : {}) });
  }
  return { steps };
}

/** The org's own numbers, once each: the SMS and voice senders (a WhatsApp sender is Twilio's console's to set). */
export function twilioNumbers(settings: { sms_from?: string | undefined; voice_from?: string | undefined }): string[] {
  return [...new Set([settings.sms_from, settings.voice_from].filter((n): n is string => typeof n === 'string' && n.length > 0))];
}
