// Activating a strategy lints the texts its send steps will use: each step's template must be one cobro ships on the
// step's channels, and every text the org wrote for it (any language; its tone's and the one for any tone) must still pass the template lints.
// The same rule says which texts of the org's own templates a send needs (removal and one-off messages ask it too).
import { describeFinding } from '../compliance/index.ts';
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/index.ts';
import { LANGUAGES, PACKS, channelsOf, isOwnTemplateId, type Channel } from '../messaging/index.ts';
import type { SendAction, Strategy } from '../strategy/index.ts';
import { lintOrgText } from './check.ts';
import { listOrgTemplates, type OrgTemplate } from './store.ts';

/** What a send needs of a template: the template, the tone it is sent in and the channels it may go out on. */
export type TemplateUse = Pick<SendAction, 'template' | 'tone'> & { channels: readonly Channel[] };

export function sendsOf(s: Strategy): { field: string; stepId: string; use: TemplateUse }[] {
  return s.steps.flatMap((step, i) => step.actions.flatMap((a, j) => (a.type === 'send'
    ? [{ field: `steps.${i}.actions.${j}`, stepId: step.id, use: { template: a.template, tone: a.tone, channels: [...new Set<Channel>([...a.channels, ...a.fallback])] } }]
    : [])));
}

/**
 * The channels on which the org's own template has no usable text for the send: none of the send's tone nor for any tone,
 * in any language (the send falls back from the debtor's language to the org default's, English, then the one written).
 * Empty for a shipped template (cobro's text is always there).
 */
export function ownTextGaps(own: readonly Pick<OrgTemplate, 'template' | 'channel' | 'tone'>[], use: TemplateUse): Channel[] {
  if (!isOwnTemplateId(use.template)) return [];
  return use.channels.filter((c) => !own.some((o) => o.template === use.template && o.channel === c && (o.tone === use.tone || o.tone === 'any')));
}

/** Refuses (naming `field`) an org text the send would use that the lints now refuse. */
export function lintTextsOf(own: readonly OrgTemplate[], use: TemplateUse, field: string): Result<true> {
  // the send's tone's own texts, and the texts for any tone (linted in the send's tone)
  for (const t of own.filter((o) => o.template === use.template && (o.tone === use.tone || o.tone === 'any') && use.channels.includes(o.channel))) {
    const text = { body: t.body, ...(t.subject !== null ? { subject: t.subject } : {}), ...(t.whatsapp_name !== null ? { whatsappName: t.whatsapp_name } : {}) };
    const findings = lintOrgText({ ...t, tone: use.tone }, text);
    if (findings.length > 0) {
      return fail('VALIDATION_FAILED', `the org's own ${t.channel} text of ${t.template} (${t.tone}, ${t.language}) fails the template lints: ${findings.map(describeFinding).join('; ')}`, field);
    }
  }
  return ok(true);
}

/** Refuses (naming the step's action) a template not shipped on a channel it sends on, or an org text the lints now refuse. */
export async function checkStrategyTemplates(q: Queryable, orgId: string, s: Strategy): Promise<Result<true>> {
  // FOR SHARE: a removal of one of these texts waits for this activation (and then sees the version active), or this reads without it
  const own = await listOrgTemplates(q, orgId, {}, { lock: true });
  for (const { field, stepId, use } of sendsOf(s)) {
    const missing = ownTextGaps(own, use);
    if (missing.length > 0) {
      return fail('VALIDATION_FAILED', `step ${stepId}: the org's own template ${use.template} has no ${missing.join(', ')} text for tone ${use.tone} or any tone`, `${field}.template`);
    }
    for (const language of isOwnTemplateId(use.template) ? [] : LANGUAGES) {
      const shipped = channelsOf(PACKS[language], use.template);
      const gaps = use.channels.filter((c) => !shipped.includes(c));
      if (gaps.length > 0) {
        return fail('VALIDATION_FAILED', `step ${stepId}: template ${use.template} has no ${gaps.join(', ')} text in ${language}`, `${field}.template`);
      }
    }
    const linted = lintTextsOf(own, use, `${field}.template`);
    if (!linted.ok) return linted;
  }
  return ok(true);
}
