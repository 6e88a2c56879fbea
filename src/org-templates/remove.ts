// Removing one of the org's texts: refused (409, naming the strategy's step) while an active strategy version sends the
// org's own template and would be left with no usable text on that channel for the step's tone — the activation rule.
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/index.ts';
import { isOwnTemplateId } from '../messaging/index.ts';
import type { Strategy } from '../strategy/index.ts';
import type { OrgTemplateKey } from './check.ts';
import { deleteOrgTemplate, listOrgTemplates, type OrgTemplate } from './store.ts';
import { ownTextGaps, sendsOf } from './strategy-check.ts';

/** Removes the org's text (audited): the shipped one, or another of the org's, is used again. */
export async function removeOrgTemplate(q: Queryable, orgId: string, actor: string, k: OrgTemplateKey, now: Date): Promise<Result<OrgTemplate>> {
  // deleted first: the row's lock makes an activation reading the texts (FOR SHARE) wait for this transaction
  const removed = await deleteOrgTemplate(q, orgId, actor, k, now);
  if (!removed.ok || !isOwnTemplateId(k.template)) return removed;
  const left = await listOrgTemplates(q, orgId, { template: k.template });
  const active = await q.query<{ id: string; version: number; definition: Strategy }>(
    'SELECT id, version, definition FROM strategies WHERE org_id = $1 AND active ORDER BY id', [orgId]);
  for (const s of active) {
    for (const { field, stepId, use } of sendsOf(s.definition)) {
      if (use.template === k.template && ownTextGaps(left, use).includes(k.channel)) {
        return fail('CONFLICT', `strategy ${s.id} version ${s.version} (active), step ${stepId} (${field}) sends ${k.template} on ${k.channel} in tone ${use.tone}: `
          + `without this text it has no ${k.channel} text for that tone or any tone; change or deactivate the strategy first, or write another text`, 'template');
      }
    }
  }
  return ok(removed.value);
}
