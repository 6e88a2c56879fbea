// Voice through Twilio's Calls API with inline TwiML; call status callbacks, the menu's keypress and what the debtor says
// on the call (Gather's SpeechResult, read as a reply on channel voice) come back signed, and so does a call the debtor makes.
import { createHash } from 'node:crypto';
import type { SignatureCheck } from '../compliance/index.ts';
import { decodeForm, field, twilioCreate, verifyTwilioRequest, type TwilioConfig } from './twilio-common.ts';
import type { ChannelAdapter, DeliveryState, InboundEvent, OutboundMessage, RawRequest, SendOptions, SendResult } from './types.ts';

export interface TwilioVoiceConfig extends TwilioConfig {
  from: string;
}

/** Answered calls count as delivered; busy, no-answer and failed as failed (busy and no-answer are worth retrying). */
const CALL_STATES: Readonly<Record<string, DeliveryState>> = {
  queued: 'queued', initiated: 'queued', ringing: 'sent', 'in-progress': 'delivered', completed: 'delivered',
  busy: 'failed', 'no-answer': 'failed', failed: 'failed', canceled: 'failed',
};

/** How a call made to the org's number can end, as its status callback says (the states before these are not kept). */
export const INCOMING_ENDS: readonly string[] = ['completed', 'busy', 'no-answer', 'canceled', 'failed'];

/**
 * What the debtor said, as a reply on channel voice: from the debtor's number (the called one on calls cobro made, the
 * caller on calls they made), answering the call, with the recognition's Confidence. One event per gathered utterance:
 * Twilio's idempotency token (the same on its retries) or the body's digest names it.
 */
function spokenReply(f: Record<string, string | string[]>, sid: string, speech: string, request: RawRequest): InboundEvent {
  const outbound = (field(f, 'Direction') ?? 'outbound-api').startsWith('outbound');
  const debtor = (outbound ? field(f, 'To') : field(f, 'From')) ?? '';
  const ours = (outbound ? field(f, 'From') : field(f, 'To')) ?? '';
  const said = field(f, 'Confidence');
  const raw = said && said.trim() ? Number(said) : NaN;
  const once = request.headers['i-twilio-idempotency-token'] ?? createHash('sha256').update(request.body).digest('hex').slice(0, 32);
  return {
    type: 'reply', provider: 'twilio', eventId: `${sid}:speech:${once}`, channel: 'voice', providerMessageId: sid, inReplyTo: sid,
    from: debtor, to: ours, text: speech.trim(), ...(Number.isFinite(raw) && raw >= 0 && raw <= 1 ? { confidence: raw } : {}),
  };
}

/** A call someone made to the org's number ("A call comes in"): one event per call, whatever Twilio retries. */
export function parseIncomingCall(request: RawRequest): InboundEvent[] {
  const f = decodeForm(request.body);
  const sid = field(f, 'CallSid');
  if (!sid || !(field(f, 'Direction') ?? 'inbound').startsWith('inbound')) return [];
  return [{ type: 'incoming_call', provider: 'twilio', eventId: `${sid}:incoming`, providerMessageId: sid, from: field(f, 'From') ?? '', to: field(f, 'To') ?? '' }];
}

/** Twilio's DialCallStatus values (the outcome of a <Dial> it posts to the verb's action URL). */
export const DIAL_STATUSES: readonly string[] = ['completed', 'answered', 'busy', 'no-answer', 'failed', 'canceled'];

/** The inbox's name for answering machine detection's verdict on a dialled leg: one per leg, whatever Twilio retries (call-missed.ts reads it by this name). */
const amdEventId = (leg: string): string => `${leg}:amd`;

/**
 * How a put-through to a person ended: Twilio posts it to the <Dial>'s action URL, signed. One event per dialled leg
 * (DialCallSid), or per body when Twilio gives none, so a redelivery is stored once. The same URL is the <Number>'s
 * `url`, which Twilio requests on the dialled leg once it answers, before the parties are bridged (CallSid the leg,
 * ParentCallSid the caller's call): read as that leg's screening.
 */
export function parseDialOutcome(request: RawRequest): InboundEvent[] {
  const f = decodeForm(request.body);
  const sid = field(f, 'CallSid');
  const status = field(f, 'DialCallStatus') ?? '';
  // the dialled leg answered: <Number url> asks the person to press 1 before the caller is put through (one event per leg
  // asked, one when it is taken; any other key is asked again and kept as asked)
  const parent = field(f, 'ParentCallSid');
  // answering machine detection's verdict on the dialled leg (the <Number>'s amdStatusCallback: CallSid the leg, AnsweredBy)
  const answeredBy = field(f, 'AnsweredBy');
  if (sid && answeredBy && !field(f, 'DialCallStatus') && field(f, 'Digits') === undefined) {
    return [{ type: 'dial_amd', provider: 'twilio', eventId: amdEventId(sid), providerMessageId: parent || sid, leg: sid, answeredBy }];
  }
  if (sid && parent && !field(f, 'DialCallStatus')) {
    const accepted = field(f, 'Digits') === '1';
    return [{ type: 'dial_screen', provider: 'twilio', eventId: `${parent}:screen:${sid}:${accepted ? 'accepted' : 'asked'}`, providerMessageId: parent, leg: sid, accepted }];
  }
  if (!sid || !DIAL_STATUSES.includes(status)) return [];
  const given = field(f, 'DialCallSid');
  const leg = given || createHash('sha256').update(request.body).digest('hex').slice(0, 32);
  const seconds = Number(field(f, 'DialCallDuration') ?? '');
  return [{ type: 'dial_ended', provider: 'twilio', eventId: `${sid}:dial:${leg}`, providerMessageId: sid, status, ...(given ? { leg: given } : {}),
    ...(field(f, 'DialCallDuration') && Number.isInteger(seconds) && seconds >= 0 ? { duration: seconds } : {}) }];
}

export function twilioVoiceAdapter(cfg: TwilioVoiceConfig): ChannelAdapter {
  return {
    provider: 'twilio', channel: 'voice', idempotentSends: false,
    async send(message: OutboundMessage, _options: SendOptions): Promise<SendResult> {
      const m = message.rendered;
      if (m.channel !== 'voice') throw new Error(`twilio voice adapter got a ${m.channel} message`);
      const fields: Record<string, string | string[]> = { To: message.to, From: message.from ?? cfg.from, Twiml: m.twiml };
      if (cfg.statusCallbackUrl) {
        fields['StatusCallback'] = cfg.statusCallbackUrl;
        fields['StatusCallbackMethod'] = 'POST';
        fields['StatusCallbackEvent'] = ['initiated', 'ringing', 'answered', 'completed'];
      }
      return twilioCreate(cfg, 'Calls', fields, 'twilio');
    },
    verifyWebhook(request: RawRequest): SignatureCheck {
      return verifyTwilioRequest(cfg, request);
    },
    parseWebhook(request: RawRequest): InboundEvent[] {
      const f = decodeForm(request.body);
      const sid = field(f, 'CallSid');
      if (!sid) return [];
      const speech = field(f, 'SpeechResult');
      if (speech !== undefined && speech.trim() !== '') return [spokenReply(f, sid, speech, request)];
      const digits = field(f, 'Digits');
      if (digits !== undefined) {
        const outbound = (field(f, 'Direction') ?? 'outbound-api').startsWith('outbound');
        return [{ type: 'keypress', provider: 'twilio', eventId: `${sid}:gather:${request.headers['i-twilio-idempotency-token'] ?? digits}`, providerMessageId: sid, digits,
          debtor: (outbound ? field(f, 'To') : field(f, 'From')) ?? '' }];
      }
      const status = field(f, 'CallStatus') ?? '';
      const state = CALL_STATES[status];
      if (!state) return [];
      // a call someone made to the org's number (its "Call status changes" callback): only how it ended, once per call
      if ((field(f, 'Direction') ?? 'outbound-api').startsWith('inbound')) {
        if (!INCOMING_ENDS.includes(status)) return [];
        return [{ type: 'delivery', provider: 'twilio', eventId: `${sid}:ended`, providerMessageId: sid, state,
          ...(state === 'failed' ? { error: { kind: 'temporary', code: `CALL_${status.toUpperCase().replace('-', '_')}`, message: `call ${status}` } } : {}) }];
      }
      const temporary = status === 'busy' || status === 'no-answer';
      const seconds = status === 'completed' ? Number(field(f, 'CallDuration') ?? '') : NaN;
      return [{
        type: 'delivery', provider: 'twilio', eventId: request.headers['i-twilio-idempotency-token'] ?? `${sid}:${status}`, providerMessageId: sid, state,
        ...(field(f, 'CallDuration') && Number.isInteger(seconds) && seconds >= 0 ? { duration: seconds } : {}),
        ...(state === 'failed' ? { error: { kind: temporary ? 'temporary' : 'permanent', code: `CALL_${status.toUpperCase().replace('-', '_')}`, message: `call ${status}` } } : {}),
      }];
    },
  };
}
