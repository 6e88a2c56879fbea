// Talks to /portal/api with the link's token (from the address) in a header; the second factor's session is an HttpOnly cookie.
import { saveBlob } from '../app/csv.ts';

export class PortalError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}

/** The token is the last part of /p/{token}. */
export const TOKEN = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');

async function request(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { 'x-portal-token': TOKEN, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  if (!r.ok) {
    const json = (await r.json().catch(() => null)) as { error?: { code: string; message: string; field?: string } } | null;
    throw new PortalError(r.status, json?.error?.code ?? 'HTTP_ERROR', json?.error?.message ?? r.statusText, json?.error?.field);
  }
  return r;
}

export async function call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  return (await (await request(method, path, body)).json()) as T;
}

/** The name a Content-Disposition gives: its UTF-8 filename* (RFC 6266) when there is one, else its plain filename. */
export function dispositionName(header: string): string | undefined {
  const extended = /filename\*=UTF-8''([^;\s]+)/i.exec(header)?.[1];
  if (extended) {
    try { return decodeURIComponent(extended); } catch { /* a broken encoding: the plain name below */ }
  }
  return /filename="([^"]+)"/.exec(header)?.[1];
}

/** The org's logo as a data URL (the page's CSP takes data: images, not blob:), or null when the org has none. */
export async function logoUrl(): Promise<string | null> {
  const r = await request('GET', '/portal/api/logo').catch(() => null);
  if (!r) return null;
  const blob = await r.blob();
  return new Promise((resolve) => {
    const f = new FileReader();
    f.onload = () => resolve(String(f.result));
    f.onerror = () => resolve(null);
    f.readAsDataURL(blob);
  });
}

/** Saves a file the API sends (a statement, a dispute's file), through a blob: a plain link could not carry the token header. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const r = await request('GET', path);
  saveBlob(await r.blob(), dispositionName(r.headers.get('content-disposition') ?? '') ?? fallbackName);
}
