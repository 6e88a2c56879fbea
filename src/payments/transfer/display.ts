// How bank transfer details are written for the debtor, pure: each account's labelled lines in their language, and the
// reference to quote, made of the invoice numbers (what cobro's statement matcher reads best) within the rail's length.
import type { TransferAccount, TransferKind, TransferSettings } from './schema.ts';
import { accountQr, type TransferQr } from './qr-account.ts';

export type TransferLanguage = 'en' | 'es' | 'pt-BR';

export const TRANSFER_TEXTS = {
  en: { heading: 'Pay by bank transfer', beneficiary: 'Beneficiary', bank: 'Bank', iban: 'IBAN', bic: 'BIC', routing: 'Routing number',
    account: 'Account number', accountType: 'Account type', checking: 'checking', savings: 'savings', clabe: 'CLABE', pix: 'PIX key', cbu: 'CBU/CVU',
    alias: 'Alias', swift: 'SWIFT', routingCode: 'Bank code', reference: 'Reference to quote', short: 'Transfer', ref: 'ref',
    qr: 'Scan with your banking app to pay', pixCode: 'PIX copy and paste code',
    pixTypes: { cpf: 'CPF', cnpj: 'CNPJ', email: 'e-mail', phone: 'phone', random: 'random key' } },
  es: { heading: 'Pagar por transferencia bancaria', beneficiary: 'Beneficiario', bank: 'Banco', iban: 'IBAN', bic: 'BIC', routing: 'Número de ruta (ABA)',
    account: 'Número de cuenta', accountType: 'Tipo de cuenta', checking: 'corriente', savings: 'ahorros', clabe: 'CLABE', pix: 'Clave PIX', cbu: 'CBU/CVU',
    alias: 'Alias', swift: 'SWIFT', routingCode: 'Código del banco', reference: 'Referencia a indicar', short: 'Transferencia', ref: 'ref.',
    qr: 'Escanee con la app de su banco para pagar', pixCode: 'Código PIX copia y pega',
    pixTypes: { cpf: 'CPF', cnpj: 'CNPJ', email: 'correo', phone: 'teléfono', random: 'clave aleatoria' } },
  'pt-BR': { heading: 'Pagar por transferência bancária', beneficiary: 'Favorecido', bank: 'Banco', iban: 'IBAN', bic: 'BIC', routing: 'Routing number (ABA)',
    account: 'Número da conta', accountType: 'Tipo de conta', checking: 'corrente', savings: 'poupança', clabe: 'CLABE', pix: 'Chave PIX', cbu: 'CBU/CVU',
    alias: 'Alias', swift: 'SWIFT', routingCode: 'Código do banco', reference: 'Referência a informar', short: 'Transferência', ref: 'ref.',
    qr: 'Escaneie com o app do seu banco para pagar', pixCode: 'Pix Copia e Cola',
    pixTypes: { cpf: 'CPF', cnpj: 'CNPJ', email: 'e-mail', phone: 'telefone', random: 'chave aleatória' } },
} as const;

/** The longest reference each rail carries: SEPA and PIX remittance 140, an ACH addendum 80, a SPEI "concepto" 40. */
export const REFERENCE_MAX: Readonly<Record<TransferKind, number>> = { sepa: 140, us_ach: 80, mx_clabe: 40, br_pix: 140, ar_cbu: 140, other: 140 };

/** One line of details: its label, the value as shown, and the value as copied (no grouping spaces). */
export interface TransferLine { label: string; value: string; copy: string }

/** An IBAN in groups of four, as printed on paper. */
const grouped = (s: string) => s.replace(/(.{4})(?=.)/g, '$1 ');

/** The account's main number: what an SMS names and what the copy button of the portal copies first. */
export function mainLine(a: TransferAccount, lang: TransferLanguage): TransferLine {
  const t = TRANSFER_TEXTS[lang];
  switch (a.kind) {
    case 'sepa': return { label: t.iban, value: grouped(a.iban), copy: a.iban };
    case 'us_ach': return { label: t.account, value: a.account_number, copy: a.account_number };
    case 'mx_clabe': return { label: t.clabe, value: a.clabe, copy: a.clabe };
    case 'br_pix': return { label: `${t.pix} (${t.pixTypes[a.pix_key_type]})`, value: a.pix_key, copy: a.pix_key };
    case 'ar_cbu': return { label: t.cbu, value: a.cbu, copy: a.cbu };
    case 'other': return { label: t.account, value: a.account_number, copy: a.account_number };
  }
}

const line = (label: string, value: string): TransferLine => ({ label, value, copy: value });

/** Every line of an account, beneficiary first, in the debtor's language. */
export function accountLines(a: TransferAccount, lang: TransferLanguage): TransferLine[] {
  const t = TRANSFER_TEXTS[lang];
  const out = [line(t.beneficiary, a.beneficiary_name)];
  if (a.bank_name) out.push(line(t.bank, a.bank_name));
  if (a.kind === 'us_ach') out.push(line(t.routing, a.routing_number));
  if (a.kind === 'other' && a.routing_code) out.push(line(t.routingCode, a.routing_code));
  out.push(mainLine(a, lang));
  if (a.kind === 'sepa' && a.bic) out.push(line(t.bic, a.bic));
  if (a.kind === 'other' && a.swift) out.push(line(t.swift, a.swift));
  if (a.kind === 'us_ach' && a.account_type) out.push(line(t.accountType, t[a.account_type]));
  if (a.kind === 'ar_cbu' && a.alias) out.push(line(t.alias, a.alias));
  return out;
}

/**
 * The reference the debtor quotes: the invoice numbers, oldest first, separated by spaces (the matcher finds each number
 * in the text, however the bank splits or pads it), as many as fit the rail; or the customer's reference when the org
 * chose it (falling back to the invoice numbers when the customer has none).
 */
export function transferReference(mode: TransferSettings['reference'], invoiceNumbers: readonly string[], customerRef: string | null, kind: TransferKind): string {
  const max = REFERENCE_MAX[kind];
  if (mode === 'customer_reference' && customerRef) return customerRef.slice(0, max);
  let out = '';
  for (const n of invoiceNumbers) {
    const next = out ? `${out} ${n}` : n;
    if (next.length > max) break;
    out = next;
  }
  return out || (invoiceNumbers[0] ?? '').slice(0, max);
}

/** The one reference a PIX txid holds: the customer's reference when the org quotes it, else the first invoice number. */
export function qrKey(s: TransferSettings, invoiceNumbers: readonly string[], customerRef: string | null): string {
  return (s.reference === 'customer_reference' && customerRef) || invoiceNumbers[0] || '';
}

/** One currency's details as shown: its accounts' lines and the reference to quote on each. */
export interface TransferView {
  currency: string;
  accounts: { id: string; kind: TransferKind; label: string | null; lines: TransferLine[]; main: TransferLine; reference: string;
    /** The payment QR code (EPC for SEPA in euros, PIX copia e cola in reais) for the amount given; absent without one. */
    qr?: TransferQr }[];
}

/**
 * The details of the accounts in this currency, for these invoices (oldest first) and this customer; null when there are
 * none. With `amount` (minor units owed, > 0) an account a QR standard covers carries its payment QR code: the reference
 * as its text, and the first invoice number (or the customer's reference) as the one reference a PIX txid holds.
 */
export function transferView(s: TransferSettings, currency: string, invoiceNumbers: readonly string[], customerRef: string | null,
  lang: TransferLanguage, amount?: number): TransferView | null {
  const accounts = s.accounts.filter((a) => a.currency === currency);
  if (!accounts.length) return null;
  const key = qrKey(s, invoiceNumbers, customerRef);
  return { currency, accounts: accounts.map((a) => {
    const reference = transferReference(s.reference, invoiceNumbers, customerRef, a.kind);
    const qr = amount && amount > 0 ? accountQr(a, amount, reference, key) : null;
    return { id: a.id, kind: a.kind, label: a.label ?? null, lines: accountLines(a, lang), main: mainLine(a, lang), reference, ...(qr ? { qr } : {}) };
  }) };
}
