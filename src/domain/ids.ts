// Prefixed, time-ordered ids (cus_, inv_, pay_ ...) as integrators know them from Stripe.
import { randomFillSync } from 'node:crypto';

export const ID_PREFIXES = {
  org: 'org', customer: 'cus', invoice: 'inv', payment: 'pay', allocation: 'alc',
  adjustment: 'adj', apiKey: 'key', import: 'imp', user: 'usr', case: 'case', action: 'act',
  strategy: 'str', segment: 'seg', task: 'tsk', event: 'evt', promise: 'prm', plan: 'pln',
  dispute: 'dsp', message: 'msg', statement: 'stm', statementLine: 'stl', match: 'mat', audit: 'aud', consent: 'cns', suppression: 'sup',
  decision: 'gdc', contact: 'cev',
  paymentLink: 'plk', inboxEvent: 'ibx', gatewayCheck: 'gwc',
  extension: 'ext', discountOffer: 'dso',
  dataRequest: 'dsr',
  webhookEndpoint: 'whe', webhookAttempt: 'wha',
  portalLink: 'ptl', portalSession: 'pts',
  inboundMessage: 'inm', inboundAttachment: 'att',
  scoreModel: 'scm', scoreRun: 'scr',
  agentTurn: 'agt', handover: 'hov', correction: 'acr', paymentClaim: 'clm', chatAnswer: 'cha', paymentInFlight: 'pif', debitInFlight: 'pdd',
  forecast: 'fct', experiment: 'exp',
  orgHoliday: 'hol',
  orgTemplateVersion: 'otv',
  transferAccount: 'bta',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

// random bytes drawn 64 KiB at a time: one system call per row made imports of a million rows pay seconds
const pool = Buffer.alloc(65_536);
let poolAt = pool.length;

function randomByte(): number {
  if (poolAt >= pool.length) { randomFillSync(pool); poolAt = 0; }
  return pool[poolAt++]!;
}

/**
 * n random bytes (a copy) from the same pool: nonces and IVs made for every message (portal links, unsubscribe links)
 * cost one system call per 64 KiB rather than one each.
 */
export function pooledRandomBytes(n: number): Buffer {
  if (n > pool.length) throw new Error(`pooledRandomBytes: ${n} bytes is more than the pool holds`);
  if (poolAt + n > pool.length) { randomFillSync(pool); poolAt = 0; }
  const out = Buffer.from(pool.subarray(poolAt, poolAt + n));
  poolAt += n;
  return out;
}

let lastMs = 0;
let seq = 0;

/** A new id: prefix, 10 chars of millisecond time, 2 of sequence and 10 random, so ids sort by creation. */
export function newId(kind: IdKind, now = Date.now()): string {
  if (now === lastMs) seq = (seq + 1) % 1024;
  else { lastMs = now; seq = 0; }
  let t = '';
  let n = now;
  for (let i = 0; i < 10; i++) { t = ALPHABET[n % 32] + t; n = Math.floor(n / 32); }
  const s = (ALPHABET[(seq >> 5) & 31] ?? '0') + (ALPHABET[seq & 31] ?? '0');
  let r = '';
  for (let i = 0; i < 10; i++) r += ALPHABET[randomByte() & 31];
  return `${ID_PREFIXES[kind]}_${t}${s}${r}`;
}

export function hasPrefix(id: string, kind: IdKind): boolean {
  return id.startsWith(`${ID_PREFIXES[kind]}_`);
}
