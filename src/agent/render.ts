// Rendering an agent reply for its channel when the dispatcher sends it, from the same context as any message (the
// debtor, the org's legal identity, the links): SMS with the opt-out line, email with its unsubscribe headers and footer,
// WhatsApp as free text inside the 24-hour window and as the approved `cobro_agent_reply` template outside it. The law's
// notices for the debtor's place (US debt-collector notice, Brazil's supplier line) are added as for every message.
import { fail, ok, type Result } from '../domain/index.ts';
import {
  disclosuresFor, fill, packFor, renderMessage, type Channel, type LanguagePack, type MessageContext, type RenderedMessage,
} from '../messaging/index.ts';
import { AGENT_TEMPLATE, type AgentReply } from './outbox.ts';
import type { AgentLanguage } from './types.ts';

const SUBJECT: Readonly<Record<AgentLanguage, string>> = {
  en: 'About your account with {{company_name}}', es: 'Sobre su cuenta con {{company_name}}', 'pt-BR': 'Sobre sua conta com {{company_name}}',
};

/**
 * The approved WhatsApp template that carries an answer outside the window (Meta allows no parameter at either end).
 * Register it as `cobro_agent_reply` (and `_us`, `_br` with the notices appended) in each language, utility category.
 */
export const APPROVED_AGENT_TEMPLATE: Readonly<Record<AgentLanguage, string>> = {
  en: 'Answer from {{1}} to your message: {{2}} Reply to this message to continue.',
  es: 'Respuesta de {{1}} a su mensaje: {{2}} Responda este mensaje para continuar.',
  'pt-BR': 'Resposta da {{1}} à sua mensagem: {{2}} Responda esta mensagem para continuar.',
};

/** Meta refuses parameters with new lines, tabs or more than four spaces in a row. */
const parameter = (s: string) => s.replace(/[\n\r\t]+/g, ' ').replace(/ {4,}/g, '   ').trim();

function packWith(language: AgentLanguage, text: string): LanguagePack {
  const base = packFor(language);
  return { ...base, templates: { ...base.templates, [AGENT_TEMPLATE]: { sms: text, whatsapp: text, email: { subject: SUBJECT[language], body: text } } } };
}

/** The law's notices for the debtor's place on WhatsApp, filled in (the same texts the shipped templates carry). */
function whatsappNotices(pack: LanguagePack, ctx: MessageContext): string {
  const a = disclosuresFor(ctx);
  const c = ctx.company;
  const values = { company_name: c.name, company_address: c.address ?? '', company_tax_id: c.taxId ?? '' };
  const parts = [...(a.usCollector ? [pack.disclosures.usCollector] : []), ...(a.brSupplier ? [pack.disclosures.brSupplier] : []), ...(a.usCollector ? [pack.smsOptOut] : [])];
  return parts.map((p) => fill(p, values).text).join(' ');
}

function whatsappTemplate(reply: AgentReply, ctx: MessageContext, pack: LanguagePack, text: string): RenderedMessage {
  const a = disclosuresFor(ctx);
  const name = `cobro_agent_reply${a.usCollector ? '_us' : ''}${a.brSupplier ? '_br' : ''}`;
  const parameters = [parameter(ctx.company.name), parameter(text)];
  const notices = whatsappNotices(pack, ctx);
  const approved = APPROVED_AGENT_TEMPLATE[reply.spec.language].replace('{{1}}', parameters[0]!).replace('{{2}}', parameters[1]!);
  return { channel: 'whatsapp', language: pack.language, mode: 'template', preview: notices ? `${approved} ${notices}` : approved,
    template: { name, language: pack.metaLanguage, parameters } };
}

/** The reply as it goes out on `channel`; a call is answered in the call itself, so no voice reply is ever sent. */
export function renderAgentReply(reply: AgentReply, channel: Channel, ctx: MessageContext): Result<RenderedMessage> {
  if (channel === 'voice') return fail('NOT_FOUND', 'the agent answers a call inside the call (the gather webhook\'s TwiML), never by placing one', 'channel');
  const pack = packWith(reply.spec.language, reply.spec.text);
  const rendered = renderMessage({ templateId: AGENT_TEMPLATE, channel, tone: 'neutral', context: ctx, pack, whatsappWindowOpen: true });
  // an SMS goes folded into GSM-7 when that saves segments, as every SMS does (renderMessage, the org's `sms_fold`)
  if (!rendered.ok || channel !== 'whatsapp' || reply.whatsappOpen) return rendered;
  // outside the window: the same words (links filled) as the template's parameter
  const text = fill(reply.spec.text, { payment_link: ctx.links.payment ?? '', portal_link: ctx.links.portal ?? '' }).text;
  return ok(whatsappTemplate(reply, ctx, pack, text));
}
