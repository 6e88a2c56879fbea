// The worklist's priorities as a form: each lift, minutes and minute cost as typed, keyed by the field the API names when it
// refuses one ("lift.call", "minutes.negotiate", "minute_cost.MXN"), and back to the change PUT /v1/worklist/settings takes.
import { amountText, parseAmount } from '../../cases/amount.ts';

export interface Priorities { lift: Record<string, number>; minutes: Record<string, number>; minute_cost: Record<string, number> }
export type Group = keyof Priorities;
export const GROUPS: readonly Group[] = ['lift', 'minutes', 'minute_cost'];

export interface LearnedLift {
  action: string; status: 'estimated' | 'not_enough_data' | 'no_baseline'; matched: number;
  lift: number | null; low: number | null; high: number | null;
}
export interface Learned { lifts: LearnedLift[] }

/** Every field's key, lifts and minutes by action then minute costs by currency. */
export const fieldsOf = (s: Priorities): string[] => GROUPS.flatMap((g) => Object.keys(s[g]).map((k) => `${g}.${k}`));

const split = (field: string) => field.split('.') as [Group, string];

export function formOf(s: Priorities, locale: string): Record<string, string> {
  return Object.fromEntries(fieldsOf(s).map((f) => {
    const [g, k] = split(f);
    return [f, g === 'minute_cost' ? amountText(s[g][k]!, k, locale) : String(s[g][k])];
  }));
}

/** A typed value as the API takes it: a number, or null when it is not one (the API refuses it naming the field). */
function valueOf(group: Group, key: string, text: string): number | null {
  const s = text.trim();
  if (s === '') return null;
  if (group !== 'minute_cost') return /^-?\d*[.,]?\d+$/.test(s) ? Number(s.replace(',', '.')) : null;
  return /^[0.,\s]+$/.test(s) ? 0 : parseAmount(s, key);
}

/** Only what differs from the settings now, grouped as the API takes it. */
export function patchOf(form: Record<string, string>, s: Priorities): Partial<Record<Group, Record<string, number | null>>> {
  const patch: Partial<Record<Group, Record<string, number | null>>> = {};
  for (const f of fieldsOf(s)) {
    const [g, k] = split(f);
    const v = valueOf(g, k, form[f] ?? '');
    if (v !== s[g][k]) patch[g] = { ...patch[g], [k]: v };
  }
  return patch;
}
