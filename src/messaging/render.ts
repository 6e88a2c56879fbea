// renderMessage: one pure function from (template, channel, tone, context) to the message to send; and previewTemplate.
import { fail, ok, type Result } from '../domain/index.ts';
import { emailMessage, emailParts, unsubscribeHeaders } from './email.ts';
import { logoHtml, withLogoImage } from './email-logo.ts';
import { formattingLocale, resolveLanguage } from './locale.ts';
import { LANGUAGES } from './types.ts';
import { fill, type Values } from './render-text.ts';
import { MAX_SEGMENTS, smsAsSent, smsWarnings, type SmsFold } from './sms.ts';
import { emailValues, smsTransferLines, withQrImages } from './transfer-value.ts';
import { disclosureSource, disclosuresFor, whatsappVariant, withDisclosure, type Applicable } from './disclosures.ts';
import { findText, isConfirmationTemplate, packFor } from './templates/index.ts';
import type { ArrangementFacts, MessageContext, RenderInput, RenderedMessage, Tone, Channel, Language } from './types.ts';
import { buildValues } from './values.ts';
import { isOwnTemplateId, orgPack, orgTextFor, type OrgText, type OrgTone } from './org-text.ts';
import { voiceMessage } from './voice.ts';
import { spokenValues } from './voice-values.ts';
import { whatsappMessage, whatsappTemplateName } from './whatsapp.ts';
import type { TransferSettings } from '../payments/transfer/index.ts';

function leftover(unknown: readonly string[]): Result<never> | null {
  return unknown.length > 0 ? fail('VALIDATION_FAILED', `template names unknown placeholders: ${unknown.join(', ')}`, 'template', { unknown }) : null;
}

/**
 * The org's own text for the message, if it wrote one for this template, channel, tone and the language the debtor gets:
 * the language comes first (customer -> org default -> en, among those cobro ships), so a debtor reading Spanish gets
 * the org's Spanish text, else cobro's Spanish one, never the org's English text. A given pack (lints) wins over both.
 */
export function ownText(input: RenderInput, language: Language): OrgText | undefined {
  return ownTextUsed(input, language)?.text;
}

/** ownText with the tone its row was saved for (the message's own, or 'any' when the org wrote none for that tone). */
export function ownTextUsed(input: RenderInput, language: Language): { text: OrgText; tone: OrgTone } | undefined {
  if (input.pack || !input.orgTexts) return undefined;
  return orgTextFor(input.orgTexts, input.templateId, input.channel, input.tone, language);
}

/**
 * The language of an org's own template (no shipped text to fall back on): the debtor's if the org wrote the text in it,
 * else the org default's, else English, else the first the org wrote it in.
 */
function ownTemplateLanguage(input: RenderInput, debtors: Language): Language {
  const order = [debtors, resolveLanguage(undefined, input.context.orgLanguage), 'en' as const, ...LANGUAGES];
  return order.find((l) => ownTextUsed(input, l)) ?? debtors;
}

/**
 * An SMS with the first bank transfer line that keeps it within MAX_SEGMENTS as it goes out (folded into GSM-7 when that
 * saves segments), else with none: the line never takes a message past three segments (a text already past them without
 * it goes without it too).
 */
function fitSms(source: string, values: Values, optOut: string, transferLines: readonly string[], fold: SmsFold) {
  const make = (line: string) => {
    const body = fill(source, { ...values, bank_transfer: line });
    return { body, ...smsAsSent(`${body.text} ${optOut}`, fold) };
  };
  for (const line of transferLines) {
    const made = make(line);
    if (made.segments.segments <= MAX_SEGMENTS) return made;
  }
  return make('');
}

/** Brazil's supplier line ends the SMS naming the creditor, so a confirmation does not also open with the name. */
function unnamedInBrazil(text: string, a: Applicable): string {
  return a.brSupplier ? text.replace(/^\{\{company_name\}\}: (.)/, (_, first: string) => first.toUpperCase()) : text;
}

/**
 * Renders a message in the debtor's language (customer -> org default -> en), with money and dates in
 * their locale. Pure: no clock (the context carries today), no IO. Expected failures are values:
 * NOT_FOUND when the template does not ship for the channel, VALIDATION_FAILED when a required link is missing.
 */
export function renderMessage(input: RenderInput): Result<RenderedMessage> {
  const { context: ctx, channel, tone, templateId } = input;
  const debtors = input.pack?.language ?? resolveLanguage(ctx.customer.language, ctx.orgLanguage);
  const language = !input.pack && isOwnTemplateId(templateId) ? ownTemplateLanguage(input, debtors) : debtors;
  const own = ownText(input, language);
  const pack = input.pack ?? (own ? orgPack(packFor(language), templateId, channel, own) : packFor(language));
  const found = findText(pack, templateId, channel, tone);
  if (!found) return fail('NOT_FOUND', `template ${templateId} has no ${channel} text in ${language}`, 'template');
  const locale = formattingLocale(ctx, language);
  const written = buildValues(ctx, pack, locale, channel === 'email' || channel === 'voice' ? 'long' : 'medium', channel === 'sms');
  // a call says money and dates in words ("novecientos pesos", "viernes veintisiete de marzo"), not as written
  const values = channel === 'voice' ? { ...written, ...spokenValues(ctx, pack.language) } : written;
  const applicable = disclosuresFor(ctx);
  const disclosure = disclosureSource(pack, applicable, channel);

  if (found.kind === 'email') {
    const headers = unsubscribeHeaders(ctx);
    if (!headers) return fail('VALIDATION_FAILED', 'email needs an HTTPS one-click unsubscribe link (RFC 8058)', 'links.unsubscribe');
    const framed = disclosure ? { ...pack, emailFooter: `${disclosure}\n\n${pack.emailFooter}` } : pack;
    const parts = emailParts(found.text, emailValues(values, ctx, pack.language), framed, tone, ctx.links.payment, logoHtml(ctx.company.logo, ctx.company.name));
    return leftover(parts.unknown) ?? ok(withLogoImage(withQrImages(emailMessage(parts, pack, headers), ctx, pack.language), ctx));
  }
  const source = withDisclosure(channel === 'sms' && isConfirmationTemplate(templateId) ? unnamedInBrazil(found.text, applicable) : found.text, disclosure);
  if (channel === 'sms') {
    const { body, text, segments } = fitSms(source, values, pack.smsOptOut, smsTransferLines(ctx, pack.language), ctx.smsFold ?? 'auto');
    return leftover(body.unknown) ?? ok({ channel: 'sms', language, text, segments, warnings: smsWarnings(segments) });
  }
  if (channel === 'whatsapp') {
    const cobroName = `${own?.whatsappName ?? whatsappTemplateName(templateId, tone)}${whatsappVariant(applicable)}`;
    const name = input.whatsappTemplateNames?.[cobroName] ?? cobroName;
    const built = whatsappMessage(source, values, pack, name, input.whatsappWindowOpen === true);
    if (built.ok) return ok(built.message);
    return leftover(built.unknown) ??
      fail('VALIDATION_FAILED', `WhatsApp template parameters are empty: ${built.missing.join(', ')}`, built.missing[0], { missing: built.missing });
  }
  if (!ctx.links.voiceGather) return fail('VALIDATION_FAILED', 'a voice call needs the URL Twilio posts the keypress to', 'links.voiceGather');
  const script = fill(source, values);
  return leftover(script.unknown) ?? ok(voiceMessage(script.text, pack, ctx.links.voiceGather, locale,
    isConfirmationTemplate(templateId) ? 'confirmation' : 'reminder'));
}

/** A sample debtor, for previews without a customer: two invoices, one overdue, in the language's usual currency. */
export function sampleContext(language: Language, today = '2026-03-10'): MessageContext {
  const currency = language === 'pt-BR' ? 'BRL' : language === 'es' ? 'MXN' : 'USD';
  const country = language === 'pt-BR' ? 'BR' : language === 'es' ? 'MX' : 'US';
  return {
    customer: { name: 'Acme Foods', contactName: 'Ana', language, country },
    company: { name: 'Demo Supplies', email: 'billing@demo.example', phone: '+1 555 0100', address: '1 Main St', taxId: '12-3456789' },
    invoices: [
      { number: 'F-1001', dueDate: '2026-03-01', balance: { amount: 125_000, currency } },
      { number: 'F-1002', dueDate: '2026-03-15', balance: { amount: 48_050, currency } },
    ],
    links: {
      payment: 'https://pay.example/l/abc123', portal: 'https://portal.example/c/xyz',
      unsubscribe: 'https://app.example/u/tok123', voiceGather: 'https://app.example/webhooks/twilio/voice/gather',
    },
    promise: { amount: { amount: 100_000, currency }, date: '2026-03-08' },
    instalment: { amount: { amount: 25_000, currency }, dueDate: '2026-03-05', number: 2 },
    lateFee: { amount: 4_000, currency },
    deadline: '2026-03-20',
    today,
    bankTransfer: { settings: SAMPLE_TRANSFER, customerReference: 'C-001' },
  };
}

/** A sample plan in the sample debtor's currency: a down payment and three monthly payments. */
function sampleArrangement(ctx: MessageContext): ArrangementFacts {
  const currency = ctx.invoices[0]?.balance.currency ?? 'USD';
  const at = (amount: number, dueDate: string) => ({ amount: { amount, currency }, dueDate });
  return { changed: false, instalments: [at(43_050, '2026-03-12'), at(43_000, '2026-04-12'), at(43_000, '2026-05-12'), at(44_000, '2026-06-12')] };
}

/** A confirmation rendered without one of the debtor's own arrangements (a preview, the template lints) states the sample plan. */
export function withSampleArrangement(templateId: string, ctx: MessageContext): MessageContext {
  return isConfirmationTemplate(templateId) && !ctx.arrangement ? { ...ctx, arrangement: sampleArrangement(ctx) } : ctx;
}

/** The sample debtor's bank transfer details: an account in each language's usual currency (the CLABE and CNPJ check out). */
const SAMPLE_TRANSFER: TransferSettings = { reference: 'invoice_numbers', accounts: [
  { id: 'bta_sample0usd', kind: 'us_ach', currency: 'USD', beneficiary_name: 'Demo Supplies Inc', routing_number: '011000015', account_number: '000123456789' },
  { id: 'bta_sample0mxn', kind: 'mx_clabe', currency: 'MXN', beneficiary_name: 'Demo Supplies SA de CV', clabe: '032180000118359719' },
  { id: 'bta_sample0brl', kind: 'br_pix', currency: 'BRL', beneficiary_name: 'Demo Supplies Ltda', pix_key_type: 'cnpj', pix_key: '11222333000181' },
] };

export interface PreviewOptions {
  tone?: Tone;
  language?: Language;
  /** A real customer's context; the sample debtor otherwise. */
  context?: MessageContext;
  whatsappWindowOpen?: boolean;
}

/** Renders a template as it would go out, for the API and CLI previews (`cobro templates preview STEP ...`). */
export function previewTemplate(templateId: string, channel: Channel, opts: PreviewOptions = {}): Result<RenderedMessage> {
  const language = opts.language ?? 'en';
  const base = opts.context ?? sampleContext(language);
  const given = opts.language ? { ...base, customer: { ...base.customer, language } } : base;
  const context = withSampleArrangement(templateId, given);
  return renderMessage({
    templateId, channel, tone: opts.tone ?? 'neutral', context,
    ...(opts.whatsappWindowOpen !== undefined ? { whatsappWindowOpen: opts.whatsappWindowOpen } : {}),
  });
}
