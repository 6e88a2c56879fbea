// Answering a call the debtor makes to the org's number ("A call comes in"), and the keys and words of that call, in the
// same HTTP response. The stored events are applied at once (the call kept as an inbound contact, key 1 queueing the link
// by SMS), then the TwiML: a greeting naming the org only, in the caller's language when their number is one customer's
// phone on file (else the org's), and that caller's menu; speech from a known caller is answered by the agent, which
// sends its answer by SMS to the number on file rather than saying anything about the debt, until the caller types the
// one-time code key 3 sent to that number (src/worker/inbound/call-verify.ts): then the balance and the answers are said.
import type { Db } from '../../db/index.ts';
import { getCallSettings, getOrg } from '../../orgs/index.ts';
import { answerDialOutcome, answerIncomingKey, HANGUP_XML, incomingGreeting, packFor, resolveLanguage, screenTwiml, twimlDocument, type IncomingCall } from '../../messaging/index.ts';
import { getCredentials, vaultKey } from '../../vault/index.ts';
import { httpsBase } from '../context.ts';
import { webhookUrl } from '../org-adapters.ts';
import { callerCustomer, incomingCaller, linkAskedOnCall } from './call-in.ts';
import { callVerified } from './call-code.ts';
import { dialReached } from './call-missed.ts';
import { answerCodeKeys } from './call-verify.ts';
import { processOne } from './process.ts';
import { answerSpeech } from './speech.ts';

export interface IncomingDeps { db: Db; publicUrl: string; secretKey?: string }

/** The org's number for people (the Twilio provider's `agent_number` setting), when it has one. */
export async function agentNumberOf(d: IncomingDeps, orgId: string): Promise<string | undefined> {
  const twilio = await getCredentials(d.db, await vaultKey(d.db, d.secretKey), orgId, 'twilio');
  const agent = twilio.ok ? twilio.value?.settings.agent_number : undefined;
  return typeof agent === 'string' && agent ? agent : undefined;
}

/** Applies a stored Twilio event now (it is also left for the worker if this fails). */
async function applyNow(db: Db, orgId: string, eventId: string, now: Date): Promise<void> {
  const [row] = await db.query<{ id: string }>('SELECT id FROM inbox_events WHERE provider = $1 AND event_id = $2', ['twilio', `${orgId}/${eventId}`]);
  if (row) await processOne(db, orgId, row.id, now);
}

/** Who is calling and how to speak to them: the customer's language and country when the number is theirs, else the org's. */
async function callOf(d: IncomingDeps, orgId: string, from: string, now: Date): Promise<IncomingCall & { customerId?: string }> {
  const org = (await getOrg(d.db, orgId))!;
  const customerId = await callerCustomer(d.db, orgId, from);
  const [c] = customerId ? await d.db.query<{ language: string | null; country: string | null; timezone: string | null }>(
    'SELECT language, country, timezone FROM customers WHERE org_id = $1 AND id = $2', [orgId, customerId]) : [];
  const timeZone = c?.timezone ?? org.default_timezone;
  const language = resolveLanguage(c?.language ?? undefined, org.default_language);
  const country = c?.country ?? org.country;
  const agentNumber = await agentNumberOf(d, orgId);
  const { ringSeconds, screenSeconds, machineDetection } = await getCallSettings(d.db, orgId);
  return { org: org.name, now, known: customerId !== undefined, pack: packFor(language), gatherUrl: webhookUrl(httpsBase(d.publicUrl), 'twilio', orgId, 'gather'),
    dialUrl: dialUrlOf(d, orgId), ringSeconds, ...(machineDetection ? { machineDetectionS: screenSeconds } : {}),
    ...(country && /^[A-Z]{2}$/.test(country) ? { locale: `${language.split('-')[0]}-${country}` } : {}),
    ...(agentNumber ? { agentNumber } : {}), ...(customerId ? { customerId } : {}), ...(timeZone ? { timeZone } : {}) };
}

/** The answer to the incoming-call webhook: the call is recorded, then greeted. */
export async function answerIncomingCall(d: IncomingDeps, orgId: string, callSid: string, from: string, now: Date): Promise<string> {
  await applyNow(d.db, orgId, `${callSid}:incoming`, now);
  return incomingGreeting(await callOf(d, orgId, from, now));
}

/** Where Twilio posts a put-through's outcome, and asks what the answered leg hears (cobro's /webhooks/twilio/{org}/dialed). */
const dialUrlOf = (d: IncomingDeps, orgId: string): string => webhookUrl(httpsBase(d.publicUrl), 'twilio', orgId, 'dialed');

/**
 * The answer to a put-through's outcome (the <Dial>'s action): the outcome is applied (not answered, or answered by a
 * voicemail: a missed call), then the call ends, or the caller hears that no one is available. A post about a call the
 * debtor did not make ends the call.
 */
export async function answerDialEnded(d: IncomingDeps, orgId: string, e: { eventId: string; callSid: string; leg?: string; status: string }, now: Date): Promise<string> {
  await applyNow(d.db, orgId, e.eventId, now);
  const from = await incomingCaller(d.db, orgId, e.callSid);
  const reached = await dialReached(d.db, orgId, e.callSid, e.leg, e.status);
  return answerDialOutcome(reached, from === undefined ? undefined : await callOf(d, orgId, from, now));
}

/**
 * What the person's answered phone hears before the caller is put through (the <Number>'s url): asked to press 1, in the
 * org's language; pressed, the call is connected. A leg of a call the debtor did not make hangs up.
 */
export async function answerDialScreen(d: IncomingDeps, orgId: string, e: { eventId: string; callSid: string; accepted: boolean }, now: Date): Promise<string> {
  await applyNow(d.db, orgId, e.eventId, now);
  if ((await incomingCaller(d.db, orgId, e.callSid)) === undefined) return twimlDocument(HANGUP_XML);
  const org = (await getOrg(d.db, orgId))!;
  const { screenSeconds } = await getCallSettings(d.db, orgId);
  return screenTwiml(org.name, packFor(resolveLanguage(undefined, org.default_language)), dialUrlOf(d, orgId), e.accepted, screenSeconds);
}

export type CallInput = { kind: 'keys'; eventId: string; digits: string } | { kind: 'speech'; eventId: string };

/**
 * The answer to a key or words on a call the debtor made, or undefined when the call is not one (a reminder cobro placed).
 * Words from a caller no customer has are not answered (the neutral menu again); nothing about a debt is said either way.
 */
export async function answerOnIncomingCall(d: IncomingDeps, orgId: string, callSid: string, input: CallInput, now: Date): Promise<string | undefined> {
  const from = await incomingCaller(d.db, orgId, callSid);
  if (from === undefined) return undefined;
  const call = await callOf(d, orgId, from, now);
  if (input.kind === 'speech' && call.known) {
    // the agent's answers are said only on a call whose caller typed the code sent to the number on file
    const unverified = !(await callVerified(d.db, orgId, callSid));
    return answerSpeech({ db: d.db, gatherUrl: call.gatherUrl, language: call.pack.language, unverified, menuTwiml: answerIncomingKey('', call, undefined),
      ...(call.locale ? { locale: call.locale } : {}), ...(call.agentNumber ? { agentNumber: call.agentNumber, dialUrl: call.dialUrl, ringSeconds: call.ringSeconds } : {}),
      ...(call.agentNumber && call.machineDetectionS ? { machineDetectionS: call.machineDetectionS } : {}) }, orgId, input.eventId, now);
  }
  if (input.kind === 'keys') await applyNow(d.db, orgId, input.eventId, now);
  const code = input.kind === 'keys' ? await answerCodeKeys(d.db, orgId, callSid, call, input, now) : undefined;
  if (code) return code;
  const digits = input.kind === 'keys' ? input.digits : '';
  return answerIncomingKey(digits, call, digits === '1' && call.known ? await linkAskedOnCall(d.db, orgId, callSid) : undefined);
}
