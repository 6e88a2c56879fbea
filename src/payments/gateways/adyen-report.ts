// Adyen reports announced by REPORT_AVAILABLE: the item's pspReference is the file name and its reason the URL to GET it
// from, with an API key of an API credential holding the report download role (X-API-Key), or the report user's
// credentials (HTTP basic auth, as the Customer Area's report user is set up): Adyen takes either. The URL comes
// from a webhook, so only Adyen's own Customer Area hosts are reached (ca-test.adyen.com, ca-live[-region].adyen.com),
// or the host of the org's api_base (a test server), and always under the operator's egress policy when one applies.
import { request, type EgressPolicy } from '../../channels/index.ts';
import type { GatewayResult } from './types.ts';

/** settlement_detail_report_batch_142.csv: the only report cobro reads. */
export const SETTLEMENT_DETAIL_FILE = /^settlement_detail_report_batch_\d+\.csv$/;

const ADYEN_REPORT_HOST = /^ca-(test|live(-[a-z]+)?)\.adyen\.com$/;

export interface AdyenReportUser { username: string; password: string }
/** How reports are downloaded: an API key (X-API-Key) when set, else the report user (basic auth). */
export interface AdyenReportAuth { user?: AdyenReportUser; apiKey?: string }

/** Why a report URL is not fetched (null when it may be): https on an Adyen Customer Area host, or the api_base's host. */
export function reportUrlRefused(url: string, apiBase?: string): string | null {
  let u: URL;
  try { u = new URL(url); } catch { return 'the report URL is not a URL'; }
  if (u.username || u.password) return 'the report URL carries credentials';
  if (u.protocol === 'https:' && ADYEN_REPORT_HOST.test(u.hostname) && u.pathname.startsWith('/reports/download/')) return null;
  if (apiBase && u.host === new URL(apiBase).host) return null;
  return `the report URL is not on an Adyen host: ${u.host}`;
}

/**
 * GETs the report: its text; a 5xx, 429 or no answer is uncertain (tried again later), any other refusal is rejected with
 * its status (a 404 right after the notification may be a report not ready yet: the caller decides).
 */
export async function downloadAdyenReport(url: string, auth: AdyenReportAuth, o: { apiBase?: string; egress?: EgressPolicy }): Promise<GatewayResult<string>> {
  const refused = reportUrlRefused(url, o.apiBase);
  if (refused) return { ok: false, error: { kind: 'rejected', message: refused } };
  const { user, apiKey } = auth;
  if (!user && !apiKey) {
    return { ok: false, error: { kind: 'rejected', message: 'no Adyen report credentials are set (secrets.report_api_key, or settings.report_username and secrets.report_password)' } };
  }
  const credentials: Record<string, string> = apiKey ? { 'x-api-key': apiKey } : { authorization: `Basic ${Buffer.from(`${user!.username}:${user!.password}`, 'utf8').toString('base64')}` };
  const r = await request({ url, method: 'GET', headers: { ...credentials, accept: 'text/csv' }, timeoutMs: 60_000,
    ...(o.egress ? { egress: o.egress } : {}) });
  if (!r.ok) return { ok: false, error: { kind: r.reason === 'refused' ? 'rejected' : 'uncertain', message: `the report was not downloaded from ${new URL(url).host}: ${r.message}` } };
  const status = r.response.status;
  if (status === 200) return { ok: true, value: r.response.body };
  const temporary = status >= 500 || status === 429 || status === 408;
  return { ok: false, error: { kind: temporary ? 'uncertain' : 'rejected', status, message: `Adyen answered ${status} to the report download` } };
}
