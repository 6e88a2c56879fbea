// United States pack: Reg F hours, call frequency, employer email and time-barred threats, and TCPA consent.
import { dateInZone } from '../../domain/dates.ts';
import { ALLOW, blockWith, type Verdict } from '../decision.ts';
import { cooldownRule, isCountedContact, perDayCap, rollingDaysCap } from '../rules/caps.ts';
import type { GateContext, Pack, Rule } from '../rules/context.ts';
import { aboutDebt, hasConsent } from '../rules/records.ts';
import { blackoutRule, week, windowRule } from '../rules/window.ts';
import type { ChannelKind } from '../types.ts';

/** §1006.6(b)(1): 08:00 to 21:00 at the consumer's location, every day. */
export const US_HOURS = week({ monFri: ['08:00', '21:00'], sat: ['08:00', '21:00'], sun: ['08:00', '21:00'] });

/** State limits on calls (and texts) per 7 days stricter than Reg F; unverified [U] in COMPLIANCE.md. */
export const US_STATE_CALL_CAPS: Readonly<Record<string, { limit: number; channels: readonly ChannelKind[] }>> = {
  MA: { limit: 2, channels: ['call', 'sms'] }, // 940 CMR 7.04(1)(f)
};

const rule = (id: string, check: (at: Date) => Verdict): Rule => ({ rule: id, check });

function hourRules(ctx: GateContext): Rule[] {
  const { debtor } = ctx;
  const zones = [debtor.timeZone, ...(debtor.otherTimeZones ?? [])];
  const windows = zones.map((timeZone) => windowRule({ rule: 'US-1', source: 'Reg F', hours: US_HOURS, timeZone }));
  const inconvenient = (debtor.inconvenientTimes ?? []).map((t) => blackoutRule({ rule: 'US-1', timeZone: debtor.timeZone, ...t }));
  return [...windows, ...inconvenient];
}

function frequencyRules(ctx: GateContext): Rule[] {
  const { channel, debtor, debt, history, policy } = ctx;
  const timeZone = debtor.timeZone;
  const events = aboutDebt(history.events, debt);
  const rules: Rule[] = [];
  if (channel.kind === 'call') {
    rules.push(rollingDaysCap({
      rule: 'US-2', code: 'CALL_CAP', timeZone, days: 7, limit: 7,
      events: events.filter((e) => e.channel === 'call' && isCountedContact(e) && !e.priorConsent),
      message: 'Reg F presumes no more than 7 calls about a debt in 7 consecutive days.',
    }));
    rules.push(cooldownRule({
      rule: 'US-2', code: 'CONVERSATION_COOLDOWN', timeZone, days: 7,
      events: events.filter((e) => e.channel === 'call' && e.outcome === 'conversation'),
      message: 'Reg F presumes no call within 7 days after a phone conversation about the debt.',
    }));
  } else if (channel.kind === 'sms' || channel.kind === 'whatsapp' || channel.kind === 'email') {
    rules.push(perDayCap({
      rule: 'US-2', code: 'DAILY_CAP', timeZone, limit: policy.us.messagesPerChannelPerDay,
      events: history.events.filter((e) => e.channel === channel.kind && isCountedContact(e)),
      message: `At most ${policy.us.messagesPerChannelPerDay} ${channel.kind} message(s) a day, so repeated messages are not harassment.`,
    }));
  }
  const state = ctx.region ? US_STATE_CALL_CAPS[ctx.region] : undefined;
  if (state && state.channels.includes(channel.kind)) {
    rules.push(rollingDaysCap({
      rule: 'US-2', code: 'CALL_CAP', timeZone, days: 7, limit: state.limit,
      events: history.events.filter((e) => state.channels.includes(e.channel) && isCountedContact(e)),
      message: `${ctx.region} allows at most ${state.limit} calls or texts in 7 days.`,
    }));
  }
  return rules;
}

function contentRules(ctx: GateContext): Rule[] {
  const { channel, debtor, debt, purpose } = ctx;
  const automated = channel.kind === 'call' && channel.dialing !== undefined && channel.dialing !== 'manual';
  return [
    rule('US-6', (at) => (channel.kind === 'email' && channel.employerProvided && !hasConsent(debtor, 'employer_email', channel, at)
      ? blockWith('EMPLOYER_EMAIL', 'US-6', 'The address is provided by the employer and the debtor has not consented to its use.')
      : ALLOW)),
    rule('US-9', (at) => (purpose.tags.includes('legal-threat') && debt.limitationsExpiresAt
      && dateInZone(at, debtor.timeZone) >= debt.limitationsExpiresAt
      ? blockWith('TIME_BARRED_LEGAL_THREAT', 'US-9', `The statute of limitations expired on ${debt.limitationsExpiresAt}; no legal threat may be made.`)
      : ALLOW)),
    rule('US-11', (at) => (automated && channel.lineType !== 'landline' && !hasConsent(debtor, 'automated_calls', channel, at)
      ? blockWith('CONSENT_MISSING', 'US-11', 'Autodialed, prerecorded or AI-voice calls to a mobile need prior express consent.')
      : ALLOW)),
    rule('US-11', () => (channel.kind === 'call' && channel.dialing === 'ai_voice' && !(purpose.disclosesAi && purpose.offersOptOut)
      ? blockWith('AI_DISCLOSURE_MISSING', 'US-11', 'An AI voice must identify the caller as artificial and offer a way to opt out.')
      : ALLOW)),
  ];
}

export const US_PACK: Pack = {
  id: 'US',
  rules: (ctx) => [...hourRules(ctx), ...frequencyRules(ctx), ...contentRules(ctx)],
};
