// What a payment QR code carries, pure: the EPC QR payload of a SEPA credit transfer (EPC069-12, version 002, UTF-8) and
// the PIX "copia e cola" BR Code (EMV merchant-presented TLV as the Banco Central do Brasil's manual lays it out, CRC16).

/** The most bytes an EPC payload may have: what a version 13 QR code holds at error correction level M. */
export const EPC_MAX_BYTES = 331;
const EPC_MAX_CENTS = 99_999_999_999;

/** A line of free text as a field: line breaks and tabs become spaces, cut to `max` characters (not UTF-16 units). */
function field(s: string | undefined, max: number): string {
  return [...(s ?? '').replace(/[\r\n\t]+/g, ' ').trim()].slice(0, max).join('').trim();
}

/** Minor units of a two-decimal currency as the QR codes write them: 1234 is "12.34". */
export function decimalAmount(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

/** Whether a reference is an ISO 11649 creditor reference (RF, two check digits, up to 21 letters or digits, mod 97 = 1). */
export function isCreditorReference(ref: string): boolean {
  const s = ref.replace(/\s+/g, '').toUpperCase();
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(s)) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const digits = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

export interface EpcInput {
  name: string; iban: string; bic?: string;
  /** Euro cents; none (or out of 1 to 99999999999) leaves the amount for the payer to type. */
  amount?: number;
  purpose?: string;
  /** A creditor reference (RF...) goes in the structured field, anything else in the remittance text. */
  reference?: string;
  information?: string;
}

const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * The EPC QR payload: BCD, 002, 1 (UTF-8), SCT, BIC (may be empty in 002), name (70), IBAN, EUR amount, purpose (4),
 * creditor reference (35) or remittance text (140), information (70); lines joined by LF, nothing after the last one
 * given. Over 331 bytes (names in non-Latin scripts) the information, then the remittance text, then the name are cut.
 */
export function epcPayload(input: EpcInput): string {
  const ref = field(input.reference, 140);
  const structured = ref && isCreditorReference(ref) ? ref.replace(/\s+/g, '').toUpperCase() : '';
  const amount = input.amount !== undefined && Number.isInteger(input.amount) && input.amount >= 1 && input.amount <= EPC_MAX_CENTS
    ? `EUR${decimalAmount(input.amount)}` : '';
  const purpose = /^[A-Z]{4}$/.test(input.purpose ?? '') ? input.purpose! : '';
  const parts = { name: field(input.name, 70), remittance: structured ? '' : ref, information: field(input.information, 70) };
  const make = () => {
    const lines = ['BCD', '002', '1', 'SCT', field(input.bic, 11).toUpperCase(), parts.name, input.iban.replace(/\s+/g, '').toUpperCase(),
      amount, purpose, structured, parts.remittance, parts.information];
    while (lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  };
  let out = make();
  for (const part of ['information', 'remittance', 'name'] as const) {
    while (utf8Length(out) > EPC_MAX_BYTES && parts[part]) {
      parts[part] = [...parts[part]].slice(0, -1).join('').trimEnd();
      out = make();
    }
  }
  return out;
}

/** CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR) of the UTF-8 bytes, as 4 upper-case hex digits. */
export function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** One EMV data object: two-digit id, two-digit length, value (at most 99 characters, checked: a longer one is a bug here). */
function tlv(id: string, value: string): string {
  if (value.length > 99) throw new Error(`EMV field ${id} is ${value.length} characters long (at most 99)`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/** Text in the printable ASCII the EMV fields are read in: accents dropped (São Paulo is Sao Paulo), others removed. */
export function emvText(s: string, max: number): string {
  const plain = s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[^\x20-\x7e]+/g, ' ').replace(/\s+/g, ' ').trim();
  return plain.slice(0, max).trim();
}

export interface PixInput {
  /** The PIX key as the DICT holds it: CPF or CNPJ without punctuation, +55 phone, e-mail, or the random key. */
  key: string; name: string; city: string;
  /** Centavos; none leaves the amount for the payer to type. */
  amount?: number;
  /** Up to 25 letters or digits (others are dropped); none is "***". */
  txid?: string;
  /** Free text shown to the payer, cut to what the merchant account field (99 characters) has left. */
  description?: string;
}

/** The GUI that marks field 26 as a PIX key. */
export const PIX_GUI = 'br.gov.bcb.pix';

/**
 * The static BR Code: 00 payload format 01, 26 (GUI, key, description), 52 category 0000, 53 currency 986, 54 amount,
 * 58 BR, 59 name (25), 60 city (15), 62 with 05 txid, and 63 the CRC16 of everything before it including "6304".
 */
export function pixPayload(input: PixInput): string {
  if (!/^[\x21-\x7e]{1,77}$/.test(input.key)) throw new Error('a PIX key is 1 to 77 printable ASCII characters');
  const account = tlv('00', PIX_GUI) + tlv('01', input.key);
  const room = 99 - account.length - 4;
  const description = room > 0 ? emvText(input.description ?? '', room) : '';
  const txid = (input.txid ?? '').replace(/[^A-Za-z0-9]/g, '').slice(0, 25) || '***';
  const amount = input.amount !== undefined && Number.isInteger(input.amount) && input.amount > 0 ? decimalAmount(input.amount) : '';
  const body = tlv('00', '01') + tlv('26', account + (description ? tlv('02', description) : '')) + tlv('52', '0000') + tlv('53', '986')
    + (amount && amount.length <= 13 ? tlv('54', amount) : '') + tlv('58', 'BR') + tlv('59', emvText(input.name, 25) || 'N/A')
    + tlv('60', emvText(input.city, 15) || 'N/A') + tlv('62', tlv('05', txid)) + '6304';
  return body + crc16(body);
}
