// The one line of bank transfer details a Spanish or Portuguese SMS carries, worded as each rail is spoken of (a CLABE,
// a CBU or CVU, a Pix key, an IBAN, an ACH routing and account number): a natural line first, then a compact one; the
// renderer keeps the first with which the SMS as sent (folded into GSM-7 when that saves segments, else UCS-2) fits in three.
import type { TransferAccount } from '../payments/transfer/index.ts';

type SmsLanguage = 'es' | 'pt-BR';

/** A CVU (a payment account's number) starts with 000, the code no bank has; a CBU is a bank account's. */
const cbuOrCvu = (cbu: string) => (cbu.startsWith('000') ? 'CVU' : 'CBU');

/** Spanish (neutral Latin American): "Transferencia a la CLABE 0321..., ref. F-1001", then "CLABE 0321..., ref. F-1001". */
function spanish(a: TransferAccount, ref: string): [string, string] {
  switch (a.kind) {
    case 'mx_clabe': return [`Transferencia a la CLABE ${a.clabe}, ref. ${ref}`, `CLABE ${a.clabe}, ref. ${ref}`];
    case 'ar_cbu': return [`Transferencia al ${cbuOrCvu(a.cbu)} ${a.cbu}, ref. ${ref}`, `${cbuOrCvu(a.cbu)} ${a.cbu}, ref. ${ref}`];
    case 'sepa': return [`Transferencia al IBAN ${a.iban}, ref. ${ref}`, `IBAN ${a.iban}, ref. ${ref}`];
    case 'us_ach': return [`Transferencia ACH: ruta ${a.routing_number}, cuenta ${a.account_number}, ref. ${ref}`,
      `ACH ruta ${a.routing_number}, cuenta ${a.account_number}, ref. ${ref}`];
    case 'br_pix': return [`Pix a la clave ${a.pix_key}, ref. ${ref}`, `Pix ${a.pix_key}, ref. ${ref}`];
    case 'other': return [`Transferencia a la cuenta ${a.account_number} (${a.bank_name}), ref. ${ref}`, `Cuenta ${a.account_number}, ref. ${ref}`];
  }
}

/** To whom a Pix goes, as a Brazilian says it: "Pix para o CNPJ ...", "para o e-mail ...", "para a chave ...". */
const PIX_TO = { cpf: 'para o CPF', cnpj: 'para o CNPJ', email: 'para o e-mail', phone: 'para o celular', random: 'para a chave' } as const;

/** Brazilian Portuguese: "Pix para o CNPJ 1122..., ref. F-1001", then "Pix 1122..., ref. F-1001". */
function portuguese(a: TransferAccount, ref: string): [string, string] {
  switch (a.kind) {
    case 'br_pix': return [`Pix ${PIX_TO[a.pix_key_type]} ${a.pix_key}, ref. ${ref}`, `Pix ${a.pix_key}, ref. ${ref}`];
    case 'mx_clabe': return [`Transferência para a CLABE ${a.clabe}, ref. ${ref}`, `CLABE ${a.clabe}, ref. ${ref}`];
    case 'ar_cbu': return [`Transferência para o ${cbuOrCvu(a.cbu)} ${a.cbu}, ref. ${ref}`, `${cbuOrCvu(a.cbu)} ${a.cbu}, ref. ${ref}`];
    case 'sepa': return [`Transferência para o IBAN ${a.iban}, ref. ${ref}`, `IBAN ${a.iban}, ref. ${ref}`];
    case 'us_ach': return [`Transferência ACH: ABA ${a.routing_number}, conta ${a.account_number}, ref. ${ref}`,
      `ACH ABA ${a.routing_number}, conta ${a.account_number}, ref. ${ref}`];
    case 'other': return [`Transferência para a conta ${a.account_number} (${a.bank_name}), ref. ${ref}`, `Conta ${a.account_number}, ref. ${ref}`];
  }
}

/** The account's SMS lines in the language, the natural one first (no closing full stop: the template writes it). */
export function accountSmsLines(a: TransferAccount, reference: string, language: SmsLanguage): string[] {
  return language === 'es' ? spanish(a, reference) : portuguese(a, reference);
}
