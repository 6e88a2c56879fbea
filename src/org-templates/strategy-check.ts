// Activating a strategy lints the texts its send steps will use: each step's template must be one cobro ships on the
// step's channels, and every text the org wrote for it (any language; its tone's and the one for any tone) must still pass the template lints.
import { describeFinding } from '../compliance/index.ts';
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/index.ts';
import { LANGUAGES, PACKS, channelsOf, isOwnTemplateId, type Channel } from '../messaging/index.ts';
import type { SendAction, Strategy } from '../strategy/index.ts';
import { lintOrgText } from './check.ts';
import { listOrgTemplates } from './store.ts';

function sendsOf(s: Strategy): { field: string; send: SendAction }[] {
  return s.steps.flatMap((step, i) => step.actions.flatMap((a, j) => (a.type === 'send' ? [{ field: `steps.${i}.actions.${j}`, send: a }] : [])));
}

/** Refuses (naming the step's action) a template not shipped on a channel it sends on, or an org text the lints now refuse. */
export async function checkStrategyTemplates(q: Queryable, orgId: string, s: Strategy): Promise<Result<true>> {
  const own = await listOrgTemplates(q, orgId);
  for (const { field, send } of sendsOf(s)) {
    const channels = [...new Set<Channel>([...send.channels, ...send.fallback])];
    const stepId = s.steps[Number(field.split('.')[1])]?.id ?? '';
    if (isOwnTemplateId(send.template)) {
      // the org's own template: a text of the step's tone (or for any tone) on each channel, in some language
      const missing = channels.filter((c) => !own.some((o) => o.template === send.template && o.channel === c && (o.tone === send.tone || o.tone === 'any')));
      if (missing.length > 0) {
        return fail('VALIDATION_FAILED', `step ${stepId}: the org's own template ${send.template} has no ${missing.join(', ')} text for tone ${send.tone} or any tone`, `${field}.template`);
      }
    }
    for (const language of isOwnTemplateId(send.template) ? [] : LANGUAGES) {
      const shipped = channelsOf(PACKS[language], send.template);
      const missing = channels.filter((c) => !shipped.includes(c));
      if (missing.length > 0) {
        return fail('VALIDATION_FAILED', `step ${stepId}: template ${send.template} has no ${missing.join(', ')} text in ${language}`, `${field}.template`);
      }
    }
    // the step's tone's own texts, and the texts for any tone (linted in the step's tone)
    for (const t of own.filter((o) => o.template === send.template && (o.tone === send.tone || o.tone === 'any') && channels.includes(o.channel))) {
      const text = { body: t.body, ...(t.subject !== null ? { subject: t.subject } : {}), ...(t.whatsapp_name !== null ? { whatsappName: t.whatsapp_name } : {}) };
      const findings = lintOrgText({ ...t, tone: send.tone }, text);
      if (findings.length > 0) {
        return fail('VALIDATION_FAILED', `the org's own ${t.channel} text of ${t.template} (${t.tone}, ${t.language}) fails the template lints: ${findings.map(describeFinding).join('; ')}`, `${field}.template`);
      }
    }
  }
  return ok(true);
}
