// What the settings pages read from the API: the org, provider credentials, the contact policy, calendars, webhooks.
import type { CountryChoices } from '../../../src/compliance/store/org-policy.ts';

/** The country readings of the contact law, as the API speaks them (the server's own type). */
export type { CountryChoices };
export interface Org { id: string; name: string; country: string | null; default_currency: string; default_language: string; default_timezone: string }

export interface ProviderWebhookUrl { url: string; purpose: string; for: string; set_by: 'you' | 'cobro'; methods: string[] }
export interface ProviderSummary {
  provider: string; settings: Record<string, unknown>; hints: Record<string, string>; updated_at: string; updated_by: string; webhook_urls: ProviderWebhookUrl[] | null;
}
/** GET /v1/providers: the connected providers, and every provider's webhook URLs (null when the server has no public URL). */
export interface ProviderList { data: ProviderSummary[]; webhook_urls: Record<string, ProviderWebhookUrl[]> | null; webhook_urls_note?: string }

export type DayHours = [string, string] | null;
export interface Cap { per_day?: number; per_week?: number }
export interface PolicySettings { hours: DayHours[]; caps: Partial<Record<string, Cap>>; layer_on_packs: boolean; countries: CountryChoices }
export interface PolicyView { policy: PolicySettings; defaults: PolicySettings; quiet_holidays: boolean; updated_at: string | null; updated_by: string | null }

export interface Holiday { date: string; name: string; regional?: boolean }
export interface OrgHoliday extends Holiday { id: string; created_by: string; created_at: string }
export interface Calendars {
  countries: string[]; country: string | null; regions: string[]; region: string | null; region_kept: boolean; year: number; holidays: Holiday[];
  org_holidays: OrgHoliday[];
}

export interface WebhookEndpoint {
  id: string; url: string; description: string | null; event_types: string[]; enabled: boolean; secret_hint: string; created_by: string;
  created_at: string; updated_at: string;
}
export interface WebhookEvent { id: string; type: string; subject: string | null; customer_id: string | null; created_at: string }
export interface Attempt { attempt: number; url: string; at: string; status: 'succeeded' | 'failed'; response_code: number | null; duration_ms: number; error: string | null }
export interface Delivery {
  id: string; event_id: string; endpoint_id: string; replay: boolean; status: string; attempts: number; next_attempt_at: string;
  last_response_code: number | null; last_error: string | null; attempt_log: Attempt[];
}

/** The event types a webhook endpoint may subscribe to, as the API lists them. */
export const EVENT_TYPES = ['invoice.paid', 'payment.received', 'promise.created', 'promise.kept', 'promise.broken', 'plan.created', 'plan.broken',
  'dispute.opened', 'dispute.resolved', 'case.escalated', 'case.closed', 'message.delivered', 'message.failed', 'customer.opted_out'];
