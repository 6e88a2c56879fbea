// The :86: information field of MT940 in its common dialects: German ?NN subfields with SEPA
// keywords, SWIFT/Dutch /CODE/value/ pairs, and free text.
import { clean } from './text.ts';

export interface Mt940Details {
  counterpartyName: string | null;
  counterpartyAccount: string | null;
  remittanceText: string | null;
  structuredReference: string | null;
  endToEndId: string | null;
}

const EMPTY: Mt940Details = {
  counterpartyName: null, counterpartyAccount: null, remittanceText: null, structuredReference: null, endToEndId: null,
};

export function parseDetails(raw: string): Mt940Details {
  const text = raw.trim();
  if (text === '') return EMPTY;
  if (/^\d{3}\s*\?\d{2}/.test(text.replace(/\n/g, ''))) return germanSubfields(text.replace(/\n/g, ''));
  if (/^\/[A-Z]{2,4}\//.test(text) || /\/(TRTP|REMI|EREF|CNTP|NAME)\//.test(text)) return slashCodes(text);
  return { ...EMPTY, remittanceText: clean(text) };
}

const SEPA_KEYS = ['EREF', 'KREF', 'MREF', 'CRED', 'DEBT', 'SVWZ', 'ABWA', 'ABWE', 'IBAN', 'BIC', 'PURP', 'COAM', 'OAMT'];

/** "166?00GUTSCHR?20EREF+abc?21SVWZ+text?30BIC?31IBAN?32NAME": subfields by two-digit number. */
function germanSubfields(text: string): Mt940Details {
  const fields = new Map<number, string>();
  const re = /\?(\d{2})([^?]*)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const n = Number(m[1]);
    fields.set(n, (fields.get(n) ?? '') + (m[2] ?? ''));
  }
  const purposeParts: string[] = [];
  for (const n of [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 60, 61, 62, 63]) {
    const part = fields.get(n);
    if (part !== undefined) purposeParts.push(part);
  }
  const purpose = purposeParts.join('');
  const keyed = sepaKeywords(purpose);
  const name = clean([fields.get(32), fields.get(33)].filter((p) => p !== undefined).join(''));
  const eref = keyed.get('EREF');
  return {
    counterpartyName: name ?? clean(keyed.get('ABWA')) ?? null,
    counterpartyAccount: clean(fields.get(31)) ?? clean(keyed.get('IBAN')),
    remittanceText: clean(keyed.size > 0 ? keyed.get('SVWZ') ?? '' : purpose) ?? clean(purpose),
    structuredReference: clean(keyed.get('KREF')),
    endToEndId: eref && !/^NOTPROVIDED$/i.test(eref.trim()) ? clean(eref) : null,
  };
}

/** Splits SEPA purpose text on its keywords ("EREF+x SVWZ+y") into a map of keyword to value. */
function sepaKeywords(purpose: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = new RegExp(`(${SEPA_KEYS.join('|')})\\+`, 'g');
  const hits = [...purpose.matchAll(re)];
  hits.forEach((hit, i) => {
    const start = (hit.index ?? 0) + hit[0].length;
    const end = hits[i + 1]?.index ?? purpose.length;
    out.set(hit[1] ?? '', purpose.slice(start, end));
  });
  return out;
}

const SLASH_KEYS = [
  'TRTP', 'IBAN', 'BIC', 'NAME', 'REMI', 'EREF', 'CNTP', 'MARF', 'CSID', 'ORDP', 'BENM', 'OCMT', 'ADDR',
  'ISDT', 'RTRN', 'PREF', 'SVCL', 'ULTC', 'ULTD', 'ULTB', 'PURP', 'CHGS', 'RTRN', 'BUSP', 'ACCW', 'BENM', 'INFO',
];

/** "/TRTP/SEPA/IBAN/NL..../NAME/Acme/REMI/USTD//Invoice 42/": known codes with their values. */
function slashCodes(raw: string): Mt940Details {
  const text = raw.replace(/\n/g, '');
  const re = new RegExp(`/(${SLASH_KEYS.join('|')})/`, 'g');
  const hits = [...text.matchAll(re)];
  const values = new Map<string, string>();
  hits.forEach((hit, i) => {
    const start = (hit.index ?? 0) + hit[0].length;
    const end = hits[i + 1]?.index ?? text.length;
    if (!values.has(hit[1] ?? '')) values.set(hit[1] ?? '', text.slice(start, end).replace(/\/+$/, ''));
  });
  const cntp = values.get('CNTP')?.split('/');
  const party = values.get('BENM') ?? values.get('ORDP');
  const partyParts = party?.split('/');
  const remi = values.get('REMI') ?? '';
  const strd = /^STRD\/(?:CUR|ISO|[A-Z]*)\/(.*)$/.exec(remi);
  const ustd = /^USTD\/\/?(.*)$/.exec(remi);
  const eref = values.get('EREF');
  // Lines outside the /CODE/ structure are free text the payer wrote ("PAYMENT OF INVOICES ...").
  const free = raw.split('\n').filter((l) => !l.startsWith('/')).join(' ');
  return {
    counterpartyName: clean(values.get('NAME') ?? cntp?.[2] ?? partyParts?.find((p) => /[A-Za-z]/.test(p)) ?? null),
    counterpartyAccount: clean(values.get('IBAN') ?? cntp?.[0] ?? partyParts?.[0] ?? null),
    remittanceText: clean(strd ? null : ustd ? ustd[1] : remi || free || null),
    structuredReference: clean(strd?.[1] ?? null),
    endToEndId: eref && eref !== 'NOTPROVIDED' ? clean(eref) : null,
  };
}
