// Test support: the transactions in python mt940's pickled-YAML expectations, read with regular expressions.

export interface WolphTransaction {
  amount: string;
  currency: string | null;
  date: string | null;
  entryDate: string | null;
  status: string | null;
  bankReference: string | null;
  fields: Map<string, string | null>;
}

/** Dates are pickled as !!binary: two bytes of year, then month and day. */
function pickledDate(block: string, key: string): string | null {
  const m = new RegExp(`^    ${key}: !!python/object/apply:mt940.models.Date\\n    - !!binary \\|\\n      (\\S+)`, 'm').exec(block);
  if (!m) return null;
  const b = Buffer.from(m[1] ?? '', 'base64');
  const y = ((b[0] ?? 0) << 8) + (b[1] ?? 0);
  return `${y}-${String(b[2]).padStart(2, '0')}-${String(b[3]).padStart(2, '0')}`;
}

function scalar(raw: string): string | null {
  const v = raw.trim();
  if (v === 'null' || v === '~') return null;
  if (v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1).replace(/''/g, "'");
  return v;
}

export function wolphTransactions(yaml: string): WolphTransaction[] {
  return yaml.split(/^- !!python\/object:mt940\.models\.Transaction$/m).slice(1).map((block) => {
    const fields = new Map<string, string | null>();
    for (const m of block.matchAll(/^    (\w+): (.*)$/gm)) fields.set(m[1] ?? '', scalar(m[2] ?? ''));
    return {
      amount: /decimal\.Decimal \['([^']+)'\]/.exec(block)?.[1] ?? 'NaN',
      currency: fields.get('currency') ?? null,
      date: pickledDate(block, 'date'),
      entryDate: pickledDate(block, 'entry_date'),
      status: fields.get('status') ?? null,
      bankReference: fields.get('bank_reference') ?? null,
      fields,
    };
  });
}
