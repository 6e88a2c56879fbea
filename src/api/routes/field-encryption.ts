// /v1/org/field-encryption: admins see and switch the org's field encryption and rotate its data key; each change
// re-encrypts the stored values in batches before answering (an interrupted run resumes on the next call or `cobro keys resume`).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fieldEncryptionStatus, rotateDataKey, runFieldJob, setFieldEncryption } from '../../vault/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendFailure } from '../errors.ts';
import { inTransaction } from '../tx.ts';

const statusSchema = z.object({
  enabled: z.boolean(), active_version: z.number().nullable(), job: z.enum(['seal', 'open']).nullable(),
  master_key_id: z.string().nullable().meta({ description: 'fingerprint of the configured COBRO_FIELD_KEY (never the key)' }),
  keys: z.array(z.object({ version: z.number(), master_id: z.string(), created_at: z.string(), values: z.number() })),
  index_key_master_id: z.string().nullable(),
  plaintext_values: z.number().meta({ description: 'customer emails, numbers and tax ids stored in the clear' }),
  row_unbound_values: z.number().meta({ description: 'customer values sealed in the old format v1 (not bound to the customer); re-sealed by enabling again or rotating' }),
}).meta({ id: 'FieldEncryption' });
const jobSchema = z.object({ rows: z.number(), values: z.number(), batches: z.number(), done: z.boolean() });
const withJob = z.object({ status: statusSchema, job: jobSchema });

export const fieldEncryptionRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const admins = { roles: ['admin'] as 'admin'[] };
  const tags = ['org'];
  const finish = async (orgId: string) => {
    const job = await runFieldJob(deps.db, orgId);
    return { status: await fieldEncryptionStatus(deps.db, orgId), job };
  };
  app.get('/v1/org/field-encryption', { schema: { tags, summary: 'Field encryption: on or off, data key versions and the values each seals',
    response: { 200: statusSchema, ...errorResponses } }, config: admins }, async (req) => fieldEncryptionStatus(deps.db, orgOf(req)));
  app.put('/v1/org/field-encryption', { schema: { tags, summary: 'Turn field encryption of customers\' emails, numbers and tax ids on or off (audited)',
    body: z.object({ enabled: z.boolean() }), response: { 200: withJob, ...errorResponses } }, config: admins },
  async (req, reply) => {
    const r = await inTransaction(deps.db, (tx) => setFieldEncryption(tx, orgOf(req), actorOf(req), req.body.enabled, deps.now()));
    return r.ok ? finish(orgOf(req)) : sendFailure(reply, r.error);
  });
  app.post('/v1/org/field-encryption/rotate', { schema: { tags, summary: 'Make a new data key version and re-seal every value under it (audited)',
    response: { 200: withJob, ...errorResponses } }, config: admins },
  async (req, reply) => {
    const r = await inTransaction(deps.db, (tx) => rotateDataKey(tx, orgOf(req), actorOf(req), deps.now()));
    return r.ok ? finish(orgOf(req)) : sendFailure(reply, r.error);
  });
};
