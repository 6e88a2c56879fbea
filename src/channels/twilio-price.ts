// What Twilio billed for one message or call: its Message or Call resource read back (GET .../Messages/{Sid}.json,
// .../Calls/{Sid}.json) for `price` (a negative decimal string, the charge; null until Twilio has billed it) and
// `price_unit` (the ISO 4217 currency of the price).
import { isCurrency } from '../domain/index.ts';
import { fromTransport } from './errors.ts';
import { basicAuth } from './http.ts';
import { http1Request, http1Target } from './http1.ts';
import type { TwilioConfig } from './twilio-common.ts';

export type TwilioPricedResource = 'Messages' | 'Calls';

/** The charge in micro-units (millionths of the major unit), or null while Twilio has not billed it yet. */
export type TwilioPriceFetch =
  | { ok: true; billed: { micros: number; currency: string } | null }
  | { ok: false; kind: 'temporary' | 'permanent'; code: string; message: string };

const DECIMAL = /^([+-]?)(\d{1,12})(?:\.(\d+))?$/;

/**
 * Twilio's price as the charge in micro-units: "-0.00750" is 7,500 (Twilio writes charges negative), rounded half up
 * past the sixth decimal; null for anything that is not a decimal number.
 */
export function chargeMicros(price: string): number | null {
  const m = DECIMAL.exec(price.trim());
  if (!m) return null;
  const frac = (m[3] ?? '').padEnd(7, '0');
  const micros = Number(m[2]) * 1_000_000 + Number(frac.slice(0, 6)) + (Number(frac[6]) >= 5 ? 1 : 0);
  // a charge is written negative; a positive price (a credit) is kept as a negative charge
  return m[1] === '-' ? micros : micros === 0 ? 0 : -micros;
}

/** Reads the price of the account's message or call `sid`. */
export async function fetchTwilioPrice(cfg: TwilioConfig, resource: TwilioPricedResource, sid: string): Promise<TwilioPriceFetch> {
  if (!/^[A-Za-z]{2}[0-9a-fA-F]{32}$/.test(sid)) return { ok: false, kind: 'permanent', code: 'BAD_SID', message: `not a Twilio sid: ${sid.slice(0, 40)}` };
  const base = (cfg.baseUrl ?? 'https://api.twilio.com').replace(/\/$/, '');
  const url = new URL(`${base}/2010-04-01/Accounts/${encodeURIComponent(cfg.accountSid)}/${resource}/${sid}.json`);
  const target = http1Target(url, 'GET', { authorization: basicAuth(cfg.accountSid, cfg.authToken), accept: 'application/json' }, cfg.egress);
  const outcome = await http1Request(target, '', cfg.timeoutMs ?? 10_000, cfg.egress);
  if (!outcome.ok) {
    const e = fromTransport(outcome);
    return { ok: false, kind: e.kind === 'permanent' ? 'permanent' : 'temporary', code: e.code, message: e.message };
  }
  const res = outcome.response;
  if (res.status === 404) return { ok: false, kind: 'permanent', code: 'NOT_FOUND', message: `Twilio has no ${resource === 'Calls' ? 'call' : 'message'} ${sid}` };
  if (res.status < 200 || res.status >= 300) return { ok: false, kind: 'temporary', code: `HTTP_${res.status}`, message: `Twilio answered ${res.status}` };
  let json: Record<string, unknown>;
  try { json = JSON.parse(res.body) as Record<string, unknown>; } catch { return { ok: false, kind: 'temporary', code: 'BAD_RESPONSE', message: 'Twilio answered without JSON' }; }
  const price = json['price'];
  if (price === null || price === undefined || price === '') return { ok: true, billed: null };
  const micros = chargeMicros(String(price));
  const unit = typeof json['price_unit'] === 'string' ? json['price_unit'].toUpperCase() : '';
  if (micros === null) return { ok: false, kind: 'permanent', code: 'BAD_PRICE', message: `Twilio's price is not a number: ${String(price).slice(0, 40)}` };
  if (!isCurrency(unit)) return { ok: false, kind: 'permanent', code: 'BAD_PRICE_UNIT', message: `Twilio's price_unit is not an ISO 4217 currency: ${unit.slice(0, 10)}` };
  return { ok: true, billed: { micros, currency: unit } };
}
