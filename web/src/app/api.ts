// Calls the same HTTP API integrators use, with the session cookie and the CSRF header on every write.
import type { Page } from './types.ts';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string, readonly body?: unknown) {
    super(message);
  }
}

let csrf: string | null = null;
let onSignedOut: () => void = () => {};

export function setCsrf(token: string | null): void { csrf = token; }
export function whenSignedOut(fn: () => void): void { onSignedOut = fn; }

type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, q: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrf) headers['x-cobro-csrf'] = csrf;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) { headers['content-type'] = 'application/json'; payload = JSON.stringify(body); }
  const r = await fetch(path, { method, headers, credentials: 'same-origin', ...(payload !== undefined ? { body: payload } : {}) });
  if (r.status === 204) return null as T;
  const json: unknown = await r.json().catch(() => null);
  if (!r.ok) {
    const e = (json as { error?: { code: string; message: string; field?: string } } | null)?.error;
    if (r.status === 401 && path !== '/v1/sessions') onSignedOut();
    throw new ApiError(r.status, e?.code ?? 'HTTP_ERROR', e?.message ?? `${r.status} ${r.statusText}`, e?.field, json);
  }
  return json as T;
}

export const get = <T>(path: string, q?: Query) => api<T>('GET', withQuery(path, q));

/** Every page of a list, following next_cursor (for exports), up to a ceiling. */
export async function getAll<T>(path: string, q: Query = {}, max = 50_000): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await get<Page<T>>(path, { ...q, limit: 500, cursor });
    out.push(...page.data);
    cursor = page.has_more ? page.next_cursor : null;
  } while (cursor && out.length < max);
  return out;
}
