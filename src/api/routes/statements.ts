// /v1/statements: upload a bank statement file (multipart: optional format, then file), list statements, read one with its
// lines, match waiting lines again, release a line held back as a duplicate.
import { z } from 'zod';
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getStatement, importStatement, listStatements, releaseDuplicate, rerunMatching, MATCH_STATES, type StatementFormat } from '../../reconciliation/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendFailure, sendResult } from '../errors.ts';
import { idParams, pageOf, pageQuery } from '../schemas.ts';
import { answerKnownKey, beginIdempotent, finishIdempotent } from '../idempotency.ts';
import { proposalSchema } from './reconciliation-schemas.ts';
import { sendTooLarge } from '../body-limits.ts';

const FORMATS = ['auto', 'camt.052', 'camt.053', 'camt.054', 'mt940', 'mt942', 'ofx', 'csv'] as const;
const minor = z.number().int().meta({ description: 'integer minor units of the currency' });

export const summarySchema = z.object({ matched: z.number().int(), review: z.number().int(), unmatched: z.number().int(), reversed: z.number().int(),
  not_receivable: z.number().int(), duplicate: z.number().int().meta({ description: 'lines held back as imported before in another file' }),
  payout: z.number().int().meta({ description: 'credits that are a payment gateway\'s payout (R-6): settled as such, never matched to an invoice nor queued for review (GET /v1/reconciliation/payouts)' }) });

const importReportSchema = z.object({
  filename: z.string().nullable(), format: z.string(), lines: z.number().int(), new_lines: z.number().int(),
  duplicates: z.number().int().meta({ description: 'lines skipped: the same lines were imported before (same or overlapping file)' }),
  statements: z.array(z.object({ id: z.string(), account: z.string().nullable(), lines: z.number().int(), new_lines: z.number().int() })),
  cross_format_duplicates: z.array(z.object({ line_id: z.string(), statement_id: z.string(), position: z.number().int(),
    duplicate_of: z.string(), reason: z.string() })).meta({ description: 'new lines held back and not matched: the same movements came before in another file (e.g. camt.053 and MT940 of the same day)' }),
  reconciliation: summarySchema,
}).meta({ id: 'StatementImport' });

const rerunSchema = summarySchema.extend({ lines: z.number().int(), dry_run: z.boolean() }).meta({ id: 'ReconciliationRerun' });

const statementSchema = z.object({
  id: z.string(), format: z.string(), bank_statement_id: z.string().nullable(), account: z.string().nullable(), currency: z.string().nullable(),
  filename: z.string().nullable(), opening_balance: minor.nullable(), closing_balance: minor.nullable(), line_count: z.number().int(),
  new_lines: z.number().int(), created_at: z.string(),
}).meta({ id: 'Statement' });

const lineSchema = z.object({
  id: z.string(), position: z.number().int(), account: z.string().nullable(), booking_date: z.string().nullable(), value_date: z.string().nullable(),
  amount: minor, currency: z.string(), direction: z.enum(['credit', 'debit']), counterparty_name: z.string().nullable(),
  counterparty_account: z.string().nullable(), remittance_text: z.string().nullable(), structured_reference: z.string().nullable(),
  end_to_end_id: z.string().nullable(), bank_reference: z.string().nullable(), reversal: z.boolean(), transaction_code: z.string().nullable(),
  match_state: z.enum(MATCH_STATES), payment_id: z.string().nullable(),
  duplicate_of: z.string().nullable().meta({ description: 'the line this one repeats, when held back as a duplicate' }), proposal: proposalSchema.omit({ line: true }).nullable(),
});

const MAX_BYTES = 64 * 1024 * 1024;

export const statementRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['reconciliation'];
  app.post('/v1/statements', {
    schema: { tags, summary: 'Import a bank statement file and match its credits to invoices',
      description: 'multipart/form-data with optional fields `format` (auto | camt.053 | mt940 | ...), `currency`, `encoding`, `csv` (a CSV mapping name), then `file`. The format is detected from the content. One file is one transaction; a file that does not parse is rejected (422) naming the line. Lines already imported (same or overlapping file) are skipped.',
      consumes: ['multipart/form-data'], response: { 200: importReportSchema, ...errorResponses } },
    config: { roles: ['admin', 'manager'] },
  }, async (req, reply) => {
    const fields: Record<string, string> = {};
    let file: Buffer | null = null;
    let filename: string | null = null;
    for await (const part of req.parts()) {
      if (part.type === 'field') { fields[part.fieldname] = String(part.value); continue; }
      filename = part.filename;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file) {
        size += (chunk as Buffer).length;
        if (size > MAX_BYTES) return sendTooLarge(reply, 'file', MAX_BYTES);
        chunks.push(chunk as Buffer);
      }
      file = Buffer.concat(chunks);
    }
    if (!file || filename === null) return sendFailure(reply, { code: 'VALIDATION_FAILED', message: 'a file part is required', field: 'file' });
    const format = fields.format ?? 'auto';
    if (!(FORMATS as readonly string[]).includes(format)) {
      return sendFailure(reply, { code: 'VALIDATION_FAILED', message: `format must be one of ${FORMATS.join(', ')}`, field: 'format' });
    }
    const orgId = orgOf(req);
    const key = req.headers['idempotency-key'];
    if (typeof key === 'string') {
      const hash = createHash('sha256').update(file).update(`\n${JSON.stringify(fields)}`).digest('hex');
      if (await answerKnownKey(reply, await beginIdempotent(deps.db, orgId, key, 'POST', req.url, hash))) return reply;
    }
    const r = await importStatement(deps.db, orgId, file, { filename, actor: actorOf(req), now: deps.now,
      ...(format !== 'auto' ? { format: format as StatementFormat } : {}), ...(fields.currency ? { currency: fields.currency } : {}),
      ...(fields.encoding ? { encoding: fields.encoding } : {}), ...(fields.csv ? { csv: fields.csv } : {}) });
    if (typeof key === 'string') {
      await finishIdempotent(deps.db, orgId, key, r.ok ? 200 : 422, JSON.stringify(r.ok ? r.value : { error: r.error }));
    }
    return sendResult(reply, r);
  });

  app.post('/v1/statements/rerun', {
    schema: { tags, summary: 'Match the waiting lines again (unmatched, and by default those in review), e.g. after importing invoices',
      body: z.object({ statement_id: z.string().min(1).optional(), include_review: z.boolean().default(true), dry_run: z.boolean().default(false) })
        .default({ include_review: true, dry_run: false }),
      response: { 200: rerunSchema, ...errorResponses } },
    config: { roles: ['admin', 'manager', 'collector'] },
  }, async (req, reply) => sendResult(reply, await rerunMatching(deps.db, orgOf(req), { actor: actorOf(req), now: deps.now,
    includeReview: req.body.include_review, dryRun: req.body.dry_run, ...(req.body.statement_id ? { statementId: req.body.statement_id } : {}) })));

  app.post('/v1/statements/lines/:id/release', {
    schema: { tags, summary: 'A line held back as a duplicate is not one: match it like a new line', params: idParams,
      response: { 200: z.object({ line: lineSchema.omit({ proposal: true }), reconciliation: summarySchema }), ...errorResponses } },
    config: { roles: ['admin', 'manager', 'collector'] },
  }, async (req, reply) => sendResult(reply, await releaseDuplicate(deps.db, orgOf(req), actorOf(req), req.params.id, deps.now)));

  app.get('/v1/statements', {
    schema: { tags, summary: 'List imported statements', querystring: pageQuery, response: { 200: pageOf(statementSchema), ...errorResponses } },
  }, async (req) => listStatements(deps.db, orgOf(req), req.query));

  app.get('/v1/statements/:id', {
    schema: { tags, summary: 'A statement with its lines and their match state', params: idParams,
      response: { 200: statementSchema.extend({ lines: z.array(lineSchema) }), ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await getStatement(deps.db, orgOf(req), req.params.id)));
};
