// What fulfilled a request, in a line: the export's hash and rows, the erasure's rows, or the fields corrected (never the data).
import type { Translate } from '../i18n/index.tsx';
import type { DataRequest } from './types.ts';

interface Outcome {
  export?: { sha256?: string; sections?: Record<string, number> };
  counts?: Record<string, number>;
  rectified?: string[];
  already_erased?: boolean;
}

/** A field's label, or its API name when the workspace has none for it (a rectification through the API may touch tags). */
export function fieldLabel(f: string, t: Translate): string {
  const key = `priv.field.${f}`;
  const label = t(key);
  return label === key ? f : label;
}

const sum = (o: Record<string, number> | undefined) => Object.values(o ?? {}).reduce((a, b) => a + b, 0);

export function outcomeText(r: DataRequest, t: Translate): string {
  const o = (r.outcome ?? {}) as Outcome;
  if (r.status === 'refused') return r.refusal_reason ? t('priv.out.refused', { reason: r.refusal_reason }) : t('priv.status.refused');
  if (r.status === 'restricted') return t('priv.out.restricted');
  if (o.export) return t('priv.out.export', { sha: (o.export.sha256 ?? '').slice(0, 12), rows: sum(o.export.sections) });
  if (o.rectified) return t('priv.out.rectified', { fields: o.rectified.map((f) => fieldLabel(f, t)).join(', ') });
  if (o.already_erased) return t('priv.out.alreadyErased');
  if (o.counts) return t('priv.out.erased', { rows: sum(o.counts) });
  return '';
}
