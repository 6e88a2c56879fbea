// Activating a strategy lints the texts its send steps will use: each step's template must be one cobro ships on the
// step's channels, and every text the org wrote for it (any language; its tone's and the one for any tone) must still pass the template lints.
import { describeFinding } from '../compliance/index.ts';
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/index.ts';
import { LANGUAGES, PACKS, channelsOf, type Channel } from '../messaging/index.ts';
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
    for (const language of LANGUAGES) {
      const shipped = channelsOf(PACKS[language], send.template);
      const missing = channels.filter((c) => !shipped.includes(c));
      if (missing.length > 0) {
        return fail('VALIDATION_FAILED', `step ${s.steps[Number(field.split('.')[1])]?.id ?? ''}: template ${send.template} has no ${missing.join(', ')} text in ${language}`, `${field}.template`);
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
