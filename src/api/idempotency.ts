// Idempotency-Key on POST: the same key and body replay the first response; the same key with another body is a 409.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { withOrg, type Db } from '../db/index.ts';
import type { ApiDeps } from './context.ts';
import { sendFailure } from './errors.ts';

export function hashRequest(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${typeof body === 'string' ? body : JSON.stringify(body ?? null)}`).digest('hex');
}

type Begin = { kind: 'proceed' } | { kind: 'replay'; status: number; body: unknown } | { kind: 'conflict'; message: string };

/** Claims the key for this request, or says why not (replay of a finished one, or a conflict). */
export async function beginIdempotent(db: Db, orgId: string, key: string, method: string, path: string, hash: string): Promise<Begin> {
  const inserted = await db.query(
    `INSERT INTO idempotency_keys (org_id, key, method, path, request_hash) VALUES ($1,$2,$3,$4,$5)
     ON CONFLICT (org_id, key) DO NOTHING RETURNING key`, [orgId, key, method, path, hash]);
  if (inserted.length) return { kind: 'proceed' };
  const [row] = await db.query<{ request_hash: string; status_code: number | null; response: unknown }>(
    'SELECT request_hash, status_code, response FROM idempotency_keys WHERE org_id = $1 AND key = $2', [orgId, key]);
  if (!row) return beginIdempotent(db, orgId, key, method, path, hash);
  if (row.request_hash !== hash) return { kind: 'conflict', message: 'this Idempotency-Key was used with another request body' };
  if (row.status_code === null) return { kind: 'conflict', message: 'a request with this Idempotency-Key is still in progress' };
  return { kind: 'replay', status: row.status_code, body: row.response };
}

export async function finishIdempotent(db: Db, orgId: string, key: string, status: number, body: string): Promise<void> {
  if (status >= 500) {
    await db.query('DELETE FROM idempotency_keys WHERE org_id = $1 AND key = $2', [orgId, key]);
    return;
  }
  let parsed: unknown = null;
  try { parsed = JSON.parse(body); } catch { parsed = body; }
  await db.query('UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE org_id = $1 AND key = $2',
    [orgId, key, status, JSON.stringify(parsed)]);
}

/** Replies to a request whose key is already known; returns true when it did. */
export async function answerKnownKey(reply: FastifyReply, begin: Begin): Promise<boolean> {
  if (begin.kind === 'proceed') return false;
  if (begin.kind === 'conflict') await sendFailure(reply, { code: 'IDEMPOTENCY_CONFLICT', message: begin.message, field: 'Idempotency-Key' });
  else await reply.code(begin.status).header('idempotent-replayed', 'true').send(begin.body);
  return true;
}

export function registerIdempotency(app: FastifyInstance, deps: ApiDeps): void {
  app.decorateRequest('idempotency', null);
  app.addHook('preHandler', async (req, reply) => {
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || typeof key !== 'string' || !req.auth || req.isMultipart()) return;
    if (key.length > 255) return sendFailure(reply, { code: 'VALIDATION_FAILED', message: 'Idempotency-Key is longer than 255 characters', field: 'Idempotency-Key' });
    const hash = hashRequest(req.method, req.url, req.body);
    const orgId = req.auth.orgId;
    const begin = await withOrg(orgId, () => beginIdempotent(deps.db, orgId, key, req.method, req.url, hash));
    if (await answerKnownKey(reply, begin)) return reply;
    req.idempotency = { key, hash };
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.idempotency && req.auth && typeof payload === 'string') {
      const { orgId } = req.auth;
      const { key } = req.idempotency;
      await withOrg(orgId, () => finishIdempotent(deps.db, orgId, key, reply.statusCode, payload));
    }
    return payload;
  });
}
