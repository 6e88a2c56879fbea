// Saving a settings form of numbers: only the numbers changed are sent, as typed (one left empty goes as null, which the
// API refuses naming the field), and the API's answer kept: saved, or the error and the form's field it names.
import { useState } from 'react';
import { api, ApiError } from '../app/api.ts';

/** The numbers that differ from the current values, as the API takes them. */
export function changedNumbers<F extends string>(names: readonly F[], form: Record<F, string>, current: Record<F, number>): Record<string, number | null> {
  return Object.fromEntries(names.filter((k) => form[k] !== String(current[k])).map((k) => [k, form[k].trim() === '' ? null : Number(form[k])]));
}

export function useSettingsSave<F extends string>(path: string, names: readonly F[], reload: () => void) {
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const bad = error instanceof ApiError && error.field && (names as readonly string[]).includes(error.field) ? error.field as F : undefined;
  const put = async (body: Record<string, unknown>) => {
    setError(null);
    setSaved(false);
    try {
      await api('PUT', path, body);
      setSaved(true);
      reload();
    } catch (err) { setError(err as Error); }
  };
  return { saved, setSaved, error, setError, bad, put };
}
