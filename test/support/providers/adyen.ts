// A fake Adyen Checkout API on loopback: Pay by Link payment links created (POST /v71/paymentLinks), read and expired
// (GET and PATCH /v71/paymentLinks/{id}), each request checked as Adyen documents it (X-API-Key, JSON, amount in minor
// units, the merchant account, reference, returnUrl, expiresAt with an offset and within 70 days, Idempotency-Key of at
// most 64 characters), and standard webhooks built as Adyen sends them: notificationItems of NotificationRequestItems,
// each signed with additionalData.hmacSignature (computed here on its own with node:crypto, not with cobro's code).
import { createHmac, randomBytes } from 'node:crypto';
import type { Queryable } from '../../../src/db/index.ts';
import { putCredentials, vaultKey } from '../../../src/vault/index.ts';
import { json, serve, type Received, type Running } from './http.ts';

export interface FakeAdyenOptions {
  apiKey: string; merchantAccount: string; hmacKey: string; now?: () => Date;
  /** The Customer Area report user reports are downloaded with (basic auth). */
  reportUser?: { username: string; password: string };
  /** An API key with the report download role, taken instead (X-API-Key), as Adyen takes either. */
  reportApiKey?: string;
}

export type AdyenDisputeEvent = 'NOTIFICATION_OF_CHARGEBACK' | 'CHARGEBACK' | 'CHARGEBACK_REVERSED' | 'SECOND_CHARGEBACK' | 'PREARBITRATION_WON'
  | 'PREARBITRATION_LOST' | 'INFORMATION_SUPPLIED' | 'REQUEST_FOR_INFORMATION' | 'NOTIFICATION_OF_FRAUD' | 'ISSUER_RESPONSE_TIMEFRAME_EXPIRED';

/** The disputeStatus Adyen reports with each dispute event. */
const DISPUTE_STATUS: Record<AdyenDisputeEvent, string> = {
  NOTIFICATION_OF_CHARGEBACK: 'Undefended', CHARGEBACK: 'Undefended', INFORMATION_SUPPLIED: 'Pending', CHARGEBACK_REVERSED: 'Won',
  SECOND_CHARGEBACK: 'Lost', PREARBITRATION_WON: 'Won', PREARBITRATION_LOST: 'Lost', REQUEST_FOR_INFORMATION: 'Undefended', NOTIFICATION_OF_FRAUD: 'Undefended',
  ISSUER_RESPONSE_TIMEFRAME_EXPIRED: 'Won',
};

export type AdyenObject = Record<string, unknown>;
export type AdyenItem = Record<string, unknown>;

export interface FakeAdyen extends Running {
  /** Stores this fake as the org's Adyen account (api_base pointing here) in the vault; basic auth when given. */
  connect(q: Queryable, orgId: string, o?: { basicAuth?: { username: string; password: string }; secretKey?: string; reportWith?: 'user' | 'api_key' }): Promise<void>;
  links: Map<string, AdyenObject>;
  created: { key: string | undefined; body: AdyenObject }[];
  rejected: { status: number; message: string }[];
  /** The debtor pays a link: its AUTHORISATION item (success unless refused), signed. The link is completed when paid. */
  pay(linkId: string, o?: { refused?: string }): AdyenItem;
  refund(paymentPsp: string, value: number, currency: string): AdyenItem;
  /** The refund `refundPsp` of a payment failed (REFUND_FAILED) or its money came back (REFUNDED_REVERSED). */
  refundUndone(paymentPsp: string, refundPsp: string, eventCode: 'REFUND_FAILED' | 'REFUNDED_REVERSED', value: number, currency: string): AdyenItem;
  /**
   * A dispute notification on a payment (docs.adyen.com "Dispute webhooks"): the dispute's own pspReference (the same on
   * every event of one dispute), the payment as originalReference, its merchantReference (the link's reference, for a
   * payment made here), and additionalData as Adyen sends it (strings): the chargeback's reason and scheme codes (visa
   * 10.4), defensePeriodEndsAt (20 days on), disputeStatus, modificationMerchantReferences (empty), merged with `extra`.
   */
  dispute(paymentPsp: string, eventCode: AdyenDisputeEvent, value: number, currency: string, disputePsp?: string, extra?: Record<string, string>): AdyenItem;
  /** Report files served at /reports/download/MerchantAccount/{account}/{file name}, to the report user only. */
  reports: Map<string, string>;
  /** Each report download asked for (file name), whatever was answered. */
  reportDownloads: string[];
  /** How each download authenticated: 'basic', 'api_key' or 'none'. */
  reportAuth: string[];
  /** How many report downloads to answer 500 before serving them. */
  failReports: number;
  /** The REPORT_AVAILABLE item of a report kept here (or of any URL given), signed; made at `at` (eventDate) when given. */
  reportAvailable(fileName: string, url?: string, at?: Date): AdyenItem;
  /** A standard webhook body of these items, as Adyen posts it. */
  notification(items: AdyenItem[]): string;
  /** More endpoints (tried in order after the API key is checked): true when one answered. */
  routes: ((req: Received, url: URL, res: Parameters<typeof json>[0]) => boolean)[];
}

/** The signature Adyen puts on an item: base64 HMAC-SHA256, hex-decoded key, over eight values joined by colons. */
export function signItem(item: AdyenItem, hexKey: string): AdyenItem {
  const amount = item.amount as { value: number; currency: string };
  const payload = [item.pspReference, item.originalReference ?? '', item.merchantAccountCode, item.merchantReference ?? '', amount.value, amount.currency,
    item.eventCode, item.success].map(String).join(':');
  const hmacSignature = createHmac('sha256', Buffer.from(hexKey, 'hex')).update(payload, 'utf8').digest('base64');
  return { ...item, additionalData: { ...(item.additionalData as object | undefined), hmacSignature } };
}

const OFFSET_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$/;

function isUrl(v: unknown): boolean {
  try { return typeof v === 'string' && Boolean(new URL(v)); } catch { return false; }
}

/** Checks a payment link request as the Checkout API reference describes it. */
function checkLink(b: AdyenObject, merchantAccount: string, now: Date): string | null {
  const amount = b.amount as AdyenObject | undefined;
  if (!amount || typeof amount !== 'object') return 'amount is required';
  if (typeof amount.currency !== 'string' || !/^[A-Z]{3}$/.test(amount.currency)) return 'amount.currency must be a three-letter ISO code';
  if (!Number.isSafeInteger(amount.value) || (amount.value as number) <= 0) return 'amount.value must be a positive integer in minor units';
  if (b.merchantAccount !== merchantAccount) return `merchantAccount ${String(b.merchantAccount)} is not this account`;
  if (typeof b.reference !== 'string' || !b.reference || b.reference.length > 80) return 'reference must be a string of up to 80 characters';
  if (b.returnUrl !== undefined && (!isUrl(b.returnUrl) || String(b.returnUrl).length > 8000)) return 'returnUrl must be a URL';
  if (b.expiresAt !== undefined) {
    if (typeof b.expiresAt !== 'string' || !OFFSET_DATE.test(b.expiresAt)) return 'expiresAt must be ISO 8601 (YYYY-MM-DDThh:mm:ss+TZD)';
    const at = Date.parse(b.expiresAt);
    if (at <= now.getTime() || at > now.getTime() + 70 * 86_400_000) return 'expiresAt must be in the future and at most 70 days ahead';
  }
  if (JSON.stringify(b).match(/"(number|cvc|expiryMonth|encryptedCardNumber)"/)) return 'card data must never reach this endpoint';
  return null;
}

export async function fakeAdyen(opts: FakeAdyenOptions): Promise<FakeAdyen> {
  const now = opts.now ?? (() => new Date());
  const links = new Map<string, AdyenObject>();
  const created: FakeAdyen['created'] = [];
  const rejected: FakeAdyen['rejected'] = [];
  const keys = new Map<string, { body: string; link: AdyenObject }>();
  const refuse = (res: Parameters<typeof json>[0], status: number, errorCode: string, message: string) => {
    rejected.push({ status, message });
    json(res, status, { status, errorCode, message, errorType: status === 401 ? 'security' : 'validation' });
  };
  const psp = () => `${Date.now().toString().slice(-8)}${randomBytes(4).readUInt32BE(0).toString().padStart(8, '0').slice(-8)}`;

  const reports = new Map<string, string>();
  const reportDownloads: string[] = [];
  const reportAuth: string[] = [];
  const reportPath = (fileName: string) => `/reports/download/MerchantAccount/${encodeURIComponent(opts.merchantAccount)}/${encodeURIComponent(fileName)}`;
  const serveReport = (req: Received, res: Parameters<typeof json>[0], fileName: string) => {
    reportDownloads.push(fileName);
    const user = opts.reportUser;
    const expected = user ? `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}` : undefined;
    const key = req.headers['x-api-key'];
    reportAuth.push(key !== undefined ? 'api_key' : req.headers['authorization'] !== undefined ? 'basic' : 'none');
    if (req.method !== 'GET') return refuse(res, 405, '000', 'reports are downloaded with GET');
    // either credential, as Adyen takes either: an API key of the report role, or the report user
    const byKey = key !== undefined && opts.reportApiKey !== undefined && key === opts.reportApiKey;
    const byUser = expected !== undefined && req.headers['authorization'] === expected;
    if (!byKey && !byUser) return refuse(res, 401, '000', 'HTTP Status Response - Unauthorized');
    if (fake.failReports > 0) { fake.failReports--; return refuse(res, 500, '000', 'internal error'); }
    const body = reports.get(fileName);
    if (body === undefined) return refuse(res, 404, '000', 'report not found');
    res.writeHead(200, { 'content-type': 'text/csv' });
    res.end(body);
  };

  const handle = (req: Received, res: Parameters<typeof json>[0]) => {
    const report = /^\/reports\/download\/MerchantAccount\/([^/]+)\/([^/]+)$/.exec(new URL(req.path, 'http://adyen.local').pathname);
    if (report && decodeURIComponent(report[1]!) === opts.merchantAccount) return serveReport(req, res, decodeURIComponent(report[2]!));
    if (req.headers['x-api-key'] !== opts.apiKey) return refuse(res, 401, '000', 'HTTP Status Response - Unauthorized');
    const url = new URL(req.path, 'http://adyen.local');
    const one = /^\/v71\/paymentLinks\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'POST' && url.pathname === '/v71/paymentLinks') {
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, '000', 'a JSON body is required');
      const key = req.headers['idempotency-key'];
      if (typeof key === 'string' && (key.length === 0 || key.length > 64)) return refuse(res, 422, '702', 'Idempotency-Key must be at most 64 characters');
      const raw = req.body.toString('utf8');
      const seen = typeof key === 'string' ? keys.get(key) : undefined;
      if (seen) return seen.body === raw ? json(res, 201, seen.link) : refuse(res, 422, '704', 'the idempotency key was used with another body');
      let body: AdyenObject;
      try { body = JSON.parse(raw) as AdyenObject; } catch { return refuse(res, 400, '702', 'the body is not JSON'); }
      const problem = checkLink(body, opts.merchantAccount, now());
      if (problem) return refuse(res, 422, '702', problem);
      const id = `PL${randomBytes(8).toString('hex').toUpperCase()}`;
      const link = { ...body, id, status: 'active', url: `${running.url}/${id}`, expiresAt: body.expiresAt ?? new Date(now().getTime() + 86_400_000).toISOString() };
      links.set(id, link);
      if (typeof key === 'string') keys.set(key, { body: raw, link });
      created.push({ key: typeof key === 'string' ? key : undefined, body });
      return json(res, 201, link);
    }
    if (one && req.method === 'GET') {
      const link = links.get(decodeURIComponent(one[1]!));
      return link ? json(res, 200, link) : refuse(res, 404, '000', 'payment link not found');
    }
    if (one && req.method === 'PATCH') {
      const link = links.get(decodeURIComponent(one[1]!));
      if (!link) return refuse(res, 404, '000', 'payment link not found');
      let body: AdyenObject;
      try { body = JSON.parse(req.body.toString('utf8')) as AdyenObject; } catch { return refuse(res, 400, '702', 'the body is not JSON'); }
      if (Object.keys(body).join() !== 'status' || body.status !== 'expired') return refuse(res, 422, '702', 'only status "expired" can be set');
      if (link.status === 'completed') return refuse(res, 422, '14_004', 'a completed payment link cannot be changed');
      link.status = 'expired';
      return json(res, 200, link);
    }
    if (fake.routes.some((r) => r(req, url, res))) return;
    return refuse(res, 404, '000', `no route ${req.method} ${url.pathname}`);
  };

  const running = await serve(handle);
  /** The merchantReference of each payment made here, by its pspReference. */
  const paidRefs = new Map<string, string>();
  const item = (fields: AdyenItem): AdyenItem => signItem({ merchantAccountCode: opts.merchantAccount, eventDate: now().toISOString().replace(/\.\d{3}Z$/, '+00:00'), ...fields }, opts.hmacKey);

  const fake: FakeAdyen = {
    ...running, links, created, rejected, reports, reportDownloads, reportAuth, failReports: 0, routes: [],
    async connect(q, orgId, o = {}) {
      const user = o.reportWith === 'api_key' ? undefined : opts.reportUser;
      const reportKey = o.reportWith === 'api_key' ? opts.reportApiKey : undefined;
      const r = await putCredentials(q, await vaultKey(q, o.secretKey), orgId, 'test', 'adyen', {
        settings: { merchant_account: opts.merchantAccount, api_base: running.url, ...(o.basicAuth ? { basic_auth_username: o.basicAuth.username } : {}),
          ...(user ? { report_username: user.username } : {}) },
        secrets: { api_key: opts.apiKey, hmac_key: opts.hmacKey, ...(o.basicAuth ? { basic_auth_password: o.basicAuth.password } : {}),
          ...(user ? { report_password: user.password } : {}), ...(reportKey ? { report_api_key: reportKey } : {}) } }, now());
      if (!r.ok) throw new Error(r.error.message);
    },
    pay(linkId, o = {}) {
      const link = links.get(linkId);
      if (!link) throw new Error(`no payment link ${linkId}`);
      if (link.status !== 'active') throw new Error(`payment link ${linkId} is ${String(link.status)}: it cannot be paid`);
      if (!o.refused) link.status = 'completed';
      const paymentPsp = psp();
      paidRefs.set(paymentPsp, String(link.reference));
      return item({ eventCode: 'AUTHORISATION', success: o.refused ? 'false' : 'true', pspReference: paymentPsp, merchantReference: link.reference,
        amount: link.amount, paymentMethod: 'visa', ...(o.refused ? { reason: o.refused } : {}), operations: ['CANCEL', 'CAPTURE', 'REFUND'] });
    },
    refund(paymentPsp, value, currency) {
      return item({ eventCode: 'REFUND', success: 'true', pspReference: psp(), originalReference: paymentPsp, merchantReference: '', amount: { value, currency } });
    },
    refundUndone(paymentPsp, refundPsp, eventCode, value, currency) {
      return item({ eventCode, success: 'true', pspReference: refundPsp, originalReference: paymentPsp, merchantReference: '', amount: { value, currency } });
    },
    dispute(paymentPsp, eventCode, value, currency, disputePsp, extra = {}) {
      const ends = new Date(now().getTime() + 20 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
      return item({ eventCode, success: 'true', pspReference: disputePsp ?? psp(), originalReference: paymentPsp, merchantReference: paidRefs.get(paymentPsp) ?? '',
        amount: { value, currency }, reason: 'Fraudulent transaction', additionalData: { chargebackReasonCode: '10.4', chargebackSchemeCode: 'visa',
          defensePeriodEndsAt: ends, disputeStatus: DISPUTE_STATUS[eventCode], defendable: 'true', modificationMerchantReferences: '', ...extra } });
    },
    reportAvailable(fileName, url, at) {
      return item({ eventCode: 'REPORT_AVAILABLE', success: 'true', pspReference: fileName, merchantReference: '', amount: { value: 0, currency: 'EUR' },
        reason: url ?? `${running.url}${reportPath(fileName)}`, ...(at ? { eventDate: at.toISOString().replace(/\.\d{3}Z$/, '+00:00') } : {}) });
    },
    notification: (items) => JSON.stringify({ live: 'false', notificationItems: items.map((i) => ({ NotificationRequestItem: i })) }),
  };
  return fake;
}
