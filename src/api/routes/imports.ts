// /v1/imports: upload a CSV (multipart: kind, optional mapping JSON, file) and get the same report the CLI prints.
import { z } from 'zod';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { importCsv, parseMapping, IMPORT_KINDS, type ImportKind, type Mapping } from '../../ledger/index.ts';
import { settleImportedPayments } from '../../payments/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendFailure } from '../errors.ts';
import { idParams } from '../schemas.ts';
import { answerKnownKey, beginIdempotent, finishIdempotent } from '../idempotency.ts';

const rowError = z.object({ line: z.number(), column: z.string(), reason: z.string() });
export const importReportSchema = z.object({
  id: z.string(), kind: z.enum(IMPORT_KINDS), filename: z.string().nullable(), status: z.enum(['completed', 'rejected']),
  rows: z.number(), inserted: z.number(), updated: z.number(), unchanged: z.number(), customers_created: z.number(),
  error_count: z.number(), errors: z.array(rowError),
}).meta({ id: 'ImportReport' });

const storedImport = z.object({
  id: z.string(), kind: z.string(), filename: z.string().nullable(), status: z.string(), rows: z.number(), inserted: z.number(),
  updated: z.number(), unchanged: z.number(), errors: z.array(rowError), created_at: z.string(), finished_at: z.string().nullable(),
});

export const importRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['imports'];
  app.post('/v1/imports', {
    schema: { tags, summary: 'Import a CSV file of customers, invoices or payments',
      description: 'multipart/form-data with fields `kind` (customers | invoices | payments), optional `mapping` (JSON), then `file`. One file is one transaction: a bad row rejects it (422) and the report names every bad row.',
      consumes: ['multipart/form-data'], response: { ...errorResponses, 200: importReportSchema, 422: importReportSchema } },
    config: { roles: ['admin', 'manager'] },
  }, async (req, reply) => {
    const dir = await mkdtemp(join(tmpdir(), 'cobro-import-'));
    try {
      const fields: Record<string, string> = {};
      let filename: string | null = null;
      const hash = createHash('sha256');
      for await (const part of req.parts()) {
        if (part.type === 'field') { fields[part.fieldname] = String(part.value); continue; }
        filename = part.filename;
        const hasher = new Transform({ transform(chunk, _e, cb) { hash.update(chunk); cb(null, chunk); } });
        await pipeline(part.file, hasher, createWriteStream(join(dir, 'upload.csv')));
      }
      const kind = fields.kind as ImportKind;
      if (!IMPORT_KINDS.includes(kind)) return sendFailure(reply, { code: 'VALIDATION_FAILED', message: 'kind must be customers, invoices or payments', field: 'kind' });
      if (!filename) return sendFailure(reply, { code: 'VALIDATION_FAILED', message: 'a file part is required', field: 'file' });
      let mapping: Mapping | undefined;
      if (fields.mapping) {
        let json: unknown;
        try { json = JSON.parse(fields.mapping); } catch { return sendFailure(reply, { code: 'VALIDATION_FAILED', message: 'mapping is not JSON', field: 'mapping' }); }
        const m = parseMapping(json);
        if (!m.ok) return sendFailure(reply, { code: 'VALIDATION_FAILED', message: m.message, field: 'mapping' });
        mapping = m.mapping;
      }
      const key = req.headers['idempotency-key'];
      const orgId = orgOf(req);
      if (typeof key === 'string') {
        hash.update(`\n${kind}\n${fields.mapping ?? ''}`);
        if (await answerKnownKey(reply, await beginIdempotent(deps.db, orgId, key, 'POST', req.url, hash.digest('hex')))) return reply;
      }
      const now = deps.now();
      // the discounts the file's payments earn and their cases' re-plan happen in the import's transaction, as a recorded payment's do
      const report = await importCsv(deps.db, orgId, kind, createReadStream(join(dir, 'upload.csv')),
        { filename, actor: actorOf(req), ...(mapping ? { mapping } : {}), afterPayments: (tx, ids) => settleImportedPayments(tx, orgId, ids, now) });
      const status = report.status === 'completed' ? 200 : 422;
      if (typeof key === 'string') await finishIdempotent(deps.db, orgId, key, status, JSON.stringify(report));
      return reply.code(status).send(report);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  app.get('/v1/imports/:id', {
    schema: { tags, summary: 'An import and its report', params: idParams, response: { 200: storedImport, ...errorResponses } },
  }, async (req, reply) => {
    const [row] = await deps.db.query<z.infer<typeof storedImport>>(
      `SELECT id, kind, filename, status, rows, inserted, updated, unchanged, errors, created_at, finished_at
       FROM imports WHERE org_id = $1 AND id = $2`, [orgOf(req), req.params.id]);
    return row ?? sendFailure(reply, { code: 'NOT_FOUND', message: `no import ${req.params.id}`, field: 'id' });
  });
};
