// A fake WhatsApp Cloud API on loopback: checks POST /{version}/{phone-number-id}/messages as Meta documents it,
// answers with a wamid, and posts status and message webhooks signed with X-Hub-Signature-256 over escaped-unicode JSON.
import { randomBytes } from 'node:crypto';
import { metaSignature } from '../../../src/compliance/index.ts';
import { json, post, serve, type Running } from './http.ts';

export interface FakeMetaOptions {
  phoneNumberId: string;
  accessToken: string;
  appSecret: string;
  /** Where the app's webhook lives (statuses and messages are posted there). */
  webhookUrl?: string;
  /** Recipients without WhatsApp: statuses come back failed with 131026. */
  undeliverable?: string[];
}

export interface FakeMeta extends Running {
  accepted: Record<string, unknown>[];
  rejected: { status: number; code: number; message: string }[];
  sendIncomingText(from: string, text: string): Promise<number>;
  callbacksDone(): Promise<void>;
  setWebhook(url: string): void;
}

/** Meta signs the payload with non-ASCII escaped as \uXXXX. */
export function metaJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkPayload(p: Obj): string | null {
  if (p['messaging_product'] !== 'whatsapp') return 'messaging_product must be whatsapp';
  if (typeof p['to'] !== 'string' || !/^\+?[1-9]\d{6,14}$/.test(p['to'])) return 'to must be a phone number';
  if (p['type'] === 'text') {
    const t = p['text'];
    return isObj(t) && typeof t['body'] === 'string' && t['body'].length > 0 && t['body'].length <= 4096 ? null : 'text.body is required';
  }
  if (p['type'] !== 'template') return `unsupported type ${String(p['type'])}`;
  const t = p['template'];
  if (!isObj(t) || typeof t['name'] !== 'string' || !isObj(t['language']) || typeof t['language']['code'] !== 'string') return 'template.name and template.language.code are required';
  const comps = t['components'];
  if (comps !== undefined && !Array.isArray(comps)) return 'template.components must be an array';
  for (const c of (comps ?? []) as unknown[]) {
    if (!isObj(c) || !['header', 'body', 'button'].includes(String(c['type'])) || !Array.isArray(c['parameters'])) return 'bad component';
    for (const prm of c['parameters'] as unknown[]) {
      if (!isObj(prm) || prm['type'] !== 'text' || typeof prm['text'] !== 'string' || prm['text'] === '') return 'parameter text is required';
      if (/[\n\t]| {5,}/.test(prm['text'])) return 'Param text cannot have new-line/tab characters or more than 4 consecutive spaces';
    }
  }
  return null;
}

export async function fakeMeta(opts: FakeMetaOptions): Promise<FakeMeta> {
  const accepted: Obj[] = [];
  const rejected: { status: number; code: number; message: string }[] = [];
  const pending: Promise<unknown>[] = [];
  let webhookUrl = opts.webhookUrl;
  const deliver = (value: Obj) => {
    if (!webhookUrl) return Promise.resolve(0);
    const body = metaJson({ object: 'whatsapp_business_account', entry: [{ id: 'WABA_ID', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp', metadata: { display_phone_number: '15550001111', phone_number_id: opts.phoneNumberId }, ...value } }] }] });
    return post(webhookUrl, body, { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(opts.appSecret, body) });
  };
  const fail = (res: Parameters<typeof json>[0], status: number, code: number, message: string) => {
    rejected.push({ status, code, message });
    json(res, status, { error: { message, type: 'OAuthException', code, fbtrace_id: randomBytes(6).toString('hex') } });
  };
  const running = await serve((req, res) => {
    if (req.headers.authorization !== `Bearer ${opts.accessToken}`) return fail(res, 401, 190, 'Invalid OAuth access token');
    if (req.method !== 'POST' || !new RegExp(`^/v\\d+\\.\\d+/${opts.phoneNumberId}/messages$`).test(req.path)) return fail(res, 400, 100, 'Unsupported post request');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return fail(res, 400, 100, 'content type must be application/json');
    let p: unknown;
    try { p = JSON.parse(req.body.toString('utf8')); } catch { return fail(res, 400, 100, 'invalid JSON'); }
    const problem = isObj(p) ? checkPayload(p) : 'body must be an object';
    if (problem || !isObj(p)) return fail(res, 400, problem?.startsWith('Param') ? 132018 : 100, problem ?? 'bad body');
    accepted.push(p);
    const to = String(p['to']).replace(/^\+/, '');
    const id = `wamid.${randomBytes(12).toString('base64url')}`;
    json(res, 200, { messaging_product: 'whatsapp', contacts: [{ input: p['to'], wa_id: to }], messages: [{ id }] });
    const ts = String(Math.floor(Date.now() / 1000));
    const opaque = typeof p['biz_opaque_callback_data'] === 'string' ? { biz_opaque_callback_data: p['biz_opaque_callback_data'] } : {};
    const steps = opts.undeliverable?.includes(to)
      ? [{ id, status: 'failed', timestamp: ts, recipient_id: to, ...opaque, errors: [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable' }] }]
      : ['sent', 'delivered', 'read'].map((status) => ({ id, status, timestamp: ts, recipient_id: to, ...opaque }));
    pending.push((async () => { for (const s of steps) await deliver({ statuses: [s] }); })());
  });
  return {
    ...running, accepted, rejected,
    sendIncomingText: (from, text) => deliver({
      contacts: [{ profile: { name: 'Debtor' }, wa_id: from }],
      messages: [{ from, id: `wamid.${randomBytes(12).toString('base64url')}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } }],
    }),
    callbacksDone: async () => { await Promise.all(pending); },
    setWebhook: (url) => { webhookUrl = url; },
  };
}
