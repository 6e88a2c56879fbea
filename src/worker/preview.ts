// Template preview for a real customer: the step's template rendered exactly as the dispatcher would render it now (their
// language, invoices, links, the lints that would block it), and its cost; nothing is sent and the gate is not asked.
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/index.ts';
import { getCustomer } from '../ledger/index.ts';
import { lintMessage, type LintProblem } from '../compliance/index.ts';
import { isOwnTemplateId, orgTextKey, ownTextUsed, renderMessage, templateIds, templateTags, type Language, type OrgText, type OrgTone,
  type RenderedMessage } from '../messaging/index.ts';
import { activeStrategies, getStrategy, type SendAction, type Strategy, type Tone } from '../strategy/index.ts';
import type { MessageChannel } from './adapters.ts';
import { messageContext } from './context.ts';
import { getOrgTemplate, orgTextsOf } from '../org-templates/index.ts';
import { getCostRates } from './cost-store.ts';
import { messageCost, type MessageCost } from './costs.ts';

export interface PreviewRequest {
  /** A step id of the customer's strategy (or of an active one), or a template id (shipped, or the org's own: org-...). */
  step: string;
  customer: string;
  channel: MessageChannel;
  language?: Language;
  tone?: Tone;
  /** A text not saved yet, rendered as if it were the org's own for this template, channel, tone and `language`. */
  draft?: { tone: OrgTone; text: OrgText };
}

export interface MessagePreview {
  customer_id: string; step: string | null; strategy_id: string | null; template: string; tone: Tone; channel: MessageChannel;
  /** The action whose invoices are listed, when the step is planned for the customer; otherwise every open invoice. */
  action_id: string | null;
  address: string | null;
  message: RenderedMessage;
  /**
   * Whose text it is: the org's own (the tone it is saved for: the message's, or any when the org wrote none for that
   * tone; its version, when and by whom it was last saved), or the one cobro ships.
   */
  source: { kind: 'org'; tone: OrgTone; version: number; updated_at: string; updated_by: string } | { kind: 'shipped' };
  /** Template lints that would block this message at send time. */
  problems: LintProblem[];
  cost: MessageCost;
  gate: 'not asked: a preview is not a contact';
}

interface Resolved { template: string; tone: Tone; step: string | null; strategyId: string | null; caseId: string | null; actionId: string | null }

function sendOf(strategy: Strategy | undefined, stepId: string, channel: MessageChannel): SendAction | undefined {
  const sends = (strategy?.steps.find((s) => s.id === stepId)?.actions ?? []).filter((a): a is SendAction => a.type === 'send');
  return sends.find((a) => a.channels.includes(channel) || a.fallback.includes(channel)) ?? sends[0];
}

async function resolveStep(q: Queryable, orgId: string, customerId: string, req: PreviewRequest): Promise<Result<Resolved>> {
  const [c] = await q.query<{ id: string; strategy_id: string | null; strategy_version: number | null; cycle: number }>(
    'SELECT id, strategy_id, strategy_version, cycle FROM cases WHERE org_id = $1 AND customer_id = $2', [orgId, customerId]);
  let strategy: Strategy | undefined;
  if (c?.strategy_id) {
    const s = await getStrategy(q, orgId, c.strategy_id, c.strategy_version ?? undefined);
    if (s.ok && s.value.definition.steps.some((x) => x.id === req.step)) strategy = s.value.definition;
  }
  strategy ??= [...(await activeStrategies(q, orgId)).values()].find((s) => s.steps.some((x) => x.id === req.step));
  const send = sendOf(strategy, req.step, req.channel);
  if (send && strategy) {
    const [a] = c && c.strategy_id === strategy.id ? await q.query<{ id: string }>(
      `SELECT id FROM actions WHERE org_id = $1 AND case_id = $2 AND step_id = $3 AND cycle = $4 AND kind = 'send' ORDER BY created_at DESC LIMIT 1`,
      [orgId, c.id, req.step, c.cycle]) : [];
    return ok({ template: send.template, tone: req.tone ?? send.tone, step: req.step, strategyId: strategy.id, caseId: c?.id ?? null, actionId: a?.id ?? null });
  }
  if (templateIds().includes(req.step) || isOwnTemplateId(req.step)) {
    return ok({ template: req.step, tone: req.tone ?? 'neutral', step: null, strategyId: null, caseId: c?.id ?? null, actionId: null });
  }
  return fail('NOT_FOUND', `no step ${req.step} that sends a message in the customer's strategy or an active one, and no template of that name`, 'step');
}

export async function previewMessage(
  q: Queryable, orgId: string, req: PreviewRequest, now: Date, links: { publicUrl: string; secretKey?: string },
): Promise<Result<MessagePreview>> {
  const customer = await getCustomer(q, orgId, req.customer);
  if (!customer.ok) return customer;
  const r = await resolveStep(q, orgId, customer.value.id, req);
  if (!r.ok) return r;
  const { template, tone } = r.value;
  const built = await messageContext(q, {
    id: 'preview', org_id: orgId, action_id: r.value.actionId ?? '', case_id: r.value.caseId, customer_id: customer.value.id, channel: req.channel,
    template, tone, address: null, attempts: 0,
  }, now, links.publicUrl, links.secretKey, { preview: true });
  if (!built) return fail('NOT_FOUND', `no customer ${req.customer}`, 'customer_id');
  const context = req.language ? { ...built.context, customer: { ...built.context.customer, language: req.language } } : built.context;
  const saved = (await orgTextsOf(q, [orgId])).get(orgId);
  const orgTexts = req.draft && req.language
    ? new Map([...(saved ?? []), [orgTextKey(template, req.channel, req.draft.tone, req.language), req.draft.text]]) : saved;
  const input = { templateId: template, channel: req.channel, tone, context, ...(orgTexts ? { orgTexts } : {}) };
  const rendered = renderMessage(input);
  if (!rendered.ok) return rendered;
  const used = ownTextUsed(input, rendered.value.language);
  const own = used ? await getOrgTemplate(q, orgId, { template, channel: req.channel, tone: used.tone, language: rendered.value.language }) : null;
  const problems = lintMessage({ language: rendered.value.language, channel: req.channel, tags: templateTags(template), context, message: rendered.value });
  return ok({
    customer_id: customer.value.id, step: r.value.step, strategy_id: r.value.strategyId, template, tone, channel: req.channel, action_id: r.value.actionId,
    address: built.address, message: rendered.value,
    source: own ? { kind: 'org', tone: own.tone, version: own.version, updated_at: own.updated_at, updated_by: own.updated_by } : { kind: 'shipped' }, problems,
    cost: messageCost(await getCostRates(q, orgId), req.channel, customer.value.country, rendered.value),
    gate: 'not asked: a preview is not a contact',
  });
}
