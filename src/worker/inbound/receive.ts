// Receiving a messaging webhook: the org known, the signature checked on the raw body (403 and nothing stored when it
// fails), each event stored once, and a quick answer; the worker applies the events. A call's keypress is answered in TwiML.
import type { Db } from '../../db/index.ts';
import { getOrg } from '../../orgs/index.ts';
import type { RawRequest } from '../../channels/index.ts';
import { answerKeypress, packFor, resolveLanguage } from '../../messaging/index.ts';
import { getCredentials, vaultKey } from '../../vault/index.ts';
import { httpsBase } from '../context.ts';
import { webhookUrl } from '../org-adapters.ts';
import { readWebhook, type InboundKind, type InboundProvider } from './read.ts';
import { storeInbound } from './store.ts';

export interface ReceiveDeps { db: Db; now: () => Date; publicUrl: string; secretKey?: string }

export interface IncomingRequest {
  method: string;
  /** Path and query exactly as requested ("/webhooks/twilio/org_1/messages?x=1"). */
  path: string;
  headers: Readonly<Record<string, string | undefined>>;
  body: Buffer;
}

export type ReceiveAnswer =
  | { status: 200; body: { received: true; stored: number; duplicates: number }; twiml?: string }
  | { status: 403 | 404; body: { error: { code: string; message: string } } };

/** The URLs the provider may have called: the public URL as configured, and its https form. */
function calledUrls(publicUrl: string, path: string): string[] {
  return [...new Set([`${publicUrl.replace(/\/$/, '')}${path}`, `${httpsBase(publicUrl)}${path}`])];
}

export async function receiveMessagingWebhook(d: ReceiveDeps, provider: InboundProvider, kind: InboundKind, orgId: string, req: IncomingRequest): Promise<ReceiveAnswer> {
  const now = d.now();
  if (!(await getOrg(d.db, orgId))) return { status: 404, body: { error: { code: 'NOT_FOUND', message: 'unknown org' } } };
  const raw: RawRequest = { method: req.method, url: calledUrls(d.publicUrl, req.path)[0]!, headers: req.headers, body: req.body };
  const read = await readWebhook(d, provider, kind, orgId, raw, calledUrls(d.publicUrl, req.path), now);
  if (!read.ok) return { status: 403, body: { error: { code: read.code, message: read.message } } };
  const stored = await storeInbound(d.db, orgId, provider, raw, read.events, read.token, now);
  if (!stored.ok) return { status: 403, body: { error: { code: stored.code, message: stored.message } } };
  const body = { received: true as const, stored: stored.stored, duplicates: stored.duplicates };
  if (kind !== 'gather') return { status: 200, body };
  const press = read.events.find((e) => e.type === 'keypress');
  return { status: 200, body, twiml: await gatherTwiml(d, orgId, press?.type === 'keypress' ? press : undefined) };
}

/** The call's next words after a keypress, in the language the call was made in: 1 the link by SMS, 2 a person, else the menu. */
async function gatherTwiml(d: ReceiveDeps, orgId: string, press: { providerMessageId: string; digits: string } | undefined): Promise<string> {
  const [call] = press ? await d.db.query<{ language: string | null }>(
    `SELECT content->>'language' AS language FROM messages WHERE provider = 'twilio' AND provider_message_id = $2 AND org_id = $1`,
    [orgId, press.providerMessageId]) : [];
  const twilio = await getCredentials(d.db, await vaultKey(d.db, d.secretKey), orgId, 'twilio');
  const agent = twilio.ok ? twilio.value?.settings.agent_number : undefined;
  return answerKeypress(press?.digits ?? '', packFor(resolveLanguage(call?.language ?? undefined, undefined)), {
    gatherUrl: webhookUrl(httpsBase(d.publicUrl), 'twilio', orgId, 'gather'), ...(agent ? { agentNumber: agent } : {}),
  }).twiml;
}
