// United States pack: Reg F hours, call frequency, employer email and time-barred threats, and TCPA consent.
import { dateInZone } from '../../domain/dates.ts';
import { ALLOW, blockWith } from '../decision.ts';
import { cooldownRule, daysOf, isCountedContact, perDayCap, rollingDaysCap } from '../rules/caps.ts';
import { addRule, type GateContext, type Pack, type Rule } from '../rules/context.ts';
import { consentFromNowOn, hasConsent } from '../rules/records.ts';
import { week, windowsByZone } from '../rules/window.ts';
import type { ChannelKind, ContactEvent } from '../types.ts';

/** §1006.6(b)(1): 08:00 to 21:00 at the consumer's location, every day. */
export const US_HOURS = week({ monFri: ['08:00', '21:00'], sat: ['08:00', '21:00'], sun: ['08:00', '21:00'] });

/** State limits on calls (and texts) per 7 days stricter than Reg F; unverified [U] in COMPLIANCE.md. */
export const US_STATE_CALL_CAPS: Readonly<Record<string, { limit: number; channels: readonly ChannelKind[] }>> = {
  MA: { limit: 2, channels: ['call', 'sms'] }, // 940 CMR 7.04(1)(f)
};

/** Sentences built once per figure and channel, not once per decision. */
const sentences = new Map<string, string>();
const dailyCapMessage = (limit: number, kind: ChannelKind) => {
  const key = `${limit}|${kind}`;
  let m = sentences.get(key);
  if (m === undefined) sentences.set(key, m = `At most ${limit} ${kind} message(s) a day, so repeated messages are not harassment.`);
  return m;
};

const usWindow = windowsByZone({ rule: 'US-1', source: 'Reg F', hours: US_HOURS });

function hourRules(ctx: GateContext, out: Rule[]): void {
  const { debtor } = ctx;
  out.push(usWindow(debtor.timeZone));
  for (const timeZone of debtor.otherTimeZones ?? []) out.push(usWindow(timeZone));
  // times the consumer said are inconvenient: COMMON_PACK (statedTimeRules), under US-1 for a US debtor
}

const isCall = (e: ContactEvent) => e.channel === 'call';

function frequencyRules(ctx: GateContext, out: Rule[]): void {
  const { channel, debtor, debt, policy, now } = ctx;
  const timeZone = debtor.timeZone;
  const aboutThisDebt = (e: ContactEvent) => e.debtId === undefined || e.debtId === debt.id;
  if (channel.kind === 'call') {
    addRule(out, rollingDaysCap({
      rule: 'US-2', code: 'CALL_CAP', timeZone, window: 7, limit: 7, now,
      days: daysOf(ctx, (e) => isCall(e) && aboutThisDebt(e) && isCountedContact(e) && !e.priorConsent),
      message: 'Reg F presumes no more than 7 calls about a debt in 7 consecutive days.',
    }));
    addRule(out, cooldownRule({
      rule: 'US-2', code: 'CONVERSATION_COOLDOWN', timeZone, window: 7, now,
      days: daysOf(ctx, (e) => isCall(e) && aboutThisDebt(e) && e.outcome === 'conversation'),
      message: 'Reg F presumes no call within 7 days after a phone conversation about the debt.',
    }));
  } else if (channel.kind === 'sms' || channel.kind === 'whatsapp' || channel.kind === 'email') {
    const limit = policy.us.messagesPerChannelPerDay;
    addRule(out, perDayCap({
      rule: 'US-2', code: 'DAILY_CAP', timeZone, limit, now, message: dailyCapMessage(limit, channel.kind),
      days: daysOf(ctx, (e) => e.channel === channel.kind && isCountedContact(e)),
    }));
  }
  const state = ctx.region ? US_STATE_CALL_CAPS[ctx.region] : undefined;
  if (state && state.channels.includes(channel.kind)) {
    addRule(out, rollingDaysCap({
      rule: 'US-2', code: 'CALL_CAP', timeZone, window: 7, limit: state.limit, now,
      days: daysOf(ctx, (e) => state.channels.includes(e.channel) && isCountedContact(e)),
      message: `${ctx.region} allows at most ${state.limit} calls or texts in 7 days.`,
    }));
  }
}

const AI_WITHOUT_DISCLOSURE: Rule = {
  rule: 'US-11',
  check: () => blockWith('AI_DISCLOSURE_MISSING', 'US-11', 'An AI voice must identify the caller as artificial and offer a way to opt out.'),
};

function contentRules(ctx: GateContext, out: Rule[]): void {
  const { channel, debtor, debt, purpose, now } = ctx;
  const automated = channel.kind === 'call' && channel.dialing !== undefined && channel.dialing !== 'manual';
  if (channel.kind === 'email' && channel.employerProvided && !consentFromNowOn(debtor, 'employer_email', channel, now)) {
    out.push({
      rule: 'US-6',
      check: (at) => (hasConsent(debtor, 'employer_email', channel, at)
        ? ALLOW
        : blockWith('EMPLOYER_EMAIL', 'US-6', 'The address is provided by the employer and the debtor has not consented to its use.')),
    });
  }
  const expires = debt.limitationsExpiresAt;
  if (purpose.tags.includes('legal-threat') && expires) {
    out.push({
      rule: 'US-9',
      check: (at) => (dateInZone(at, debtor.timeZone) >= expires
        ? blockWith('TIME_BARRED_LEGAL_THREAT', 'US-9', `The statute of limitations expired on ${expires}; no legal threat may be made.`)
        : ALLOW),
    });
  }
  if (automated && channel.lineType !== 'landline' && !consentFromNowOn(debtor, 'automated_calls', channel, now)) {
    out.push({
      rule: 'US-11',
      check: (at) => (hasConsent(debtor, 'automated_calls', channel, at)
        ? ALLOW
        : blockWith('CONSENT_MISSING', 'US-11', 'Autodialed, prerecorded or AI-voice calls to a mobile need prior express consent.')),
    });
  }
  if (channel.kind === 'call' && channel.dialing === 'ai_voice' && !(purpose.disclosesAi && purpose.offersOptOut)) out.push(AI_WITHOUT_DISCLOSURE);
}

export const US_PACK: Pack = {
  id: 'US',
  rules: (ctx, out) => {
    hourRules(ctx, out);
    frequencyRules(ctx, out);
    contentRules(ctx, out);
  },
};
