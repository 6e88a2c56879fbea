// /portal/api: the debtor portal's JSON API. No API key: every request carries the portal link's token (x-portal-token),
// checked for signature, expiry and withdrawal, and, when the org asks a second factor, the session cookie it opened.
// Every answer is about that link's one customer. A custom header cannot be sent cross-site, so writes need no CSRF token.
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ok } from '../../domain/result.ts';
import { getOrgLogo } from '../../orgs/index.ts';
import {
  contactPreferences, getPortalSettings, markOpened, openPortalToken, portalAccount, portalCancelPlan, portalCancelPromise, portalDispute, portalDisputeAttachment,
  portalExtension, portalHistory, portalHistoryPage, HISTORY_KINDS, portalPay, portalPlan, portalPlanOptions, portalPromise, rememberPaymentReturn, sessionCookieSeconds, sessionValid, signOutPortal, statementHtml, statementPdf, updateContactPreferences, verifySecondFactor, type PaymentReturnCookie, type PortalAccess,
} from '../../portal/index.ts';
import type { ApiDeps } from '../context.ts';
import { readCookie } from '../auth.ts';
import { errorResponses, sendFailure, sendResult } from '../errors.ts';
import { inTransaction } from '../tx.ts';
import { sendAttachment } from '../attachment-reply.ts';
import { asSystem, withOrg } from '../../db/index.ts';
import { actFor } from '../org-scope.ts';
import { apiFields, disputeSchema, extensionSchema, planOptionSchema, planSchema, promiseSchema, scheduleBody } from './arrangement-schemas.ts';
import { decodeAttachment } from './disputes.ts';
import { gatewayContext, paymentLinkSchema } from './payment-links.ts';
import { portalAccountSchema, portalBodies, portalContactSchema, portalLinkInfoSchema } from './portal-schemas.ts';
import { portalHistoryPageSchema, portalHistorySchema } from './portal-history-schemas.ts';
import { portalChatRoutes } from './portal-chat.ts';

export const PORTAL_TOKEN_HEADER = 'x-portal-token';
export const PORTAL_COOKIE = 'cobro_portal';
export const PAYMENT_RETURN_COOKIE = 'cobro_pay_return';
/** Routes a link alone opens: what the page needs to ask the second factor, and answering it. */
// the org's logo heads the page like its name, before the second factor too
// signing out too: a session already over is signed out of all the same (its cookie cleared)
export const SIGN_OUT_URL = '/portal/api/session/sign-out';
const BEFORE_FACTOR = new Set(['/portal/api/link', '/portal/api/verify', '/portal/api/logo', SIGN_OUT_URL]);
const granted = new WeakMap<FastifyRequest, { access: PortalAccess; token: string }>();

function portalOf(req: FastifyRequest) {
  const g = granted.get(req);
  if (!g) throw new Error('portal route reached without a checked token');
  return g;
}

const secure = (req: FastifyRequest) => (req.protocol === 'https' || req.headers['x-forwarded-proto'] === 'https' ? '; Secure' : '');

function sessionCookie(req: FastifyRequest, value: string, maxAgeSeconds: number): string {
  return `${PORTAL_COOKIE}=${value}; Path=/portal/api; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure(req)}`;
}

/** Sent on the provider's top-level return to /p/return/{link} (Lax, not Strict: that navigation starts on the provider's site). */
function paymentReturnCookie(req: FastifyRequest, linkId: string, c: PaymentReturnCookie): string {
  return `${PAYMENT_RETURN_COOKIE}=${c.nonce}; Path=/p/return/${encodeURIComponent(linkId)}; HttpOnly; SameSite=Lax; Max-Age=${c.maxAgeSeconds}${secure(req)}`;
}

/** A statement as a file to save: HTML (printable, no scripts) or PDF, never shown inline nor cached. */
export function download(reply: FastifyReply, filename: string, body: string | Buffer) {
  return reply.type(typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/pdf').header('content-disposition', `attachment; filename="${filename}"`)
    .header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").send(body);
}

/** An invoice number as a file name: letters, digits, dot, dash and underscore. */
export const fileSafe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');

export const portalRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['debtor portal'];
  const config = { public: true };
  const security: Record<string, string[]>[] = [];

  app.addHook('onRequest', async (req, reply) => {
    reply.header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer');
    const token = req.headers[PORTAL_TOKEN_HEADER];
    if (typeof token !== 'string' || token.length > 200) {
      return sendFailure(reply, { code: 'UNAUTHORIZED', message: `send the portal link's token in the ${PORTAL_TOKEN_HEADER} header`, field: 'token' });
    }
    const now = deps.now();
    const opened = await asSystem('a portal link\'s token names its org', () => openPortalToken(deps.db, token, now));
    if (!opened.ok) return sendFailure(reply, opened.error);
    const access = opened.value;
    // from here the request acts for the link's org: this hook's reads, then the route's handler (src/api/org-scope.ts)
    // a valid session is extended by each request (src/portal/sessions.ts)
    const factorMissing = await withOrg(access.orgId, async () => {
      if (BEFORE_FACTOR.has(req.routeOptions.url ?? '')) return false;
      const settings = await getPortalSettings(deps.db, access.orgId);
      return settings.second_factor !== 'none' && !(await sessionValid(deps.db, access, readCookie(req, PORTAL_COOKIE), now, settings));
    });
    if (factorMissing) {
      return sendFailure(reply, { code: 'FORBIDDEN', message: 'answer the second factor first (POST /portal/api/verify)', field: 'second_factor' });
    }
    granted.set(req, { access, token });
    actFor(req, access.orgId);
  });

  /** The debtor's whole account as of now, noting on the link that it was used. */
  const accountOf = async (req: FastifyRequest) => {
    const { access } = portalOf(req);
    const now = deps.now();
    await markOpened(deps.db, access, now);
    return { access, now, account: await portalAccount(deps.db, access, now) };
  };

  app.get('/portal/api/link', {
    config, schema: { tags, security, summary: 'What the page needs before showing anything: the org, the language, the second factor asked',
      response: { 200: portalLinkInfoSchema, ...errorResponses } },
  }, async (req, reply) => {
    const { access, now, account } = await accountOf(req);
    if (!account.ok) return sendFailure(reply, account.error);
    const settings = await getPortalSettings(deps.db, access.orgId);
    return { org: account.value.org, language: account.value.language, locale: account.value.locale, second_factor: settings.second_factor,
      verified: settings.second_factor === 'none' || await sessionValid(deps.db, access, readCookie(req, PORTAL_COOKIE), now, settings) };
  });

  app.post('/portal/api/verify', {
    config, schema: { tags, security, summary: 'Answer the org\'s second factor; a right answer sets the session cookie',
      body: portalBodies.verify, response: { 200: z.object({ verified: z.literal(true), expires_at: z.string() }), ...errorResponses } },
  }, async (req, reply) => {
    const now = deps.now();
    const r = await verifySecondFactor(deps.db, portalOf(req).access, req.body.answer, now);
    if (!r.ok) return sendFailure(reply, r.error);
    // the cookie lives to the absolute cap; the server ends the session sooner once the debtor is idle past the window
    reply.header('set-cookie', sessionCookie(req, r.value.token, sessionCookieSeconds(await getPortalSettings(deps.db, portalOf(req).access.orgId))));
    return { verified: true as const, expires_at: r.value.expiresAt };
  });

  app.post(SIGN_OUT_URL, {
    config, schema: { tags, security, summary: 'Sign out: the second factor\'s session this browser holds ends now, and its open chat streams with `end` `session`',
      description: 'The link stays valid: the page asks the second factor again. The cookie is cleared whatever its session\'s state; `ended` says whether a live'
        + ' session was ended (audited as portal.signed_out). The customer\'s other sessions (another browser) are untouched.',
      response: { 200: z.object({ ended: z.boolean() }), ...errorResponses } },
  }, async (req, reply) => {
    const ended = await signOutPortal(deps.db, portalOf(req).access, readCookie(req, PORTAL_COOKIE), deps.now());
    // cleared with the attributes it was set with, so the browser drops that very cookie
    reply.header('set-cookie', sessionCookie(req, '', 0));
    return { ended };
  });

  app.get('/portal/api/account', {
    config, schema: { tags, security, summary: 'What is owed and why: open invoices, totals, recent payments, the promise, plan and disputes',
      response: { 200: portalAccountSchema, ...errorResponses } },
  }, async (req, reply) => {
    const { access, account } = await accountOf(req);
    if (!account.ok) return sendFailure(reply, account.error);
    // past the door, a portal asking a second factor is open through its session: the page offers to sign out of it
    return { ...account.value, signed_in: (await getPortalSettings(deps.db, access.orgId)).second_factor !== 'none' };
  });

  app.post('/portal/api/pay', {
    config, schema: { tags, security, summary: 'A hosted checkout for the whole balance or part of it; the page goes to its url',
      body: portalBodies.pay, response: { 201: paymentLinkSchema, ...errorResponses } },
  }, async (req, reply) => {
    const { access } = portalOf(req);
    const b = req.body;
    const now = deps.now();
    const r = await portalPay(gatewayContext(deps), access, { ...(b.amount !== undefined ? { amount: b.amount } : {}),
      ...(b.currency ? { currency: b.currency } : {}), ...(b.invoice_ids ? { invoiceIds: b.invoice_ids } : {}) }, now);
    // the provider's page returns through /p/return/{link}: this browser's cookie there lands it back on this portal link,
    // even when a message made the link first (src/portal/pay-return.ts)
    if (r.ok) reply.header('set-cookie', paymentReturnCookie(req, r.value.id, await rememberPaymentReturn(deps.db, access, r.value, now)));
    return sendResult(reply, r, 201);
  });

  app.post('/portal/api/promises', {
    config, schema: { tags, security, summary: 'Promise to pay an amount by a date, within the org\'s limits', body: portalBodies.promise,
      response: { 201: promiseSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, apiFields(await inTransaction(deps.db, (tx) => portalPromise(tx, portalOf(req).access,
    { amount: req.body.amount, currency: req.body.currency, dueDate: req.body.due_date }, deps.now()))), 201));

  const cancelDescription = 'Only the debtor\'s own (another\'s is 404); refused with 409 once it has ended. Recorded in the audit log and on the case'
    + ' timeline, and the case returns to its strategy, whose reminders resume.';
  const idParam = z.object({ id: z.string().min(1).max(100) });

  app.post('/portal/api/promises/:id/cancel', {
    config, schema: { tags, security, summary: 'Cancel the debtor\'s pending promise (or extension), once they confirm it', description: cancelDescription,
      params: idParam, body: portalBodies.cancel, response: { 200: promiseSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, apiFields(await inTransaction(deps.db, (tx) => portalCancelPromise(tx, portalOf(req).access, req.params.id, deps.now())))));

  app.post('/portal/api/plans/:id/cancel', {
    config, schema: { tags, security, summary: 'Cancel the debtor\'s instalment plan, once they confirm it, when the org allows it (403 otherwise)',
      description: `${cancelDescription} Instalments already paid stay paid.`, params: idParam, body: portalBodies.cancel, response: { 200: planSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, apiFields(await inTransaction(deps.db, (tx) => portalCancelPlan(tx, portalOf(req).access, req.params.id, deps.now())))));

  app.get('/portal/api/history', {
    config, schema: { tags, security, summary: 'What the account has been through: promises and plans that ended, disputes with their outcome and the file sent',
      response: { 200: portalHistorySchema, ...errorResponses } },
  }, async (req) => portalHistory(deps.db, portalOf(req).access));

  app.get('/portal/api/history/:kind', {
    config, schema: { tags, security, summary: 'The next page of one kind of the history: the 50 after `before` (a `next` cursor), newest first',
      description: 'An id that is not one of this debtor\'s rows of that kind gives an empty page.',
      params: z.object({ kind: z.enum(HISTORY_KINDS) }), querystring: z.object({ before: z.string().min(1).max(64) }),
      response: { 200: portalHistoryPageSchema, ...errorResponses } },
  }, async (req) => portalHistoryPage(deps.db, portalOf(req).access, req.params.kind, req.query.before));

  app.get('/portal/api/disputes/:id/attachment', {
    config, schema: { tags, security, summary: 'The file the debtor sent with a dispute, as a download',
      description: 'Only the debtor\'s own dispute and a file they sent (through the portal or the agent); another\'s, or a file staff attached, is 404.',
      params: idParam },
  }, async (req, reply) => {
    const r = await portalDisputeAttachment(deps.db, portalOf(req).access, req.params.id);
    return r.ok ? sendAttachment(reply, r.value) : sendFailure(reply, r.error);
  });

  app.get('/portal/api/plans/options', {
    config, schema: { tags, security, summary: 'The instalment plans the org\'s limits allow for what is owed',
      response: { 200: z.object({ data: z.array(planOptionSchema) }), ...errorResponses } },
  }, async (req, reply) => {
    const r = apiFields(await portalPlanOptions(deps.db, portalOf(req).access, deps.now()));
    return sendResult(reply, r.ok ? ok({ data: r.value.map((o) => ({ ...scheduleBody(o), count: o.count })) }) : r);
  });

  app.post('/portal/api/plans', {
    config, schema: { tags, security, summary: 'Choose an instalment plan', body: portalBodies.plan, response: { 201: planSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, apiFields(await inTransaction(deps.db, (tx) => portalPlan(tx, portalOf(req).access, {
    instalments: req.body.instalments, frequency: req.body.frequency, ...(req.body.down_payment !== undefined ? { downPayment: req.body.down_payment } : {}),
  }, deps.now()))), 201));

  app.post('/portal/api/extensions', {
    config, schema: { tags, security, summary: 'Ask for more time, within the org\'s limits', body: portalBodies.extension,
      response: { 201: extensionSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, apiFields(await inTransaction(deps.db, (tx) => portalExtension(tx, portalOf(req).access,
    { days: req.body.days, ...(req.body.reason ? { reason: req.body.reason } : {}) }, deps.now()))), 201));

  app.post('/portal/api/disputes', {
    bodyLimit: 8 * 1024 * 1024,
    config, schema: { tags, security, summary: 'Dispute some or all open invoices, with a reason and an optional attachment (base64)',
      body: portalBodies.dispute, response: { 201: disputeSchema, ...errorResponses } },
  }, async (req, reply) => {
    const b = req.body;
    const attachment = decodeAttachment(b.attachment);
    if (!attachment.ok) return sendFailure(reply, attachment.error);
    return sendResult(reply, apiFields(await inTransaction(deps.db, (tx) => portalDispute(tx, portalOf(req).access, {
      reason: b.reason, invoiceIds: b.invoice_ids, ...(b.text ? { text: b.text } : {}), ...(attachment.value ? { attachment: attachment.value } : {}),
    }, deps.now()))), 201);
  });

  app.get('/portal/api/contact', {
    config, schema: { tags, security, summary: 'The channels that may reach the debtor, and the one they prefer', response: { 200: portalContactSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await contactPreferences(deps.db, portalOf(req).access)));

  app.put('/portal/api/contact', {
    config, schema: { tags, security, summary: 'Stop or allow channels (opt-outs with source portal, read by the contact gate at once) and choose the preferred one',
      body: portalBodies.contact, response: { 200: portalContactSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await inTransaction(deps.db, (tx) => updateContactPreferences(tx, portalOf(req).access, {
    ...(req.body.channels ? { channels: req.body.channels } : {}), ...(req.body.preferred_channel !== undefined ? { preferred_channel: req.body.preferred_channel } : {}),
  }, deps.now()))));

  portalChatRoutes(app, deps, (req) => portalOf(req).access);

  app.get('/portal/api/logo', {
    config, schema: { tags, security, summary: 'The org\'s logo (PNG or JPEG) for the page\'s header; 404 when it has none' },
  }, async (req, reply) => {
    const logo = await getOrgLogo(deps.db, portalOf(req).access.orgId);
    if (!logo) return sendFailure(reply, { code: 'NOT_FOUND', message: 'the org has no logo', field: 'logo' });
    return reply.type(logo.content_type).header('x-content-type-options', 'nosniff').send(logo.data);
  });

  app.get('/portal/api/statement', {
    config, schema: { tags, security, summary: 'The statement of open invoices as a printable HTML file (a download)' },
  }, async (req, reply) => {
    const { access, account } = await accountOf(req);
    if (!account.ok) return sendFailure(reply, account.error);
    return download(reply, `statement-${account.value.today}.html`, statementHtml(account.value, undefined, await getOrgLogo(deps.db, access.orgId)));
  });

  app.get('/portal/api/statement.pdf', {
    config, schema: { tags, security, summary: 'The statement of open invoices as a PDF file (a download), A4 or Letter by the org\'s country' },
  }, async (req, reply) => {
    const { access, account, now } = await accountOf(req);
    if (!account.ok) return sendFailure(reply, account.error);
    return download(reply, `statement-${account.value.today}.pdf`, await statementPdf(account.value, now, undefined, await getOrgLogo(deps.db, access.orgId)));
  });

  for (const pdf of [false, true]) {
    app.get(`/portal/api/invoices/:id/statement${pdf ? '.pdf' : ''}`, {
      config, schema: { tags, security, summary: `One open invoice as a ${pdf ? 'PDF' : 'printable HTML'} file (a download)`, params: z.object({ id: z.string().max(100) }) },
    }, async (req, reply) => {
      const { access, account, now } = await accountOf(req);
      if (!account.ok) return sendFailure(reply, account.error);
      const logo = await getOrgLogo(deps.db, access.orgId);
      const invoice = account.value.invoices.find((i) => i.id === req.params.id);
      if (!invoice) return sendFailure(reply, { code: 'NOT_FOUND', message: `no open invoice ${req.params.id} on this account`, field: 'id' });
      const name = `invoice-${fileSafe(invoice.number)}`;
      return pdf ? download(reply, `${name}.pdf`, await statementPdf(account.value, now, invoice, logo))
        : download(reply, `${name}.html`, statementHtml(account.value, invoice, logo));
    });
  }
};
