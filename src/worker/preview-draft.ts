// A template text not saved yet, previewed as the editor types it: the checks a save would make (shape, placeholders, the
// contact-law lints, the SMS segment warning) and the message rendered for a real customer, or for the sample debtor.
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/index.ts';
import type { LintFinding, LintProblem } from '../compliance/index.ts';
import { orgTextKey, renderMessage, sampleContext, type Channel, type Language, type OrgText, type OrgTone, type RenderedMessage, type SmsFold } from '../messaging/index.ts';
import { checkOrgTemplate, getSmsSettings } from '../org-templates/index.ts';
import { previewMessage } from './preview.ts';

export interface DraftRequest {
  template: string; channel: Channel; tone: OrgTone; language: Language;
  subject?: string; body: string; whatsappName?: string;
  /** A customer (id or external id) to render for; the sample debtor when absent. */
  customer?: string;
}

/** What a save would answer: the field and findings that refuse it, or the warnings it would carry. */
export type DraftCheck = { ok: true; warnings: string[] } | { ok: false; field: string; message: string; findings: LintFinding[] };

export interface DraftPreview {
  check: DraftCheck;
  /** null when the text cannot be rendered (a placeholder cobro does not know, a broken {{...}}). */
  message: RenderedMessage | null;
  /** null: rendered for the sample debtor. */
  customer_id: string | null;
  /** Lints that would block this message at send time, for this customer. */
  problems: LintProblem[];
}

function checkOf(req: DraftRequest, text: OrgText, fold: SmsFold): DraftCheck {
  const r = checkOrgTemplate({ template: req.template, channel: req.channel, tone: req.tone, language: req.language }, text, fold);
  if (r.ok) return { ok: true, warnings: r.value.warnings };
  const findings = (r.error.details as { findings?: LintFinding[] } | undefined)?.findings ?? [];
  return { ok: false, field: r.error.field ?? 'body', message: r.error.message, findings };
}

export async function previewDraft(q: Queryable, orgId: string, req: DraftRequest, now: Date, links: { publicUrl: string; secretKey?: string }): Promise<Result<DraftPreview>> {
  const text: OrgText = { body: req.body, ...(req.subject !== undefined ? { subject: req.subject } : {}),
    ...(req.whatsappName !== undefined ? { whatsappName: req.whatsappName } : {}) };
  const { smsFold } = await getSmsSettings(q, orgId);
  const check = checkOf(req, text, smsFold);
  // an 'any' text is shown in the neutral tone (the one a step without a tone of its own is sent in)
  const tone = req.tone === 'any' ? 'neutral' : req.tone;
  if (req.customer) {
    const r = await previewMessage(q, orgId, { step: req.template, customer: req.customer, channel: req.channel, language: req.language, tone,
      draft: { tone: req.tone, text } }, now, links);
    // a failure the check already names (the text cannot be rendered) is shown as the check; any other is the answer
    if (!r.ok) return check.ok ? r : ok({ check, message: null, customer_id: null, problems: [] });
    return ok({ check, message: r.value.message, customer_id: r.value.customer_id, problems: r.value.problems });
  }
  const rendered = renderMessage({ templateId: req.template, channel: req.channel, tone, context: { ...sampleContext(req.language), smsFold },
    orgTexts: new Map([[orgTextKey(req.template, req.channel, req.tone, req.language), text]]) });
  if (!rendered.ok && check.ok) return fail(rendered.error.code, rendered.error.message, 'body');
  return ok({ check, message: rendered.ok ? rendered.value : null, customer_id: null, problems: [] });
}
