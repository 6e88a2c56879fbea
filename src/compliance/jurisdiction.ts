// Which packs apply to a debtor: from the country and region, the kind of debt, and the org's policy.
import { regionCode } from '../domain/holidays/index.ts';
import type { Reason } from './decision.ts';
import { AR_PACK } from './packs/ar.ts';
import { BR_PACK, brazilHasState } from './packs/br.ts';
import { CL_PACK } from './packs/cl.ts';
import { CO_PACK } from './packs/co.ts';
import { COMMON_PACK } from './packs/common.ts';
import { EU_PACK, GDPR_COUNTRIES } from './packs/eu.ts';
import { IE_PACK } from './packs/ie.ts';
import { MX_PACK } from './packs/mx.ts';
import { ORG_PACK } from './packs/org.ts';
import { PE_PACK } from './packs/pe.ts';
import { US_PACK } from './packs/us.ts';
import type { GatePolicy } from './policy.ts';
import type { Pack } from './rules/context.ts';
import type { Debt, Debtor } from './types.ts';

/** Consumer-protection packs, each of which sets contact hours. */
const CONSUMER_PACKS: Readonly<Record<string, Pack>> = {
  US: US_PACK, IE: IE_PACK, CO: CO_PACK, MX: MX_PACK, BR: BR_PACK, CL: CL_PACK, PE: PE_PACK, AR: AR_PACK,
};

export type Jurisdiction =
  | { ok: true; country: string; region: string | undefined; packs: readonly Pack[]; ids: readonly string[] }
  | { ok: false; reason: Reason };

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** An assigned ISO 3166-1 alpha-2 code (ICU names it; unassigned codes come back unchanged). */
const countryCodes = new Map<string, boolean>();

export function isCountryCode(code: string): boolean {
  const known = countryCodes.get(code);
  if (known !== undefined) return known;
  let ok = false;
  if (/^[A-Z]{2}$/.test(code) && code !== 'ZZ') {
    try { ok = regionNames.of(code) !== code; } catch { ok = false; }
  }
  if (countryCodes.size < 1000) countryCodes.set(code, ok);
  return ok;
}

function unknown(message: string): Jurisdiction {
  return { ok: false, reason: { code: 'JURISDICTION_UNKNOWN', rule: 'PREMISE', message } };
}

function resolve(debtor: Debtor, consumerRules: boolean, policy: GatePolicy): Jurisdiction {
  const country = debtor.country.trim().toUpperCase();
  // the ISO 3166-2 subdivision part, so 'BR-SP' and 'SP' pick the same state's hours and holidays
  const region = regionCode(country, debtor.region);
  if (!isCountryCode(country)) return unknown(`"${debtor.country}" is not a known country code; no contact until it is corrected.`);
  const packs: Pack[] = [COMMON_PACK];
  if (GDPR_COUNTRIES.has(country)) packs.push(EU_PACK);
  const consumerPack = CONSUMER_PACKS[country];
  if (consumerPack && consumerRules) {
    if (country === 'BR' && !region) return unknown('A Brazilian debtor needs a state: contact hours are set per state.');
    if (country === 'BR' && !brazilHasState(region) && policy.brazil.unlistedStates === 'block') {
      return unknown(`No contact hours are configured for the Brazilian state ${region}.`);
    }
    packs.push(consumerPack);
  }
  if (!(consumerPack && consumerRules) || policy.org.layerOnPacks) packs.push(ORG_PACK);
  return { ok: true, country, region, packs, ids: packs.map((p) => p.id) };
}

/** What was resolved, per policy and whether consumer rules apply, then country and region: it depends on nothing else. */
const resolved = new WeakMap<GatePolicy, [Map<string, Map<string, Jurisdiction>>, Map<string, Map<string, Jurisdiction>>]>();

export function resolveJurisdiction(debtor: Debtor, debt: Debt, policy: GatePolicy): Jurisdiction {
  const consumerRules = debt.consumer || policy.consumerPacksForBusinessDebts;
  let byRules = resolved.get(policy);
  if (!byRules) resolved.set(policy, byRules = [new Map(), new Map()]);
  const byCountry = byRules[consumerRules ? 1 : 0];
  let byRegion = byCountry.get(debtor.country);
  if (!byRegion) {
    if (byCountry.size > 1_000) byCountry.clear();
    byCountry.set(debtor.country, byRegion = new Map());
  }
  const region = debtor.region ?? '';
  let j = byRegion.get(region);
  if (!j) {
    j = resolve(debtor, consumerRules, policy);
    if (byRegion.size > 1_000) byRegion.clear();
    byRegion.set(region, j);
  }
  return j;
}
