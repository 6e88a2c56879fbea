// Answering what a debtor said on a call in the same HTTP response: the stored speech event is applied at once (the
// reply joins the conversation, STOP-like words are applied, the agent's turn is queued), the customer's turns are run,
// and the turn's spoken answer becomes TwiML: its words, then listening again, hanging up, or dialling the org's agent
// number. A retried post (same event) gets the same answer again; without a spoken answer the call's menu is repeated.
import type { Db } from '../../db/index.ts';
import { runAgentTurns, type Spoken } from '../../agent/index.ts';
import { answerKeypress, callVoice, dialXml, gatherXml, HANGUP_XML, packFor, putThrough, sayXml, twimlDocument, type Language } from '../../messaging/index.ts';
import { processOne } from './process.ts';

export interface SpeechDeps {
  db: Db; gatherUrl: string; agentNumber?: string;
  /** The language the call was made in (the menu's, when the agent does not answer). */
  language: Language;
  /** The debtor's locale, for the menu's voice and listening. */
  locale?: string;
  /** A call the debtor made: the agent sends its answer to the number on file instead of saying it. */
  unverified?: boolean;
  /** The call's menu when the agent does not answer (a reminder call's key menu by default). */
  menuTwiml?: string;
  /** A call the debtor made: where Twilio posts how a put-through to the agent number ended. */
  dialUrl?: string;
  /** Seconds the person's phone rings on that put-through (the org's call settings; DIAL_RINGS_S without). */
  ringSeconds?: number;
  /** The org has answering machine detection on: how long Twilio may listen on the put-through's answered leg. */
  machineDetectionS?: number;
}

interface TurnNow { id: string; customer_id: string; status: string; spoken: Spoken | null }

async function turnOf(db: Db, orgId: string, eventId: string): Promise<TurnNow | undefined> {
  const [t] = await db.query<TurnNow>(
    `SELECT t.id, t.customer_id, t.status, t.spoken FROM inbound_messages i JOIN agent_turns t ON t.org_id = i.org_id AND t.inbound_id = i.id
     WHERE i.org_id = $1 AND i.provider = 'twilio' AND i.provider_message_id = $2`, [orgId, eventId]);
  return t;
}

/** The spoken answer as TwiML: listening goes on inside a Gather (the debtor may speak over it), then a goodbye. */
export function spokenTwiml(s: Spoken, o: { gatherUrl: string; agentNumber?: string; dialUrl?: string; ringSeconds?: number; machineDetectionS?: number }): string {
  const v = callVoice(s.language, s.locale);
  const words = sayXml(s.text, v);
  if (s.next === 'dial' && o.agentNumber) return twimlDocument(words, dialXml(o.agentNumber, putThrough(o)));
  if (s.next !== 'listen') return twimlDocument(words, HANGUP_XML);
  return twimlDocument(gatherXml({ action: o.gatherUrl, voice: v, inner: words }), sayXml(packFor(s.language).voice.noInput, v), HANGUP_XML);
}

/** Applies the spoken reply stored under `eventId`, runs the agent on it and returns the call's next TwiML. */
export async function answerSpeech(d: SpeechDeps, orgId: string, eventId: string, now: Date): Promise<string> {
  const [row] = await d.db.query<{ id: string }>('SELECT id FROM inbox_events WHERE provider = $1 AND event_id = $2', ['twilio', `${orgId}/${eventId}`]);
  if (row) await processOne(d.db, orgId, row.id, now);
  let turn = await turnOf(d.db, orgId, eventId);
  if (turn?.status === 'pending') {
    await runAgentTurns(d.db, orgId, now, { call: { ...(d.agentNumber ? { agentNumber: d.agentNumber } : {}), ...(d.unverified ? { unverified: true } : {}) } },
      20, turn.customer_id);
    turn = await turnOf(d.db, orgId, eventId);
  }
  if (turn?.spoken) return spokenTwiml(turn.spoken, d);
  // the agent is off for the org, or could not answer: the keys still work
  if (d.menuTwiml) return d.menuTwiml;
  return answerKeypress('', packFor(d.language), { gatherUrl: d.gatherUrl, ...(d.locale ? { locale: d.locale } : {}),
    ...(d.agentNumber ? { agentNumber: d.agentNumber } : {}) }).twiml;
}
