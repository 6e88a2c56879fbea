// First guesses for the mapping wizard: which file column feeds each cobro field (by name and common synonyms in English,
// Spanish and Portuguese), the delimiter, the decimal mark and the date format, from the header and a few sample rows.
import { parseDate } from '../../../src/domain/dates.ts';

/** Lower case, no accents, words separated by single spaces. */
export function normalise(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

const SYNONYMS: Record<string, string[]> = {
  external_id: ['id', 'code', 'codigo', 'customer code', 'client id', 'customer id'],
  name: ['customer name', 'client name', 'nombre', 'razon social', 'nome', 'company'],
  email: ['e mail', 'mail', 'correo', 'correo electronico'],
  phone: ['telephone', 'tel', 'telefono', 'telefone', 'mobile', 'celular', 'movil'],
  country: ['pais', 'country code'], language: ['idioma', 'lang', 'lingua'], timezone: ['time zone', 'tz', 'zona horaria', 'fuso horario'],
  customer_external_id: ['customer', 'customer id', 'customer code', 'client', 'client id', 'cliente', 'codigo cliente', 'id cliente', 'account', 'cuenta'],
  number: ['invoice', 'invoice number', 'invoice no', 'invoice num', 'factura', 'numero', 'numero factura', 'fatura', 'numero fatura', 'folio', 'doc', 'document'],
  currency: ['ccy', 'moneda', 'divisa', 'moeda', 'cur'],
  amount: ['total', 'amount due', 'importe', 'monto', 'valor', 'value', 'sum'],
  issue_date: ['date', 'invoice date', 'issued', 'issue', 'fecha', 'fecha emision', 'emision', 'data emissao', 'emissao', 'fecha factura'],
  due_date: ['due', 'due on', 'vencimiento', 'fecha vencimiento', 'vence', 'vencimento', 'data vencimento', 'payment due'],
  date: ['payment date', 'paid on', 'fecha', 'fecha pago', 'data', 'data pagamento', 'value date'],
  reference: ['ref', 'referencia', 'memo', 'concepto'],
  invoice_number: ['invoice', 'invoice number', 'factura', 'fatura', 'numero factura'],
  method: ['payment method', 'metodo', 'forma de pago', 'forma pagamento', 'metodo pago'],
  disputed: ['dispute', 'en disputa', 'disputa', 'contestada'],
};

/** How well a header names a field: 1 exact, .9 a synonym, else the share of shared words. */
export function similarity(field: string, header: string): number {
  const h = normalise(header);
  const f = normalise(field);
  if (!h) return 0;
  if (h === f || h.replace(/ /g, '') === f.replace(/ /g, '')) return 1;
  const base = field.startsWith('customer_') && field !== 'customer_external_id' ? field.slice('customer_'.length) : field;
  if ((SYNONYMS[field] ?? []).includes(h)) return 0.9;
  if (base !== field) {
    // an invoice file's customer columns: "Customer email" is sure, a bare "Email" likely
    const syn = SYNONYMS[base] ?? [];
    if (syn.map((x) => `customer ${x}`).includes(h) || syn.map((x) => `cliente ${x}`).includes(h)) return 0.85;
    if (h === normalise(base) || syn.includes(h)) return 0.6;
  }
  const a = new Set(f.split(' '));
  const b = h.split(' ');
  const shared = b.filter((w) => a.has(w)).length;
  return shared / Math.max(a.size, b.length) * 0.8;
}

/** Each field gets the best-named column left (greedy, best pairs first); a column feeds at most one field. */
export function guessColumns(fields: string[], header: string[]): Record<string, string> {
  const pairs: { field: string; col: string; score: number }[] = [];
  for (const field of fields) for (const col of header) {
    const score = similarity(field, col);
    if (score >= 0.5) pairs.push({ field, col, score });
  }
  pairs.sort((x, y) => y.score - x.score || fields.indexOf(x.field) - fields.indexOf(y.field));
  const out: Record<string, string> = {};
  const used = new Set<string>();
  for (const p of pairs) {
    if (p.field in out || used.has(p.col)) continue;
    out[p.field] = p.col;
    used.add(p.col);
  }
  return out;
}

export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The delimiter that splits the first line into the most cells outside quotes. */
export function guessDelimiter(text: string): string {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const outside = first.replace(/"[^"]*"/g, '');
  let best: string = ',';
  let most = 0;
  for (const d of DELIMITERS) {
    const n = outside.split(d).length - 1;
    if (n > most) { most = n; best = d; }
  }
  return best;
}

export const DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'D/M/YYYY', 'M/D/YYYY', 'DD.MM.YYYY', 'DD-MM-YYYY', 'YYYY/MM/DD', 'DD/MM/YY'] as const;

/** The first common format every sample date reads in, or null when there are none or none fits. */
export function guessDateFormat(samples: string[]): string | null {
  const values = samples.map((s) => s.trim()).filter(Boolean);
  if (!values.length) return null;
  return DATE_FORMATS.find((f) => values.every((v) => parseDate(v, f) !== null)) ?? null;
}

/** A decimal comma when some sample ends in a comma and one or two digits and none in a dot and one or two digits. */
export function guessDecimal(samples: string[]): '.' | ',' {
  const comma = samples.some((s) => /,\d{1,2}\s*$/.test(s.trim()));
  const dot = samples.some((s) => /\.\d{1,2}\s*$/.test(s.trim()));
  return comma && !dot ? ',' : '.';
}
