// Data rights through the API: erasure requests, a customer's data requests (the request book is privacy-requests.ts), compliance settings and the retention purge.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getCustomer } from '../../ledger/index.ts';
import { complianceSettingsSchema, getComplianceSettings, purgeRetention, requestErasure, setComplianceSettings } from '../../compliance/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendFailure, sendResult } from '../errors.ts';
import { idParams } from '../schemas.ts';
import { inTransaction } from '../tx.ts';
import { privacyRequestRoutes } from './privacy-requests.ts';

const erasure = z.object({
  outcome: z.enum(['erased', 'restricted', 'already_erased']), customer_id: z.string(), request_id: z.string().optional(),
  counts: z.record(z.string(), z.number()).optional(), addresses_suppressed: z.number().optional(), reason: z.string().optional(),
  kept: z.array(z.object({ provider: z.string(), dispute_id: z.string(), payment_ref: z.string(), dispute_status: z.string(), files: z.number(),
    reason: z.string() })).optional().describe('gateway dispute evidence kept while its dispute is open (GDPR art. 17(3)(e)), with why'),
}).meta({ id: 'ErasureOutcome' });
const dataRequest = z.object({
  id: z.string(), kind: z.string(), received_on: z.string(), due_on: z.string(), extended_to: z.string().nullable(), status: z.string(),
  outcome: z.unknown(), actor: z.string(), created_at: z.string(), completed_at: z.string().nullable(),
}).meta({ id: 'DataRequest' });
const retention = z.object({ contact_evidence_days: z.number(), closed_customer_days: z.number(), raw_event_days: z.number() });
const settings = z.object({ retention, company_address: z.string().nullable(), company_tax_id: z.string().nullable(), updated_at: z.string().nullable() })
  .meta({ id: 'ComplianceSettings' });
const purgeReport = z.object({ dry_run: z.boolean(), erased: z.array(z.string()), evidence_customers: z.array(z.string()),
  rows: z.record(z.string(), z.number()), raw_events: z.number(),
  dispute_evidence: z.object({ gateway_dispute_evidence: z.number(), gateway_dispute_evidence_files: z.number() })
    .describe('erased customers\' evidence of gateway disputes now closed: rows emptied and files deleted') }).meta({ id: 'PurgeReport' });

export const dataRightsRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['data rights'];
  app.post('/v1/customers/:id/erasure', { schema: { tags,
    summary: 'Erase a customer (GDPR art. 17): personal data removed, ledger and audit kept, addresses kept only as hashes; restricted while a debt is open',
    params: idParams, response: { 200: erasure, ...errorResponses } }, config: { roles: ['admin'] } }, async (req, reply) => {
    const c = await getCustomer(deps.db, orgOf(req), req.params.id);
    if (!c.ok) return sendFailure(reply, c.error);
    return sendResult(reply, await inTransaction(deps.db, (tx) => requestErasure(tx, orgOf(req), actorOf(req), c.value.id, deps.now())));
  });
  app.get('/v1/customers/:id/data-requests', { schema: { tags, summary: 'A customer\'s access and erasure requests, with their due dates (EU-2)',
    params: idParams, response: { 200: z.object({ data: z.array(dataRequest) }), ...errorResponses } }, config: { roles: ['admin', 'manager'] } },
  async (req, reply) => {
    const c = await getCustomer(deps.db, orgOf(req), req.params.id);
    if (!c.ok) return sendFailure(reply, c.error);
    return { data: await deps.db.query<z.infer<typeof dataRequest>>(
      `SELECT id, kind, to_char(received_on, 'YYYY-MM-DD') AS received_on, to_char(due_on, 'YYYY-MM-DD') AS due_on,
              to_char(extended_to, 'YYYY-MM-DD') AS extended_to, status, outcome, actor, created_at, completed_at
       FROM data_requests WHERE org_id = $1 AND customer_id = $2 ORDER BY created_at DESC`, [orgOf(req), c.value.id]) };
  });

  app.get('/v1/compliance/settings', { schema: { tags, summary: 'Retention periods and the legal identity messages show',
    response: { 200: settings, ...errorResponses } }, config: { roles: ['admin', 'manager'] } }, async (req) => getComplianceSettings(deps.db, orgOf(req)));
  app.put('/v1/compliance/settings', { schema: { tags, summary: 'Change retention periods (days; legal minimums still apply per country) or the company address and CNPJ/tax id',
    body: complianceSettingsSchema, response: { 200: settings, ...errorResponses } }, config: { roles: ['admin'] } },
  async (req) => deps.db.transaction((tx) => setComplianceSettings(tx, orgOf(req), actorOf(req), req.body, deps.now())));
  app.post('/v1/compliance/purge', { schema: { tags, summary: 'Apply the retention periods now (the worker does it daily); dry_run says what would go',
    body: z.object({ dry_run: z.boolean().default(true) }).default({ dry_run: true }), response: { 200: purgeReport, ...errorResponses } },
  config: { roles: ['admin'] } }, async (req) => purgeRetention(deps.db, orgOf(req), deps.now(), { dryRun: req.body.dry_run }));
  await app.register(privacyRequestRoutes(deps));
};
