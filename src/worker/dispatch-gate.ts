// The compliance gate's decision on a batch of due messages, as the dispatcher asks it: what each message is for (a
// reminder, a portal confirmation, the agent's answer) and one batched check per org.
import type { Queryable } from '../db/index.ts';
import { checkContacts, type ContactDecision, type GatePolicy, type Purpose } from '../compliance/index.ts';
import { isConfirmationTemplate, templateTags } from '../messaging/index.ts';
import { agentReplies } from '../agent/index.ts';
import type { MessageRow } from './context.ts';
import { openWhatsappWindows } from './whatsapp-window.ts';

const REMINDER: Purpose = { kind: 'collection', tags: [], whatsappFormat: 'template' };

/**
 * What a templated message is for the gate: a collection message, or a confirmation when its template is a receipt of
 * what the debtor did (a portal confirmation), weighed as the agent's confirmations are (not held back by the promise or
 * dispute it confirms; opt-outs, hours and the rest still apply).
 */
function templatePurpose(template: string | null, windowOpen: boolean): Purpose {
  const tags = template ? templateTags(template) : [];
  if (!isConfirmationTemplate(template)) return { ...REMINDER, tags };
  // inside WhatsApp's window a confirmation goes as free text, and the gate checks the window (WA-2) at the send instant
  return { ...REMINDER, kind: 'confirmation', tags, ...(windowOpen ? { whatsappFormat: 'free_form' as const } : {}) };
}

/** The gate's decision on each message, in order: one batched check per org, each message allowed counting for the next. */
export async function decideAll(tx: Queryable, ms: readonly MessageRow[], now: Date, policy: GatePolicy | undefined): Promise<(ContactDecision | null)[]> {
  const out: (ContactDecision | null)[] = ms.map(() => null);
  // the agent's answers are weighed as answers written by the AI agent (read only when the batch holds one)
  const agent = await agentReplies(tx, ms, now);
  const windows = await openWhatsappWindows(tx, ms, now);
  const byOrg = new Map<string, number[]>();
  ms.forEach((m, i) => { const idx = byOrg.get(m.org_id); if (idx) idx.push(i); else byOrg.set(m.org_id, [i]); });
  for (const [orgId, idx] of byOrg) {
    const rs = await checkContacts(tx, orgId, idx.map((i) => {
      const m = ms[i]!;
      return { customerId: m.customer_id, channel: m.channel, purpose: agent.get(m.id)?.purpose ?? templatePurpose(m.template, windows.has(m.id)), actionId: m.action_id,
        ...(m.address ? { address: m.address } : {}) };
    }), now, policy);
    idx.forEach((i, k) => { const r = rs[k]; out[i] = r?.ok ? r.value : null; });
  }
  return out;
}
