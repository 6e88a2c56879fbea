// A fake Twilio REST API on loopback: checks Messages and Calls requests as Twilio documents them, answers like Twilio
// (reads of a message or call back with its price too),
// and sends status callbacks and incoming messages signed with X-Twilio-Signature exactly as Twilio does.
import { randomBytes } from 'node:crypto';
import { twilioSignature } from '../../../src/compliance/index.ts';
import { json, post, serve, type Received, type Running } from './http.ts';

export interface FakeTwilioOptions {
  accountSid: string;
  authToken: string;
  /** Numbers that replied STOP: sends to them fail with 21610. */
  optedOut?: string[];
  /** Answer the next N requests with 429 and Retry-After. */
  rateLimitNext?: number;
  /** Answer every request this many milliseconds after it arrived, as a real provider does (tens to hundreds of ms). */
  latencyMs?: number;
  /** CallDuration (seconds) on a call's completed status callback, as Twilio sends it (9 unless set). */
  callSeconds?: number;
}

/** What a GET of a message or call answers with for its price: Twilio's `price` (null until billed) and `price_unit`. */
export interface FakePrice { price: string | null; price_unit: string }

export interface FakeTwilio extends Running {
  accepted: Record<string, string | string[]>[];
  /** When each accepted request arrived (ms), to check send rates. */
  acceptedAt: number[];
  rejected: { status: number; code: number; message: string }[];
  /**
   * The price each message or call (by sid) is read back with (GET .../Messages/{Sid}.json, .../Calls/{Sid}.json), one
   * answer a read, the last one repeated; a sid not set answers price null. `reads` lists the reads, Basic auth checked.
   */
  prices: Map<string, FakePrice[]>;
  reads: { resource: 'Messages' | 'Calls'; sid: string }[];
  /** Posts an incoming message to a webhook URL, signed as Twilio signs it. */
  sendIncoming(url: string, fields: Record<string, string>): Promise<number>;
  /**
   * Posts what <Gather> heard on a call to its action URL, signed as Twilio signs it (SpeechResult and Confidence, or
   * Digits), and returns the answer: the TwiML the call goes on with.
   */
  gathered(url: string, fields: Record<string, string>, idempotencyToken?: string): Promise<{ status: number; twiml: string }>;
  /**
   * Someone dials the org's number: Twilio posts the number's "A call comes in" webhook, signed, with a new CallSid (or
   * the one given), and the TwiML the call is answered with comes back.
   */
  callsIn(url: string, fields: Record<string, string>): Promise<{ status: number; twiml: string; callSid: string }>;
  /**
   * A call made to the org's number ends: Twilio posts the number's "Call status changes" callback, signed, with the
   * call's final CallStatus (completed, busy, no-answer, canceled, failed) and Direction inbound; the HTTP status comes back.
   */
  callEnds(url: string, fields: { CallSid: string; CallStatus: string; From: string; To: string }): Promise<number>;
  /**
   * A put-through (<Dial action=...>) ends: Twilio posts the dial's outcome to the verb's action URL, signed, with the
   * caller's call (CallSid, CallStatus in-progress, Direction inbound) and DialCallStatus, DialCallSid, DialCallDuration;
   * the TwiML the call goes on with comes back. The same fields again are a redelivery (the same DialCallSid).
   */
  dialEnds(url: string, fields: { CallSid: string; From: string; To: string; DialCallStatus: string; DialCallSid?: string; DialCallDuration?: string }):
    Promise<{ status: number; twiml: string }>;
  /**
   * The put-through's dialled leg answers (<Number url=...>): Twilio requests the url on that leg, signed, with the leg's
   * CallSid, ParentCallSid (the caller's call), Direction outbound-dial; with Digits, what the person pressed when the
   * leg's <Gather> posts back to the same url. The TwiML run on the leg comes back.
   */
  legAnswers(url: string, fields: { ParentCallSid: string; CallSid: string; From: string; To: string; Digits?: string }): Promise<{ status: number; twiml: string }>;
  /**
   * Answering machine detection on a dialled leg (<Number machineDetection amdStatusCallback=...>) has its verdict: Twilio
   * posts it to the amdStatusCallback URL, signed, with the leg's CallSid, AccountSid, AnsweredBy (human, machine_start,
   * machine_end_beep, machine_end_silence, machine_end_other, fax, unknown) and MachineDetectionDuration (ms); the HTTP status comes back.
   */
  amdResult(url: string, fields: { CallSid: string; AnsweredBy: string; MachineDetectionDuration?: string }): Promise<number>;
  callbacksDone(): Promise<void>;
}

const E164 = /^\+[1-9]\d{6,14}$/;

function form(body: Buffer): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(body.toString('utf8'))) {
    const p = out[k];
    out[k] = p === undefined ? v : Array.isArray(p) ? [...p, v] : [p, v];
  }
  return out;
}

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

export async function fakeTwilio(opts: FakeTwilioOptions): Promise<FakeTwilio> {
  const accepted: Record<string, string | string[]>[] = [];
  const acceptedAt: number[] = [];
  const rejected: { status: number; code: number; message: string }[] = [];
  const pending: Promise<unknown>[] = [];
  let rateLimit = opts.rateLimitNext ?? 0;
  const prices = new Map<string, FakePrice[]>();
  const reads: { resource: 'Messages' | 'Calls'; sid: string }[] = [];
  const sentAt = new Map<string, { to: string; from: string }>();

  /** A GET of one of the account's messages or calls, as Twilio answers it (the fields a price read needs). */
  function readBack(req: Received, res: Parameters<typeof json>[0]): void {
    const expected = `Basic ${Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expected) { json(res, 401, { code: 20003, message: 'Authenticate', status: 401 }); return; }
    const m = new RegExp(`^/2010-04-01/Accounts/${opts.accountSid}/(Messages|Calls)/((?:SM|MM|CA)[0-9a-f]{32})\\.json$`).exec(req.path);
    const sent = m && (m[1] === 'Calls') === m[2]!.startsWith('CA') ? sentAt.get(m[2]!) : undefined;
    if (!m || !sent) { json(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 }); return; }
    const sid = m[2]!;
    reads.push({ resource: m[1] as 'Messages' | 'Calls', sid });
    const queue = prices.get(sid) ?? [];
    const answer = (queue.length > 1 ? queue.shift() : queue[0]) ?? { price: null, price_unit: 'USD' };
    json(res, 200, { sid, account_sid: opts.accountSid, to: sent.to, from: sent.from, status: m[1] === 'Calls' ? 'completed' : 'delivered',
      api_version: '2010-04-01', price: answer.price, price_unit: answer.price_unit,
      ...(m[1] === 'Calls' ? { duration: String(opts.callSeconds ?? 9) } : { num_segments: '1' }) });
  }

  const signedPost = (url: string, fields: Record<string, string>) =>
    post(url, new URLSearchParams(fields).toString(), {
      'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(opts.authToken, url, fields),
      'i-twilio-idempotency-token': randomBytes(8).toString('hex'),
    });

  /** Posts form fields signed as Twilio signs them and returns the status and the TwiML answered. */
  const signedExchange = async (url: string, all: Record<string, string>, idempotencyToken?: string) => {
    const r = await fetch(url, { method: 'POST', body: new URLSearchParams(all).toString(), headers: {
      'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(opts.authToken, url, all),
      'i-twilio-idempotency-token': idempotencyToken ?? randomBytes(8).toString('hex') } });
    return { status: r.status, twiml: await r.text() };
  };

  function check(req: Received, resource: string): { status: number; code: number; message: string } | null {
    const expected = `Basic ${Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expected) return { status: 401, code: 20003, message: 'Authenticate' };
    if (req.method !== 'POST' || req.path !== `/2010-04-01/Accounts/${opts.accountSid}/${resource}.json`) return { status: 404, code: 20404, message: 'The requested resource was not found' };
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return { status: 400, code: 21000, message: 'form-encoded body required' };
    return null;
  }

  function checkMessage(f: Record<string, string | string[]>): { status: number; code: number; message: string } | null {
    const to = one(f['To']) ?? '';
    const from = one(f['From']);
    if (!to) return { status: 400, code: 21604, message: "A 'To' phone number is required." };
    if (!from && !one(f['MessagingServiceSid'])) return { status: 400, code: 21603, message: "A 'From' phone number is required." };
    if (!one(f['Body']) && !one(f['ContentSid']) && !one(f['MediaUrl'])) return { status: 400, code: 21602, message: 'Message body is required.' };
    const wa = to.startsWith('whatsapp:');
    if (from && wa !== from.startsWith('whatsapp:')) return { status: 400, code: 63007, message: 'Twilio could not find a Channel with the specified From address' };
    if (one(f['ContentSid'])) {
      if (!/^HX[0-9a-f]{32}$/.test(one(f['ContentSid']) ?? '')) return { status: 400, code: 21655, message: 'The ContentSid is Invalid' };
      try { JSON.parse(one(f['ContentVariables']) ?? '{}'); } catch { return { status: 400, code: 21656, message: 'The ContentVariables Parameter is invalid' }; }
    }
    const number = to.replace(/^whatsapp:/, '');
    if (!E164.test(number)) return { status: 400, code: 21211, message: `The 'To' number ${to} is not a valid phone number.` };
    if (opts.optedOut?.includes(number)) return { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' };
    return null;
  }

  function checkCall(f: Record<string, string | string[]>): { status: number; code: number; message: string } | null {
    if (!E164.test(one(f['To']) ?? '')) return { status: 400, code: 21211, message: "Invalid 'To' Phone Number" };
    if (!one(f['From'])) return { status: 400, code: 21213, message: "No 'From' number is specified" };
    const twiml = one(f['Twiml']);
    if (!twiml && !one(f['Url'])) return { status: 400, code: 21205, message: 'Url or Twiml parameter is required' };
    if (twiml && !/<Response>[\s\S]*<\/Response>\s*$/.test(twiml)) return { status: 400, code: 12100, message: 'Document parse failure' };
    if (twiml && twiml.length > 4_000) return { status: 400, code: 32018, message: 'Twiml size exceeded maximum allowed value of 4000 characters' };
    const events = f['StatusCallbackEvent'];
    const list = events === undefined ? [] : typeof events === 'string' ? [events] : events;
    if (list.some((e) => !['initiated', 'ringing', 'answered', 'completed'].includes(e))) return { status: 400, code: 21626, message: 'Invalid StatusCallbackEvent' };
    return null;
  }

  const running = await serve(async (req, res) => {
    if (opts.latencyMs) await new Promise((resolve) => setTimeout(resolve, opts.latencyMs));
    if (req.method === 'GET') { readBack(req, res); return; }
    const isCall = req.path.endsWith('/Calls.json');
    const bad = check(req, isCall ? 'Calls' : 'Messages');
    const f = form(req.body);
    const problem = bad ?? (isCall ? checkCall(f) : checkMessage(f));
    if (!problem && rateLimit > 0) {
      rateLimit--;
      json(res, 429, { code: 20429, message: 'Too Many Requests', more_info: 'https://www.twilio.com/docs/errors/20429', status: 429 }, { 'retry-after': '2' });
      return;
    }
    if (problem) {
      rejected.push(problem);
      json(res, problem.status, { code: problem.code, message: problem.message, more_info: `https://www.twilio.com/docs/errors/${problem.code}`, status: problem.status });
      return;
    }
    accepted.push(f);
    acceptedAt.push(Date.now());
    const sid = (isCall ? 'CA' : 'SM') + randomBytes(16).toString('hex');
    sentAt.set(sid, { to: one(f['To']) ?? '', from: one(f['From']) ?? '' });
    json(res, 201, { sid, account_sid: opts.accountSid, to: one(f['To']), from: one(f['From']) ?? null, status: 'queued' });
    const callback = one(f['StatusCallback']);
    if (!callback) return;
    const steps = isCall ? ['initiated', 'ringing', 'in-progress', 'completed'] : ['sent', 'delivered'];
    pending.push((async () => {
      for (const s of steps) {
        await signedPost(callback, isCall
          ? { AccountSid: opts.accountSid, CallSid: sid, CallStatus: s, To: one(f['To']) ?? '', From: one(f['From']) ?? '', ApiVersion: '2010-04-01',
            ...(s === 'completed' ? { CallDuration: String(opts.callSeconds ?? 9) } : {}) }
          : { AccountSid: opts.accountSid, MessageSid: sid, SmsSid: sid, MessageStatus: s, SmsStatus: s, To: one(f['To']) ?? '', From: one(f['From']) ?? '', ApiVersion: '2010-04-01' });
      }
    })());
  });
  return {
    ...running, accepted, acceptedAt, rejected, prices, reads,
    sendIncoming: (url, fields) => signedPost(url, {
      AccountSid: opts.accountSid, MessageSid: `SM${randomBytes(16).toString('hex')}`, SmsStatus: 'received', NumMedia: '0', ApiVersion: '2010-04-01', ...fields,
    }),
    gathered: (url, fields, idempotencyToken) =>
      signedExchange(url, { AccountSid: opts.accountSid, CallStatus: 'in-progress', Direction: 'outbound-api', ApiVersion: '2010-04-01', ...fields }, idempotencyToken),
    callsIn: async (url, fields) => {
      const all = { AccountSid: opts.accountSid, CallSid: `CA${randomBytes(16).toString('hex')}`, CallStatus: 'ringing', Direction: 'inbound',
        ApiVersion: '2010-04-01', ...fields };
      const r = await fetch(url, { method: 'POST', body: new URLSearchParams(all).toString(), headers: {
        'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(opts.authToken, url, all),
        'i-twilio-idempotency-token': randomBytes(8).toString('hex') } });
      return { status: r.status, twiml: await r.text(), callSid: all.CallSid };
    },
    callEnds: (url, fields) => signedPost(url, { AccountSid: opts.accountSid, Direction: 'inbound', ApiVersion: '2010-04-01', CallDuration: '9', ...fields }),
    dialEnds: (url, fields) => signedExchange(url, { AccountSid: opts.accountSid, CallStatus: 'in-progress', Direction: 'inbound', ApiVersion: '2010-04-01',
      DialCallSid: `CA${randomBytes(16).toString('hex')}`, ...(fields.DialCallStatus === 'completed' ? { DialCallDuration: '42', DialBridged: 'true' } : {}), ...fields }),
    legAnswers: (url, fields) => signedExchange(url, { AccountSid: opts.accountSid, CallStatus: 'in-progress', Direction: 'outbound-dial', ApiVersion: '2010-04-01', ...fields }),
    amdResult: (url, fields) => signedPost(url, { AccountSid: opts.accountSid, MachineDetectionDuration: '2150', ...fields }),
    callbacksDone: async () => { await Promise.all(pending); },
  };
}
