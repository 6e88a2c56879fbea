// Which payment QR code an account can carry, pure: a SEPA account in euros the EPC one, a PIX key in reais (with the
// city the BR Code must name) the copia e cola one; the amount owed and the reference the statement matcher reads.
import type { TransferAccount } from './schema.ts';
import { epcPayload, pixPayload } from './qr-payload.ts';
import { qrMatrix, qrSvg } from './qr-code.ts';

export const QR_FORMATS = ['epc', 'pix'] as const;
export type QrFormat = (typeof QR_FORMATS)[number];
/** The payload the code carries (what a PIX app also takes pasted: copia e cola) and the code drawn as SVG. */
export interface TransferQr { format: QrFormat; payload: string; svg: string }

const drawn = (format: QrFormat, payload: string): TransferQr => ({ format, payload, svg: qrSvg(qrMatrix(payload), format === 'epc' ? 'EPC QR' : 'PIX QR') });

/** The key as the DICT holds it and the BR Code carries it: CPF and CNPJ without punctuation, the phone as +55..., e-mail and random key in lower case. */
export function pixKeyOf(a: Extract<TransferAccount, { kind: 'br_pix' }>): string {
  switch (a.pix_key_type) {
    case 'cpf': case 'cnpj': return a.pix_key.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
    case 'phone': return a.pix_key.replace(/[\s()-]+/g, '');
    case 'email': case 'random': return a.pix_key.trim().toLowerCase();
  }
}

/** What a payment QR code for the account carries (see accountQr), without drawing it; null where accountQr's is. */
export function accountQrPayload(a: TransferAccount, amount: number, reference: string, key: string): { format: QrFormat; payload: string } | null {
  if (a.kind === 'sepa' && a.currency === 'EUR') {
    return { format: 'epc', payload: epcPayload({ name: a.beneficiary_name, iban: a.iban, bic: a.bic, amount, reference }) };
  }
  if (a.kind === 'br_pix' && a.currency === 'BRL' && a.city) {
    const pixKey = pixKeyOf(a);
    if (!/^[\x21-\x7e]{1,77}$/.test(pixKey)) return null;
    return { format: 'pix', payload: pixPayload({ key: pixKey, name: a.beneficiary_name, city: a.city, amount, txid: key, description: reference }) };
  }
  return null;
}

/**
 * The QR code for paying `amount` (minor units, > 0) into the account quoting `reference`; `key` is the one reference
 * the PIX txid carries (letters and digits, 25 at most: the first invoice number, or the customer's reference). Null for
 * an account no QR standard covers here, or a PIX account without its city.
 */
export function accountQr(a: TransferAccount, amount: number, reference: string, key: string): TransferQr | null {
  const p = accountQrPayload(a, amount, reference, key);
  return p ? drawn(p.format, p.payload) : null;
}
