// The words of cobro's own dispute evidence (the account of the debt, the communication history and the documents'
// titles) in the org's language: en, es or pt-BR (gateway-dispute-text.ts reads it). Dates stay ISO and amounts keep
// their currency code, so the card network's reviewer reads them the same in every language; an arrangement's kind and
// status are written in words too (a code the words do not know stays as it is).
import type { NoteLanguage } from './gateway-dispute-text.ts';

export interface EvidenceWords {
  paid: (payment: string, amount: string, name: string) => string;
  invoice: (number: string, issued: string, due: string, amount: string) => string;
  service: (date: string) => string;
  agreed: string;
  arrangement: (kind: string, made: string, amount: string, due: string, status: string) => string;
  communication: (sent: number, received: number) => string;
  invoices: (numbers: string) => string;
  noMessages: string;
  sent: (status: string | null) => string;
  received: string;
  noText: string;
  historyTitle: (name: string, payment: string) => string;
  summaryTitle: (dispute: string) => string;
  /** An arrangement's kind (promise, extension, plan) and its status (pending, kept, partly_kept, broken, replaced, active, completed, cancelled). */
  kinds: Record<string, string>;
  statuses: Record<string, string>;
}

const en: EvidenceWords = {
  paid: (p, a, n) => `Payment ${p} (${a} disputed) by ${n} paid these invoices:`,
  invoice: (n, i, d, a) => `- invoice ${n}, issued ${i}, due ${d}: ${a}`,
  service: (s) => `; service ${s}`,
  agreed: 'Agreed with the customer before paying:',
  arrangement: (k, m, a, d, s) => `- ${k} made ${m}: ${a} by ${d} (${s})`,
  communication: (o, b) => `Communication: ${o} message(s) sent to the customer and ${b} reply(ies) received (the history is attached).`,
  invoices: (n) => `Invoices ${n}`,
  noMessages: 'No message was sent to or received from the customer.',
  sent: (s) => `sent to the customer${s ? ` (${s})` : ''}`,
  received: 'received from the customer',
  noText: '(no text)',
  historyTitle: (n, p) => `Communication with ${n} about payment ${p}`,
  summaryTitle: (d) => `Dispute ${d}: the account of the debt`,
  kinds: { promise: 'promise to pay', extension: 'extension', plan: 'instalment plan' },
  statuses: { pending: 'pending', kept: 'kept', partly_kept: 'partly kept', broken: 'broken', replaced: 'replaced', active: 'in progress',
    completed: 'completed', cancelled: 'cancelled' },
};

const es: EvidenceWords = {
  paid: (p, a, n) => `El pago ${p} (${a} en disputa) de ${n} pagó estas facturas:`,
  invoice: (n, i, d, a) => `- factura ${n}, emitida el ${i}, vencida el ${d}: ${a}`,
  service: (s) => `; servicio el ${s}`,
  agreed: 'Acordado con el cliente antes del pago:',
  arrangement: (k, m, a, d, s) => `- ${k} del ${m}: ${a} para el ${d} (${s})`,
  communication: (o, b) => `Comunicación: ${o} mensaje(s) enviado(s) al cliente y ${b} respuesta(s) recibida(s) (se adjunta el historial).`,
  invoices: (n) => `Facturas ${n}`,
  noMessages: 'No se envió ni se recibió ningún mensaje del cliente.',
  sent: (s) => `enviado al cliente${s ? ` (${s})` : ''}`,
  received: 'recibido del cliente',
  noText: '(sin texto)',
  historyTitle: (n, p) => `Comunicación con ${n} sobre el pago ${p}`,
  summaryTitle: (d) => `Disputa ${d}: la cuenta de la deuda`,
  kinds: { promise: 'promesa de pago', extension: 'prórroga', plan: 'plan de pagos' },
  statuses: { pending: 'pendiente', kept: 'cumplida', partly_kept: 'cumplida en parte', broken: 'incumplida', replaced: 'reemplazada', active: 'en curso',
    completed: 'completado', cancelled: 'cancelado' },
};

const pt: EvidenceWords = {
  paid: (p, a, n) => `O pagamento ${p} (${a} contestado) de ${n} pagou estas faturas:`,
  invoice: (n, i, d, a) => `- fatura ${n}, emitida em ${i}, vencida em ${d}: ${a}`,
  service: (s) => `; serviço em ${s}`,
  agreed: 'Combinado com o cliente antes do pagamento:',
  arrangement: (k, m, a, d, s) => `- ${k} de ${m}: ${a} até ${d} (${s})`,
  communication: (o, b) => `Comunicação: ${o} mensagem(ns) enviada(s) ao cliente e ${b} resposta(s) recebida(s) (o histórico está anexo).`,
  invoices: (n) => `Faturas ${n}`,
  noMessages: 'Nenhuma mensagem foi enviada ao cliente nem recebida dele.',
  sent: (s) => `enviada ao cliente${s ? ` (${s})` : ''}`,
  received: 'recebida do cliente',
  noText: '(sem texto)',
  historyTitle: (n, p) => `Comunicação com ${n} sobre o pagamento ${p}`,
  summaryTitle: (d) => `Contestação ${d}: o relato da dívida`,
  kinds: { promise: 'promessa de pagamento', extension: 'prorrogação', plan: 'plano de parcelamento' },
  statuses: { pending: 'pendente', kept: 'cumprida', partly_kept: 'cumprida em parte', broken: 'descumprida', replaced: 'substituída', active: 'em andamento',
    completed: 'concluído', cancelled: 'cancelado' },
};

export const evidenceWords = (language: NoteLanguage): EvidenceWords => ({ en, es, 'pt-BR': pt })[language];

/** An arrangement's line: its kind and status in the words of the language (an unknown code as it is). */
export const arrangementLine = (w: EvidenceWords, kind: string, made: string, amount: string, due: string, status: string): string =>
  w.arrangement(w.kinds[kind] ?? kind, made, amount, due, w.statuses[status] ?? status);
