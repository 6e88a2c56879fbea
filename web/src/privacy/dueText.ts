// How long is left to answer a request, in words: days left, due today, or days overdue (the API's `overdue` decides lateness).
import { daysPastDue, today } from '../app/format.ts';
import type { Translate } from '../i18n/index.tsx';
import { isPending, type DataRequest } from './types.ts';

export function dueText(r: DataRequest, t: Translate, asOf = today()): string {
  if (!isPending(r)) return '';
  const late = daysPastDue(r.answer_by, asOf);
  if (r.overdue || late > 0) return late === 1 ? t('priv.overdueOne') : t('priv.overdueBy', { n: Math.max(late, 1) });
  if (late === 0) return t('priv.dueToday');
  return late === -1 ? t('priv.dayLeft') : t('priv.daysLeft', { n: -late });
}
