// One form's round trip: busy while the API answers, the error it gives (naming the field), a line saying it is done.
import { useState } from 'react';
import { ApiError } from '../app/api.ts';
import { ErrorBox } from '../app/ui.tsx';

export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = async (fn: () => Promise<unknown>, success: string, after?: () => void) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await fn();
      setDone(success);
      after?.();
    } catch (e) {
      // the field the API names goes in front of its sentence, so the person knows which box to fix
      if (e instanceof ApiError && e.field && !e.message.startsWith(e.field)) setError(new ApiError(e.status, e.code, `${e.field}: ${e.message}`, e.field));
      else setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, done, run };
}

export function Outcome({ error, done }: { error: Error | null; done: string | null }) {
  return (
    <>
      <ErrorBox error={error} />
      {done ? <p className="success" role="status">{done}</p> : null}
    </>
  );
}
