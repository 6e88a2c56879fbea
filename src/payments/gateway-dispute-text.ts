// The words of a gateway dispute's review task (pure): the note that opens it (the gateway, the dispute, the amount held or
// questioned on each payment, the reason and the deadline) and the outcome that completes it.
import { exponentOf } from '../domain/money.ts';
import type { DisputeFacts, GatewayName } from './gateways/index.ts';

const GATEWAY: Record<GatewayName, string> = { stripe: 'Stripe', paypal: 'PayPal', mercadopago: 'Mercado Pago', adyen: 'Adyen' };

/** One payment the dispute is about, and the amount of it in dispute (minor units). */
export interface Holding { payment_ref: string; currency: string; amount: number }

/** How the note is written: in the org's language, numbers in its locale, instants in its zone. */
export interface Wording { language: NoteLanguage; locale: string; zone: string }
export type NoteLanguage = 'en' | 'es' | 'pt-BR';

/** The org's language (en, es, pt) as the note's, and the locale its numbers are written in (es by the org's country). */
export function wordingFor(language: string | undefined, country: string | undefined, zone: string): Wording {
  if (language === 'es') {
    const local = country && /^[A-Z]{2}$/.test(country) && Intl.NumberFormat.supportedLocalesOf([`es-${country}`]).length > 0 ? `es-${country}` : 'es-419';
    return { language: 'es', locale: local, zone };
  }
  if (language === 'pt' || language === 'pt-BR') return { language: 'pt-BR', locale: 'pt-BR', zone };
  return { language: 'en', locale: 'en-US', zone };
}

/** "1,234.50 MXN": the amount in major units as the locale writes numbers, and the currency's code (unambiguous across $ currencies). */
export function amountText(minor: number, currency: string, locale: string): string {
  const exp = exponentOf(currency);
  const n = new Intl.NumberFormat(locale, { minimumFractionDigits: exp, maximumFractionDigits: exp }).format(minor / 10 ** exp);
  return `${n.replace(/\u00a0/g, ' ')} ${currency}`;
}

/** An instant as the note says it: English keeps the ISO instant; Spanish and Portuguese the date and time in the org's zone. */
function instantText(w: Wording, iso: string): string {
  if (w.language === 'en') return iso;
  const text = new Intl.DateTimeFormat(w.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: w.zone }).format(new Date(iso));
  return `${text.replace(/\u202f|\u00a0/g, ' ')} (${w.zone})`;
}

export type DisputeState = Pick<DisputeFacts, 'id' | 'held' | 'kind' | 'reason' | 'respondBy'>;

interface Parts { name: string; id: string; total: string; on: string; reason: string; due?: string; said: string; ref: string; amount: string }
type Words = Record<'held' | 'notTaken' | 'inquiry' | 'fraud' | 'reason' | 'dueEvidence' | 'dueAnswer' | 'noDeadline' | 'won' | 'closed' | 'lost' | 'closedEntry'
  | 'issuerSilentHeld' | 'issuerSilent' | 'fraudLapsed' | 'unknown',
  (p: Parts) => string> & { noReason: string; taskDone: (id: string) => string };

const WORDS: Record<NoteLanguage, Words> = {
  en: {
    held: (p) => `Chargeback at ${p.name}, dispute ${p.id}: ${p.total} held (payment reversed, the rest kept) on payment ${p.on}.`,
    notTaken: (p) => `Chargeback at ${p.name}, dispute ${p.id}: ${p.total} in dispute on payment ${p.on}, not taken yet (${p.name} debits it with the chargeback).`,
    inquiry: (p) => `Inquiry at ${p.name}, dispute ${p.id}: ${p.total} questioned, no money held, on payment ${p.on}.`,
    fraud: (p) => `Fraud notice at ${p.name}, ${p.id}: the card's issuer reported payment ${p.on} as fraud; no money taken. ${p.reason} `
      + 'Refunding it before a chargeback arrives avoids the chargeback and its fee.',
    reason: (p) => `Reason: ${p.reason}.`, noReason: 'none given by the gateway',
    dueEvidence: (p) => `Evidence due at ${p.name} by ${p.due}: answer there before then or the dispute is lost.`,
    dueAnswer: (p) => `Answer due at ${p.name} by ${p.due}: answer there before then or it may become a chargeback.`,
    noDeadline: (p) => `${p.name} states no evidence deadline: answer the dispute there as soon as possible.`,
    won: (p) => `won at ${p.name}${p.said}: the money held on payment ${p.ref} is recorded again`,
    closed: (p) => `closed at ${p.name}${p.said}: no money was taken on payment ${p.ref}`,
    lost: (p) => `lost at ${p.name}${p.said}: ${p.amount} on payment ${p.ref} stays reversed`,
    closedEntry: (p) => `${p.name} dispute ${p.id} ${p.said}`, taskDone: (id) => `; review task ${id} done`,
    issuerSilent: (p) => `settled in the merchant's favour at ${p.name}: the card's issuer did not respond in time; nothing was debited from payment ${p.ref}`,
    issuerSilentHeld: (p) => `settled in the merchant's favour at ${p.name}: the card's issuer did not respond in time; the money held on payment ${p.ref} is recorded again`,
    unknown: (p) => `A dispute at ${p.name} on a payment cobro does not know (made outside its payment links; no customer found):`,
    fraudLapsed: (p) => `no chargeback came at ${p.name} on payment ${p.ref} within the ${p.amount} days the card schemes allow for a fraud chargeback (until ${p.due}): closed, nothing was debited`,
  },
  es: {
    held: (p) => `Contracargo en ${p.name}, disputa ${p.id}: ${p.total} retenidos (pago revertido, el resto conservado) en el pago ${p.on}.`,
    notTaken: (p) => `Contracargo en ${p.name}, disputa ${p.id}: ${p.total} en disputa en el pago ${p.on}, aún no descontados (${p.name} los descuenta con el contracargo).`,
    inquiry: (p) => `Consulta en ${p.name}, disputa ${p.id}: ${p.total} cuestionados, sin dinero retenido, en el pago ${p.on}.`,
    fraud: (p) => `Aviso de fraude en ${p.name}, ${p.id}: el emisor de la tarjeta reportó el pago ${p.on} como fraude; no se descontó dinero. ${p.reason} `
      + 'Reembolsarlo antes de que llegue un contracargo evita el contracargo y su comisión.',
    reason: (p) => `Motivo: ${p.reason}.`, noReason: 'la pasarela no indica ninguno',
    dueEvidence: (p) => `Pruebas a presentar en ${p.name} antes del ${p.due}: responda allí antes de esa fecha o la disputa se pierde.`,
    dueAnswer: (p) => `Respuesta a dar en ${p.name} antes del ${p.due}: responda allí antes de esa fecha o puede convertirse en contracargo.`,
    noDeadline: (p) => `${p.name} no indica plazo para las pruebas: responda la disputa allí lo antes posible.`,
    won: (p) => `ganada en ${p.name}${p.said}: el dinero retenido del pago ${p.ref} se registra de nuevo`,
    closed: (p) => `cerrada en ${p.name}${p.said}: no se descontó dinero del pago ${p.ref}`,
    lost: (p) => `perdida en ${p.name}${p.said}: ${p.amount} del pago ${p.ref} quedan revertidos`,
    closedEntry: (p) => `Disputa ${p.id} de ${p.name} ${p.said}`, taskDone: (id) => `; tarea de revisión ${id} completada`,
    issuerSilent: (p) => `resuelta a favor del comercio en ${p.name}: el emisor de la tarjeta no respondió a tiempo; no se descontó nada del pago ${p.ref}`,
    issuerSilentHeld: (p) => `resuelta a favor del comercio en ${p.name}: el emisor de la tarjeta no respondió a tiempo; el dinero retenido del pago ${p.ref} se registra de nuevo`,
    unknown: (p) => `Una disputa en ${p.name} sobre un pago que cobro no conoce (hecho fuera de sus enlaces de pago; ningún cliente encontrado):`,
    fraudLapsed: (p) => `no llegó ningún contracargo en ${p.name} por el pago ${p.ref} en los ${p.amount} días que las redes de tarjetas dan para un contracargo por fraude (hasta el ${p.due}): cerrado, no se descontó nada`,
  },
  'pt-BR': {
    held: (p) => `Chargeback em ${p.name}, disputa ${p.id}: ${p.total} retidos (pagamento estornado, o restante mantido) no pagamento ${p.on}.`,
    notTaken: (p) => `Chargeback em ${p.name}, disputa ${p.id}: ${p.total} em disputa no pagamento ${p.on}, ainda não debitados (${p.name} debita com o chargeback).`,
    inquiry: (p) => `Consulta em ${p.name}, disputa ${p.id}: ${p.total} questionados, nenhum valor retido, no pagamento ${p.on}.`,
    fraud: (p) => `Aviso de fraude em ${p.name}, ${p.id}: o emissor do cartão informou o pagamento ${p.on} como fraude; nenhum valor debitado. ${p.reason} `
      + 'Reembolsá-lo antes que chegue um chargeback evita o chargeback e sua tarifa.',
    reason: (p) => `Motivo: ${p.reason}.`, noReason: 'nenhum informado pelo gateway',
    dueEvidence: (p) => `Provas devidas em ${p.name} até ${p.due}: responda lá antes disso ou a disputa é perdida.`,
    dueAnswer: (p) => `Resposta devida em ${p.name} até ${p.due}: responda lá antes disso ou ela pode virar um chargeback.`,
    noDeadline: (p) => `${p.name} não informa prazo para as provas: responda a disputa lá o quanto antes.`,
    won: (p) => `ganha em ${p.name}${p.said}: o valor retido do pagamento ${p.ref} é registrado de novo`,
    closed: (p) => `encerrada em ${p.name}${p.said}: nenhum valor foi debitado do pagamento ${p.ref}`,
    lost: (p) => `perdida em ${p.name}${p.said}: ${p.amount} do pagamento ${p.ref} continuam estornados`,
    closedEntry: (p) => `Disputa ${p.id} em ${p.name} ${p.said}`, taskDone: (id) => `; tarefa de revisão ${id} concluída`,
    issuerSilent: (p) => `resolvida a favor do lojista em ${p.name}: o emissor do cartão não respondeu no prazo; nada foi debitado do pagamento ${p.ref}`,
    issuerSilentHeld: (p) => `resolvida a favor do lojista em ${p.name}: o emissor do cartão não respondeu no prazo; o valor retido do pagamento ${p.ref} é registrado de novo`,
    unknown: (p) => `Uma disputa em ${p.name} sobre um pagamento que o cobro não conhece (feito fora dos seus links de pagamento; nenhum cliente encontrado):`,
    fraudLapsed: (p) => `nenhum chargeback chegou em ${p.name} para o pagamento ${p.ref} nos ${p.amount} dias que as bandeiras dão para um chargeback por fraude (até ${p.due}): encerrado, nada foi debitado`,
  },
};

const NONE = { total: '', on: '', reason: '', said: '', ref: '', amount: '' };

/** The note the review task opens with (and is brought up to date with when an inquiry or a notice becomes a chargeback). */
export function openingNote(w: Wording, provider: GatewayName, d: DisputeState, held: Holding[]): string {
  const words = WORDS[w.language];
  const currency = held[0]?.currency ?? '';
  const p: Parts = { ...NONE, name: GATEWAY[provider], id: d.id,
    total: amountText(held.reduce((s, h) => s + Number(h.amount), 0), currency, w.locale),
    on: held.map((h) => `${h.payment_ref} (${amountText(Number(h.amount), h.currency, w.locale)})`).join(', '),
    ...(d.respondBy ? { due: instantText(w, d.respondBy) } : {}) };
  const reason = words.reason({ ...p, reason: d.reason ?? words.noReason });
  if (d.kind === 'fraud') return words.fraud({ ...p, reason });
  const due = !d.respondBy ? words.noDeadline(p) : d.kind === 'inquiry' ? words.dueAnswer(p) : words.dueEvidence(p);
  const what = d.kind === 'inquiry' ? words.inquiry(p) : d.held === false ? words.notTaken(p) : words.held(p);
  return `${what} ${reason} ${due}`;
}

/** The note of a dispute on a payment cobro does not know and no reference ties to a customer: an org-level task's. */
export function unknownPaymentNote(w: Wording, provider: GatewayName, d: DisputeState, held: Holding[]): string {
  return `${WORDS[w.language].unknown({ ...NONE, name: GATEWAY[provider], id: d.id })} ${openingNote(w, provider, d, held)}`;
}

/** The outcome a closed dispute completes its task with; `taken`: whether money was held when it closed. */
export function outcomeText(w: Wording, provider: GatewayName, d: Pick<DisputeFacts, 'status' | 'outcome' | 'amount' | 'settledBy'>, taken: boolean,
  paymentRef: string, currency: string): string {
  const words = WORDS[w.language];
  const p: Parts = { ...NONE, name: GATEWAY[provider], id: '', said: d.outcome ? ` (${d.outcome})` : '', ref: paymentRef, amount: amountText(d.amount, currency, w.locale) };
  if (d.status === 'won' && d.settledBy === 'issuer_timeout') return taken ? words.issuerSilentHeld(p) : words.issuerSilent(p);
  if (d.status === 'won') return taken ? words.won(p) : words.closed(p);
  return words.lost(p);
}

/** The timeline's sentence for a closed dispute: the dispute, its outcome, and the task it completed if any. */
export function closedText(w: Wording, provider: GatewayName, disputeId: string, outcome: string, taskId?: string): string {
  const words = WORDS[w.language];
  return `${words.closedEntry({ ...NONE, name: GATEWAY[provider], id: disputeId, said: outcome })}${taskId ? words.taskDone(taskId) : ''}`;
}

/** The outcome of a fraud notice no chargeback followed within the schemes' window (`days` after the payment, ending `endsAt`). */
export function fraudLapsedText(w: Wording, provider: GatewayName, paymentRef: string, days: number, endsAt: string): string {
  return WORDS[w.language].fraudLapsed({ ...NONE, name: GATEWAY[provider], id: '', ref: paymentRef, amount: String(days), due: instantText(w, endsAt) });
}
