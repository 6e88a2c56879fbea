// Which segment or step, and which of its fields, an error of PUT /v1/segments or POST /v1/strategies names, to show the message beside that field.
import { ApiError } from '../app/api.ts';

/** A validation error for one field (`name`, `id`, `strategyId`, or `when.<criterion>`), without the path in front. */
export interface FieldError { key: string; message: string }

/**
 * The API names a bad field `data.2.when.balanceAbove.currency` (the body's schema) or `2.id` (the store's checks);
 * a simulation with unsaved segments names it `segments.2.…` either way.
 */
export function segmentFieldError(e: unknown): { index: number; error: FieldError } | null {
  if (!(e instanceof ApiError) || !e.field) return null;
  const m = /^(?:data\.|segments\.)?(\d+)\.?(.*)$/.exec(e.field);
  if (!m) return null;
  const parts = (m[2] ?? '').split('.');
  const key = parts[0] === 'when' ? `when.${parts[1] ?? ''}`.replace(/\.$/, '') : parts[0] ?? '';
  return { index: Number(m[1]), error: { key, message: e.message.replace(/^[\w.]+: /, '') } };
}

/**
 * The step and its field an error of POST /v1/strategies names (`steps.3.trigger.hours`, `steps.0.actions.1.rule.amount`;
 * a simulation of the unsaved draft, `strategy.steps.3.…`):
 * the key is the path inside the step (`trigger.hours`), the message without a leading path.
 */
export function stepFieldError(e: unknown): { index: number; error: FieldError } | null {
  if (!(e instanceof ApiError) || !e.field) return null;
  const m = /^(?:strategy\.)?steps\.(\d+)(?:\.(.*))?$/.exec(e.field);
  if (!m) return null;
  return { index: Number(m[1]), error: { key: m[2] ?? '', message: e.message.replace(/^[\w.]+: /, '') } };
}
