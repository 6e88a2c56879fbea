// /v1/reconciliation/adyen/settlement-reports: Adyen's Settlement details report uploaded (multipart, `file`). Each
// batch paid out in it is stored with what it carried and then shows under /v1/reconciliation/reported-payouts/adyen:{merchant
// account}:{batch}, checked against its amount as Stripe's and Mercado Pago's payouts are. All or nothing: a row that cannot be
// read fails the file (422, naming its line and column); the same file again adds nothing (duplicate: true).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { importAdyenSettlement, listAdyenSettlementReports } from '../../payments/adyen-settlement.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendFailure, sendResult } from '../errors.ts';

const reportSchema = z.object({
  id: z.string(), filename: z.string().nullable(), sha256: z.string(), rows: z.number().int().meta({ description: 'rows read under the header' }),
  payouts: z.number().int().meta({ description: 'batches paid out (a MerchantPayout row) stored from it' }), transactions: z.number().int(),
  open_batches: z.number().int().meta({ description: 'batches in the file without a MerchantPayout row (not paid out yet, or carried to the next batch)' }),
  payout_ids: z.array(z.string()).meta({ description: 'the payouts stored, each `<merchant account>:<batch number>`; see /v1/reconciliation/reported-payouts/adyen:{id}' }),
  actor: z.string(), created_at: z.string(),
}).meta({ id: 'AdyenSettlementReport' });
const uploadSchema = reportSchema.extend({
  duplicate: z.boolean().meta({ description: 'this very file was uploaded before: nothing was added' }),
  lines_settled: z.number().int().meta({ description: 'bank credits settled as these payouts by this upload' }),
  unchanged: z.array(z.string()).meta({ description: 'batches kept already from an earlier file with the very same lines: nothing done' }),
  changed: z.array(z.string()).meta({ description: 'batches kept already with other lines: left as kept, an org-level review task opened' }),
}).meta({ id: 'AdyenSettlementUpload' });

export const reconciliationAdyenRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['reconciliation'];
  app.post('/v1/reconciliation/adyen/settlement-reports', {
    schema: { tags, summary: 'Upload Adyen\'s Settlement details report (CSV): each batch\'s payout is stored with what it carried and checked',
      description: 'multipart/form-data with one `file` part. A row that cannot be read fails the whole file (422, naming its line and column) and nothing is stored.',
      consumes: ['multipart/form-data'], response: { 200: uploadSchema, ...errorResponses } },
    config: { roles: ['admin', 'manager'] },
  }, async (req, reply) => {
    // one file part; past the server's upload limit the error handler answers 413
    const part = await req.file();
    if (!part) return sendFailure(reply, { code: 'VALIDATION_FAILED', message: 'a file part is required', field: 'file' });
    const file = await part.toBuffer();
    const filename = part.filename || null;
    return sendResult(reply, await importAdyenSettlement(deps.db, orgOf(req), { filename, content: file }, actorOf(req), deps.now()));
  });

  app.get('/v1/reconciliation/adyen/settlement-reports', {
    schema: { tags, summary: 'The Adyen settlement details reports uploaded, newest first', response: { 200: z.object({ data: z.array(reportSchema) }), ...errorResponses } },
  }, async (req) => ({ data: await listAdyenSettlementReports(deps.db, orgOf(req)) }));
};
