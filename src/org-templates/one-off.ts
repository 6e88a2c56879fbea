// A one-off message's template: one cobro ships on the channel, or one of the org's own with a text it can send on the
// channel in the tone asked (or for any tone, in any language: the send falls back as for a strategy's step) that the lints pass.
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/index.ts';
import { channelsOf, isOwnTemplateId, packFor, templateIds, type Channel } from '../messaging/index.ts';
import type { Tone } from '../strategy/index.ts';
import { listOrgTemplates } from './store.ts';
import { lintTextsOf, ownTextGaps } from './strategy-check.ts';

/** Refuses, naming `template` or `channel`, a template the one-off message could not be sent with. */
export async function checkOneOffTemplate(q: Queryable, orgId: string, template: string, channel: Channel, tone: Tone): Promise<Result<true>> {
  if (templateIds().includes(template)) {
    return channelsOf(packFor('en'), template).includes(channel) ? ok(true) : fail('VALIDATION_FAILED', `${template} has no ${channel} text`, 'channel');
  }
  if (!isOwnTemplateId(template)) return fail('VALIDATION_FAILED', `no shipped template ${template} (the org's own ids start with org-)`, 'template');
  const own = await listOrgTemplates(q, orgId, { template });
  if (own.length === 0) return fail('VALIDATION_FAILED', `the org has written no template ${template}`, 'template');
  const use = { template, tone, channels: [channel] };
  if (ownTextGaps(own, use).length > 0) return fail('VALIDATION_FAILED', `the org's own template ${template} has no ${channel} text for tone ${tone} or any tone`, 'channel');
  return lintTextsOf(own, use, 'template');
}
