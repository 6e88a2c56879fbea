// What registering an org's webhooks at a provider gives back: per thing set there (an endpoint, a number, an event type)
// whether cobro made it, changed it, found it already right, or was refused (with the provider's own words).
import type { EgressPolicy } from '../channels/index.ts';
import { callGateway, field, type GatewayCall, type HttpAnswer } from '../payments/gateways/http.ts';

export type Outcome = 'registered' | 'updated' | 'unchanged' | 'failed';

export interface Step {
  /** What was set: "endpoint https://…", "number +15005550006", "event delivered". */
  what: string;
  outcome: Outcome;
  /** The provider's id of it (we_…, the PayPal webhook id, PN…), when there is one. */
  id?: string;
  /** Why it failed (the provider's status and message), or a note on what cobro did not change. */
  detail?: string;
}

/** What a registrar asks cobro to keep: a secret the provider gave (sealed), a setting (the PayPal webhook id), settings. */
export interface Registered {
  steps: Step[];
  secret?: { field: string; value: string };
  setting?: { field: string; value: string };
  /**
   * Settings replaced together (SendGrid's verification key and the one it replaces), kept only if `when` still holds;
   * several such groups when a provider gives several (SendGrid's Event Webhook key and its Inbound Parse key).
   */
  settings?: SettingsKept | SettingsKept[];
}

export interface SettingsKept { values: Record<string, string>; when: { field: string; is: string | undefined } }

export interface Registration { provider: string; outcome: Outcome; steps: Step[] }

/** What every registrar gets: the HTTP call under the operator's egress policy and the clock. */
export interface SetupCall {
  call(c: Omit<GatewayCall, 'egress'>): Promise<HttpAnswer>;
  now: Date;
}

export function setupCall(egress: EgressPolicy | undefined, now: Date): SetupCall {
  return { call: (c) => callGateway({ ...c, egress }), now };
}

/** The overall outcome: failed when any step failed, else the strongest change made. */
export function outcomeOf(steps: readonly Step[]): Outcome {
  for (const o of ['failed', 'registered', 'updated'] as const) if (steps.some((s) => s.outcome === o)) return o;
  return 'unchanged';
}

/** "Stripe 401: Invalid API Key provided" from an answer, reading each provider's error body where its message is. */
export function providerError(name: string, r: HttpAnswer): string {
  if (!r.ok) return `${name}: ${r.error.message}`;
  const b = r.body;
  const nested = field(b, 'error', 'object');
  const errors = field(b, 'errors', 'object');
  const first = Array.isArray(errors) ? field(errors[0], 'message', 'string') : undefined;
  const message = field(nested, 'message', 'string') ?? first ?? field(b, 'message', 'string') ?? field(b, 'detail', 'string')
    ?? field(b, 'Reason', 'string') ?? field(b, 'error_description', 'string') ?? field(b, 'title', 'string') ?? field(b, 'raw', 'string') ?? 'no message';
  return `${name} ${r.status}: ${message}`;
}

export const failed = (what: string, detail: string): Step => ({ what, outcome: 'failed', detail });
