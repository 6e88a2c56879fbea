// Test factories with defaults: a debtor, a debt, a channel, a purpose, a contact, and local wall-clock instants.
import type { ContactDecision } from './decision.ts';
import { decideContact } from './gate.ts';
import { DEFAULT_POLICY, type GatePolicy } from './policy.ts';
import { formatClock, instantAt, localTime, parseClock } from './time/zoned.ts';
import type { ChannelKind, ChannelTarget, ContactEvent, Debt, Debtor, Purpose } from './types.ts';

/** The instant a local clock in `timeZone` reads 'YYYY-MM-DD HH:MM' (seconds optional: 'HH:MM:SS'). */
export function localAt(text: string, timeZone: string): Date {
  const [date = '', clock = ''] = text.split(' ');
  const [hm, seconds] = [clock.slice(0, 5), Number(clock.slice(6) || '0')];
  return new Date(instantAt(date, parseClock(hm), timeZone).getTime() + seconds * 1000);
}

const EPOCH = new Date('2020-01-01T00:00:00Z');

export function aDebtor(overrides: Partial<Debtor> = {}): Debtor {
  return {
    id: 'cus_1', country: 'US', timeZone: 'America/Chicago', suppressions: [],
    consents: [
      { kind: 'channel', grantedAt: EPOCH },
      { kind: 'whatsapp_opt_in', grantedAt: EPOCH },
    ],
    lawfulBasis: 'contract',
    ...overrides,
  };
}

export function aDebt(overrides: Partial<Debt> = {}): Debt {
  return { id: 'inv_1', consumer: true, balance: { amount: 125_00, currency: 'USD' }, ...overrides };
}

export function aChannel(kind: ChannelKind = 'sms', overrides: Partial<ChannelTarget> = {}): ChannelTarget {
  const address = kind === 'email' ? 'ana@example.com' : '+13125550100';
  return { kind, address, recipient: 'debtor', lineType: 'mobile', dialing: 'manual', givenByDebtor: true, ...overrides };
}

export function aPurpose(overrides: Partial<Purpose> = {}): Purpose {
  return { kind: 'collection', tags: [], whatsappFormat: 'template', ...overrides };
}

export function aContact(at: Date, channel: ChannelKind, overrides: Partial<ContactEvent> = {}): ContactEvent {
  return { at, channel, direction: 'outbound', outcome: channel === 'call' ? 'unanswered' : 'delivered', ...overrides };
}

export interface Scenario {
  debtor?: Debtor;
  debt?: Debt;
  channel?: ChannelTarget;
  purpose?: Purpose;
  events?: readonly ContactEvent[];
  policy?: GatePolicy;
}

/** decideContact with every input defaulted by the factories above. */
export function decideAt(now: Date, s: Scenario = {}): ContactDecision {
  return decideContact(s.debtor ?? aDebtor(), s.debt ?? aDebt(), s.channel ?? aChannel(), s.purpose ?? aPurpose(),
    { events: s.events ?? [] }, now, s.policy ?? DEFAULT_POLICY);
}

/** A decision in a short, comparable form: 'allow', 'block CODE' or 'defer CODE until <local time>'. */
export function summary(d: ContactDecision, timeZone: string): string {
  if (d.kind === 'allow') return 'allow';
  if (d.kind === 'block') return `block ${d.reason.code}`;
  const local = localTime(d.until, timeZone);
  return `defer ${d.reason.code} until ${local.date} ${formatClock(local.minute)}`;
}
