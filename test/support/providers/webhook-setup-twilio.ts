// A fake of Twilio's IncomingPhoneNumber resource on loopback (twilio.com/docs/phone-numbers/api/incomingphonenumber-
// resource): the account's numbers read by PhoneNumber (GET IncomingPhoneNumbers.json) and updated by their SID (POST
// IncomingPhoneNumbers/{Sid}.json, form fields), with basic auth account SID : auth token, as Twilio checks them.
import { randomBytes } from 'node:crypto';
import { json, serve, type Received, type Running } from './http.ts';

export interface FakeNumber { sid: string; phone_number: string; voice_url: string | null; voice_method: string; sms_url: string | null; sms_method: string;
  status_callback: string | null; status_callback_method: string; voice_application_sid: string | null; sms_application_sid: string | null }

export interface FakeTwilioNumbers extends Running { numbers: FakeNumber[]; updates: Record<string, string>[]; requests: string[] }

/** The fields an update may set (a subset of the documented ones: the ones cobro uses and their neighbours). */
const UPDATABLE: Record<string, keyof FakeNumber> = {
  VoiceUrl: 'voice_url', VoiceMethod: 'voice_method', SmsUrl: 'sms_url', SmsMethod: 'sms_method', StatusCallback: 'status_callback',
  StatusCallbackMethod: 'status_callback_method', VoiceApplicationSid: 'voice_application_sid', SmsApplicationSid: 'sms_application_sid',
};

export async function fakeTwilioNumbers(opts: { accountSid: string; authToken: string; numbers: string[] }): Promise<FakeTwilioNumbers> {
  const numbers: FakeNumber[] = opts.numbers.map((n) => ({ sid: `PN${randomBytes(16).toString('hex')}`, phone_number: n, voice_url: 'https://demo.twilio.com/welcome/voice/',
    voice_method: 'POST', sms_url: 'https://demo.twilio.com/welcome/sms/reply', sms_method: 'POST', status_callback: null, status_callback_method: 'POST',
    voice_application_sid: null, sms_application_sid: null }));
  const updates: Record<string, string>[] = [];
  const requests: string[] = [];
  const root = `/2010-04-01/Accounts/${opts.accountSid}/IncomingPhoneNumbers`;
  const error = (res: Parameters<typeof json>[0], status: number, code: number, message: string) =>
    json(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
  const handle = (req: Received, res: Parameters<typeof json>[0]) => {
    requests.push(`${req.method} ${req.path}`);
    if (req.headers.authorization !== `Basic ${Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString('base64')}`) return error(res, 401, 20003, 'Authenticate');
    const url = new URL(req.path, 'http://fake');
    if (req.method === 'GET' && url.pathname === `${root}.json`) {
      const want = url.searchParams.get('PhoneNumber');
      const list = numbers.filter((n) => want === null || n.phone_number === want);
      return json(res, 200, { incoming_phone_numbers: list.map((n) => ({ ...n, account_sid: opts.accountSid })), page: 0, page_size: 50, next_page_uri: null });
    }
    const sid = url.pathname.startsWith(`${root}/`) && url.pathname.endsWith('.json') ? url.pathname.slice(root.length + 1, -'.json'.length) : null;
    const n = numbers.find((x) => x.sid === sid);
    if (req.method !== 'POST' || !n) return error(res, 404, 20404, 'The requested resource was not found');
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return error(res, 400, 21000, 'form-encoded body required');
    const f = Object.fromEntries(new URLSearchParams(req.body.toString('utf8')));
    for (const [k, v] of Object.entries(f)) {
      if (!(k in UPDATABLE)) return error(res, 400, 20001, `Unknown parameter ${k}`);
      if (k.endsWith('Method') && v !== 'GET' && v !== 'POST') return error(res, 400, 21606, `${k} must be GET or POST`);
      if (k.endsWith('Url') || k === 'StatusCallback') { try { new URL(v); } catch { return error(res, 400, 21502, `${k} is not a valid URL`); } }
    }
    updates.push(f);
    for (const [k, v] of Object.entries(f)) (n as unknown as Record<string, string>)[UPDATABLE[k]!] = v;
    return json(res, 200, { ...n, account_sid: opts.accountSid });
  };
  const running = await serve(handle);
  return { ...running, numbers, updates, requests };
}
