// The staff's side of the debtor portal: make a customer's portal link (to send by hand), list and withdraw links, the
// statement the debtor downloads (as a PDF), and the org's portal settings (second factor, link and session lifetimes, attempt limits).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getCustomer } from '../../ledger/index.ts';
import { ok } from '../../domain/result.ts';
import { getOrgLogo } from '../../orgs/index.ts';
import { createPortalLink, listPortalLinks, portalAccount, portalSettingsView, portalUrl, revokePortalLink, setPortalSettings, statementPdf } from '../../portal/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendFailure, sendResult } from '../errors.ts';
import { idParams } from '../schemas.ts';
import { inTransaction } from '../tx.ts';
import { download, fileSafe } from './portal.ts';
import { newPortalLinkSchema, portalLinkSchema, portalSettingsBody, portalSettingsViewSchema } from './portal-schemas.ts';

export const portalStaffRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['debtor portal'];
  const base = deps.messaging?.publicUrl ?? 'http://localhost:3000';

  app.post('/v1/customers/:id/portal-link', {
    schema: { tags, summary: 'A new signed portal link for the customer, to send by hand (messages carry one on their own)',
      description: 'Valid for `days` (default: the org\'s link lifetime). The token is shown once here; withdraw the link with POST /v1/portal-links/{id}/revoke.',
      params: idParams, body: z.object({ days: z.number().int().min(1).max(365).optional() }).default({}),
      response: { 201: newPortalLinkSchema, ...errorResponses } },
  }, async (req, reply) => {
    const r = await inTransaction(deps.db, (tx) => createPortalLink(tx, orgOf(req), actorOf(req), req.params.id, 'staff', deps.now(), req.body.days));
    return sendResult(reply, r.ok ? ok({ ...r.value.link, url: portalUrl(base, r.value.token), token: r.value.token }) : r, 201);
  });

  app.get('/v1/customers/:id/portal-links', {
    schema: { tags, summary: 'The customer\'s portal links, newest first (their tokens are never shown again)', params: idParams,
      response: { 200: z.object({ data: z.array(portalLinkSchema) }), ...errorResponses } },
  }, async (req, reply) => {
    const c = await getCustomer(deps.db, orgOf(req), req.params.id);
    if (!c.ok) return sendResult(reply, c);
    return { data: await listPortalLinks(deps.db, orgOf(req), c.value.id) };
  });

  app.get('/v1/customers/:id/statement.pdf', {
    schema: { tags, summary: 'The statement of the customer\'s open invoices as a PDF, exactly as the debtor downloads it from the portal',
      description: 'In the customer\'s language, money and dates in their locale, today in their time zone; A4, or Letter where the org\'s country uses it.',
      params: idParams },
  }, async (req, reply) => {
    const c = await getCustomer(deps.db, orgOf(req), req.params.id);
    if (!c.ok) return sendResult(reply, c);
    const now = deps.now();
    const account = await portalAccount(deps.db, { orgId: orgOf(req), customerId: c.value.id, linkId: '' }, now);
    if (!account.ok) return sendFailure(reply, account.error);
    return download(reply, `statement-${fileSafe(c.value.external_id)}-${account.value.today}.pdf`, await statementPdf(account.value, now, undefined, await getOrgLogo(deps.db, orgOf(req))));
  });

  app.post('/v1/portal-links/:id/revoke', {
    schema: { tags, summary: 'Withdraw a portal link at once; sessions it opened end too', params: idParams,
      response: { 200: portalLinkSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await inTransaction(deps.db, (tx) => revokePortalLink(tx, orgOf(req), actorOf(req), req.params.id, deps.now()))));

  app.get('/v1/portal/settings', {
    schema: { tags, summary: 'The org\'s portal settings, with when and by whom they were last changed', response: { 200: portalSettingsViewSchema, ...errorResponses } },
  }, async (req) => portalSettingsView(deps.db, orgOf(req)));

  app.put('/v1/portal/settings', {
    schema: { tags, summary: 'Change the portal settings given; the others stay',
      description: '`second_factor`: `none`, `tax_id_last4` (the last 4 letters or digits of the customer\'s `metadata.tax_id`) or `postcode` (`metadata.postcode`).',
      body: portalSettingsBody, response: { 200: portalSettingsViewSchema, ...errorResponses } },
    config: { roles: ['admin'] },
  }, async (req, reply) => sendResult(reply, await inTransaction(deps.db, async (tx) => {
    await setPortalSettings(tx, orgOf(req), actorOf(req), req.body, deps.now());
    return ok(await portalSettingsView(tx, orgOf(req)));
  })));
};
