// Webhook endpoints per org: a URL, the event types it wants, and a signing secret that is shown once and kept sealed.
import { randomBytes } from 'node:crypto';
import { inTx, type Queryable } from '../db/index.ts';
import { newId } from '../domain/ids.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { open, seal, type VaultKey } from '../vault/index.ts';
import { checkUrlHost, STRICT_EGRESS, type EgressPolicy } from '../channels/index.ts';
import { isEventType } from './types.ts';

export interface WebhookEndpoint {
  id: string; url: string; description: string | null; event_types: string[]; enabled: boolean; secret_hint: string;
  created_by: string; created_at: string; updated_at: string;
}

export interface EndpointInput { url: string; event_types: string[]; description?: string | null; enabled?: boolean }

const COLUMNS = 'id, url, description, event_types, enabled, secret_hint, created_by, created_at, updated_at';
const aad = (orgId: string, id: string) => `${orgId}/webhook/${id}`;

/**
 * The URL as stored, or why not. Its host may not be, nor resolve now to, an address the policy refuses (400 naming url);
 * a name still resolving after SAVE_RESOLVE_MS gives 503 (UNAVAILABLE) naming url. Checked again on every delivery, on
 * the addresses the name then resolves to (it may resolve elsewhere by then).
 */
async function checkUrl(url: string, egress: EgressPolicy): Promise<Result<string>> {
  let u: URL;
  try { u = new URL(url); } catch { return fail('VALIDATION_FAILED', 'url: not a URL', 'url'); }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return fail('VALIDATION_FAILED', 'url: http or https only', 'url');
  if (u.username || u.password) return fail('VALIDATION_FAILED', 'url: no credentials in the URL; verify the signature instead', 'url');
  const host = await checkUrlHost(u, egress);
  if (host) return fail(host.kind === 'refused' ? 'VALIDATION_FAILED' : 'UNAVAILABLE', `url: ${host.why}`, 'url');
  return ok(u.toString());
}

function checkTypes(types: string[]): Result<string[]> {
  if (types.length === 0) return fail('VALIDATION_FAILED', 'event_types: name at least one type, or "*" for all', 'event_types');
  for (const [i, t] of types.entries()) {
    if (t !== '*' && !isEventType(t)) return fail('VALIDATION_FAILED', `event_types[${i}]: unknown event type "${t}"`, `event_types.${i}`);
  }
  return ok([...new Set(types)].sort());
}

/**
 * Makes an endpoint; the secret is in the result this once and never again. A URL on, or whose name resolves now to, a
 * private address is refused unless `egress` allows it. Given the database (not a transaction), the name is resolved
 * before the transaction that writes the endpoint and its audit entry begins, so no transaction waits on a resolver.
 */
export async function createEndpoint(
  q: Queryable, key: VaultKey, orgId: string, actor: string, input: EndpointInput, now: Date, egress: EgressPolicy = STRICT_EGRESS,
): Promise<Result<WebhookEndpoint & { secret: string }>> {
  const types = checkTypes(input.event_types);
  if (!types.ok) return types;
  const url = await checkUrl(input.url, egress);
  if (!url.ok) return url;
  const id = newId('webhookEndpoint');
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  return inTx(q, async (tx) => {
    const [row] = await tx.query<WebhookEndpoint>(
      `INSERT INTO webhook_endpoints (id, org_id, url, description, event_types, enabled, secret_sealed, secret_hint, key_id, created_by, created_at, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$11) RETURNING ${COLUMNS}`,
      [id, orgId, url.value, input.description ?? null, types.value, input.enabled ?? true, seal(key, secret, aad(orgId, id)),
        `…${secret.slice(-4)}`, key.id, actor, now]);
    await recordAudit(tx, { orgId, actor, action: 'webhook_endpoint.created', entity: 'webhook_endpoint', entityId: id,
      data: { url: url.value, event_types: types.value } }, now);
    return ok({ ...row!, secret });
  });
}

export async function listEndpoints(q: Queryable, orgId: string): Promise<WebhookEndpoint[]> {
  return q.query<WebhookEndpoint>(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE org_id = $1 ORDER BY created_at, id`, [orgId]);
}

export async function getEndpoint(q: Queryable, orgId: string, id: string): Promise<Result<WebhookEndpoint>> {
  const [row] = await q.query<WebhookEndpoint>(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE org_id = $1 AND id = $2`, [orgId, id]);
  return row ? ok(row) : fail('NOT_FOUND', `no webhook endpoint ${id}`, 'id');
}

/** Changes an endpoint; a new URL is checked as when made (resolved before the transaction when given the database). */
export async function updateEndpoint(
  q: Queryable, orgId: string, actor: string, id: string, patch: Partial<EndpointInput>, now: Date, egress: EgressPolicy = STRICT_EGRESS,
): Promise<Result<WebhookEndpoint>> {
  const types = patch.event_types === undefined ? null : checkTypes(patch.event_types);
  if (types && !types.ok) return types;
  const url = patch.url === undefined ? null : await checkUrl(patch.url, egress);
  if (url && !url.ok) return url;
  return inTx(q, async (tx): Promise<Result<WebhookEndpoint>> => {
    const [row] = await tx.query<WebhookEndpoint>(
      `UPDATE webhook_endpoints SET url = COALESCE($3, url), event_types = COALESCE($4, event_types),
         description = CASE WHEN $5::boolean THEN $6 ELSE description END, enabled = COALESCE($7, enabled), updated_at = $8
       WHERE org_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [orgId, id, url?.value ?? null, types?.value ?? null, patch.description !== undefined, patch.description ?? null, patch.enabled ?? null, now]);
    if (!row) return fail('NOT_FOUND', `no webhook endpoint ${id}`, 'id');
    await recordAudit(tx, { orgId, actor, action: 'webhook_endpoint.updated', entity: 'webhook_endpoint', entityId: id,
      data: { url: row.url, event_types: row.event_types, enabled: row.enabled } }, now);
    return ok(row);
  });
}

/** Deletes an endpoint; its deliveries still waiting are cancelled, the history of its attempts stays. */
export async function deleteEndpoint(q: Queryable, orgId: string, actor: string, id: string, now: Date): Promise<Result<null>> {
  const gone = await q.query(`DELETE FROM webhook_endpoints WHERE org_id = $1 AND id = $2 RETURNING id`, [orgId, id]);
  if (gone.length === 0) return fail('NOT_FOUND', `no webhook endpoint ${id}`, 'id');
  await q.query(`UPDATE webhook_deliveries SET status = 'cancelled', last_error = 'the endpoint was deleted', updated_at = $3
    WHERE org_id = $1 AND endpoint_id = $2 AND status = 'pending'`, [orgId, id, now]);
  await recordAudit(q, { orgId, actor, action: 'webhook_endpoint.deleted', entity: 'webhook_endpoint', entityId: id }, now);
  return ok(null);
}

/** The signing secret, for the worker that signs deliveries; null when it was sealed under another key. */
export function openSecret(key: VaultKey, orgId: string, id: string, sealed: string): string | null {
  return open(key, sealed, aad(orgId, id));
}
