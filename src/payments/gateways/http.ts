// One HTTP call to a gateway with a timeout: an answer (any status) or `uncertain` when none came back.
import { request, type EgressPolicy } from '../../channels/index.ts';
import type { GatewayError } from './types.ts';

export type HttpAnswer = { ok: true; status: number; body: unknown } | { ok: false; error: GatewayError };

export interface GatewayCall {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  /** The addresses an org-chosen API base may reach (checked on the address connected to); none: unchecked. */
  egress?: EgressPolicy | undefined;
}

export async function callGateway(call: GatewayCall): Promise<HttpAnswer> {
  const r = await request({ url: call.url, method: call.method, headers: call.headers, timeoutMs: call.timeoutMs ?? 10_000,
    ...(call.body !== undefined ? { body: call.body } : {}), ...(call.egress ? { egress: call.egress } : {}) });
  // refused before a byte left: a definite no, which the URL (not a retry) must change
  if (!r.ok) return { ok: false, error: { kind: r.reason === 'refused' ? 'rejected' : 'uncertain', message: r.reason === 'refused' ? r.message : `no answer from ${new URL(call.url).host}: ${r.message}` } };
  const text = r.response.body;
  let body: unknown = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = { raw: text.slice(0, 500) }; }
  return { ok: true, status: r.response.status, body };
}

/** Joins an API base (the provider's, or a loopback fake's from the org's settings) and a path. */
export function apiUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

/** The object's field when it is one of the given type, else undefined: provider bodies are read defensively. */
export function field<T extends 'string' | 'number' | 'object' | 'boolean'>(o: unknown, key: string, type: T):
  (T extends 'string' ? string : T extends 'number' ? number : T extends 'boolean' ? boolean : Record<string, unknown>) | undefined {
  if (!o || typeof o !== 'object') return undefined;
  const v = (o as Record<string, unknown>)[key];
  if (type === 'object') return (v && typeof v === 'object' ? v : undefined) as never;
  return (typeof v === type ? v : undefined) as never;
}
