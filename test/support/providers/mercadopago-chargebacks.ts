// The fake Mercado Pago's Chargebacks API: GET /v1/chargebacks/{id} (the resource's fields: id as text, payments, currency,
// amount, documentation_required, documentation_status, documentation, date_documentation_deadline, dates, live_mode) and
// POST /v1/chargebacks/{id}/documentation as its guide shows it: multipart/form-data whose parts are all `files[]`, each a
// file (JPG, PNG or PDF whose name and bytes agree), at most 10 MB in all, answered 200 with documentation_status then
// review_pending; documentation already received, or sent after date_documentation_deadline, is refused (400) and nothing
// kept. A chargeback's notification (type topic_chargebacks_wh, as the notifications page shows it) carries its id as a
// JSON number past 2^53, signed over that id as the payment notifications are. The bearer token is checked before.
import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { mercadoPagoSignature } from '../../../src/compliance/index.ts';
import { json, type Received } from './http.ts';
import { multipartParts } from './stripe-evidence.ts';
import type { MpObject } from './mercadopago.ts';

export interface MpDocumentationReceived { chargeback: string; files: { name: string; type: string; data: Buffer }[] }

export interface MpChargebacksFake {
  chargebacks: Map<string, MpObject>;
  documentation: MpDocumentationReceived[];
  /** The next documentation call answered with this status and message, nothing kept. */
  fault: { next: { status: number; message: string } | null };
  /** A chargeback on a payment (its status then charged_back / in_process), documentation due `days` from now: its id. */
  open(paymentId: number, o?: { days?: number }): string;
  /** Posts the chargeback's notification to a URL; its HTTP status. */
  notify(id: string, url: string): Promise<number>;
  route(req: Received, url: URL, res: http.ServerResponse): boolean;
}

const FILES: Record<string, { ext: RegExp; magic: Buffer }> = {
  'application/pdf': { ext: /\.pdf$/i, magic: Buffer.from('%PDF') }, 'image/png': { ext: /\.png$/i, magic: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
  'image/jpeg': { ext: /\.jpe?g$/i, magic: Buffer.from([0xff, 0xd8, 0xff]) },
};
const TOTAL_MAX = 10 * 1024 * 1024;
/** An instant as Mercado Pago writes it, in -04:00. */
const local = (t: number): string => new Date(t - 4 * 3_600_000).toISOString().replace('Z', '-04:00');

function problem(files: { name: string; type: string; data: Buffer }[]): string | null {
  if (files.length === 0) return 'files[] is required';
  for (const f of files) {
    const kind = FILES[f.type];
    if (!kind || !kind.ext.test(f.name) || !f.data.subarray(0, kind.magic.length).equals(kind.magic)) return `invalid file type: ${f.name} (jpg, png or pdf)`;
  }
  return files.reduce((s, f) => s + f.data.length, 0) > TOTAL_MAX ? 'the files exceed 10mb overall' : null;
}

export function fakeChargebacks(o: { payments: Map<number, MpObject>; now: () => Date; webhookSecret: string; refuse: (res: http.ServerResponse, status: number, message: string) => void }): MpChargebacksFake {
  const chargebacks = new Map<string, MpObject>();
  const documentation: MpDocumentationReceived[] = [];
  let next = 233_000_061_680_860_001n;
  let nextNotification = 114_411_153_595;
  const fault: MpChargebacksFake['fault'] = { next: null };
  return {
    chargebacks, documentation, fault,
    open(paymentId, opts = {}) {
      const p = o.payments.get(paymentId);
      if (!p) throw new Error(`no payment ${paymentId}`);
      const id = String(next++);
      const at = local(o.now().getTime());
      chargebacks.set(id, { id, payments: [paymentId], currency: p.currency_id, amount: p.transaction_amount, coverage_applied: false, coverage_elegible: true,
        documentation_required: true, documentation_status: 'pending', documentation: [],
        date_documentation_deadline: local(o.now().getTime() + (opts.days ?? 7) * 86_400_000),
        date_created: at, date_last_updated: at, live_mode: false });
      Object.assign(p, { status: 'charged_back', status_detail: 'in_process', date_last_updated: at });
      return id;
    },
    async notify(id, url) {
      const target = new URL(url);
      target.searchParams.set('data.id', id);
      target.searchParams.set('type', 'topic_chargebacks_wh');
      const cb = chargebacks.get(id)!;
      // the id as a bare JSON number, as Mercado Pago's example writes it
      const body = `{"actions":["changed_case_status"],"api_version":"v1","application_id":9007201037432480,"data":{"checkout":"PRO","date_updated":"${o.now().toISOString()}",`
        + `"id":${id},"payment_id":${String((cb.payments as number[])[0])},"product_id":"C00A2J8RF4DI8BCIMFU0","site_id":"MLM","transaction_intent_id":""},`
        + `"date_created":"${o.now().toISOString()}","id":${nextNotification++},"live_mode":false,"type":"topic_chargebacks_wh","user_id":1234567,"version":1720035618}`;
      const requestId = randomUUID();
      const ts = String(o.now().getTime());
      const v1 = mercadoPagoSignature(o.webhookSecret, { dataId: id, requestId, ts });
      const r = await fetch(target, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-request-id': requestId, 'x-signature': `ts=${ts},v1=${v1}` } });
      await r.arrayBuffer();
      return r.status;
    },
    route(req, url, res) {
      const one = /^\/v1\/chargebacks\/(\d+)(\/documentation)?$/.exec(url.pathname);
      if (!one) return false;
      const cb = chargebacks.get(one[1]!);
      if (!one[2]) {
        if (req.method !== 'GET') { o.refuse(res, 405, 'method not allowed'); return true; }
        if (!cb) { o.refuse(res, 404, 'chargeback not found'); return true; }
        json(res, 200, cb);
        return true;
      }
      if (req.method !== 'POST') { o.refuse(res, 405, 'method not allowed'); return true; }
      const parts = multipartParts(req.body, String(req.headers['content-type'] ?? ''));
      if (!parts) { o.refuse(res, 400, 'multipart/form-data with files[] is required'); return true; }
      const other = parts.find((p) => p.name !== 'files[]' || !p.filename || !p.type);
      if (other) { o.refuse(res, 400, `unexpected part ${other.name}`); return true; }
      const files = parts.map((p) => ({ name: p.filename!, type: p.type!, data: Buffer.from(p.data) }));
      const wrong = problem(files);
      if (wrong) { o.refuse(res, 400, wrong); return true; }
      if (!cb) { o.refuse(res, 404, 'chargeback not found'); return true; }
      if (fault.next) { o.refuse(res, fault.next.status, fault.next.message); fault.next = null; return true; }
      if (cb.documentation_status !== 'pending') { o.refuse(res, 400, `documentation was already received (documentation_status ${String(cb.documentation_status)})`); return true; }
      if (Date.parse(cb.date_documentation_deadline as string) < o.now().getTime()) { o.refuse(res, 400, 'the documentation deadline has expired'); return true; }
      documentation.push({ chargeback: one[1]!, files });
      Object.assign(cb, { documentation_status: 'review_pending', date_last_updated: o.now().toISOString(),
        documentation: files.map((f) => ({ type: f.type, url: `https://www.mercadopago.com/chargebacks/${one[1]!}/${encodeURIComponent(f.name)}`, description: f.name })) });
      res.writeHead(200).end();
      return true;
    },
  };
}
