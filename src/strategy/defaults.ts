// The strategies and segments cobro ships with: the five-step B2B/SMB sequence, early collections
// for consumers, and a gentle one for customers who always pay.
import { SegmentListSchema, type Segment } from './segment.ts';
import { StrategySchema, type Strategy, type StrategyInput } from './strategy.ts';

const smb: StrategyInput = {
  id: 'smb-default',
  name: 'B2B / SMB: five steps',
  version: 1,
  description: 'Friendly reminder before the due date, payment link on the day, then firmer each week, then a person calls.',
  steps: [
    { id: 'before-3', name: '3 days before', trigger: { on: 'days', days: -3 },
      actions: [{ type: 'send', channels: ['whatsapp', 'email'], template: 'upcoming-reminder', tone: 'friendly', fallback: ['sms'] }] },
    { id: 'due-day', name: 'Due today', trigger: { on: 'days', days: 0 },
      actions: [{ type: 'send', channels: ['whatsapp'], template: 'due-today', tone: 'friendly', paymentLink: true, fallback: ['email', 'sms'] }] },
    { id: 'after-3', name: '3 days late', trigger: { on: 'days', days: 3 },
      actions: [{ type: 'send', channels: ['email'], template: 'overdue-formal', tone: 'formal', paymentLink: true }] },
    { id: 'after-7', name: '7 days late, late fee warning', trigger: { on: 'days', days: 7 },
      actions: [{ type: 'send', channels: ['whatsapp', 'email'], template: 'overdue-late-fee-warning', tone: 'firm', paymentLink: true, fallback: ['sms'] }] },
    { id: 'after-15', name: '15 days late: call', trigger: { on: 'days', days: 15 },
      actions: [{ type: 'task', task: 'call', priority: 'high', note: 'Call the customer about every overdue invoice in the case.' }] },
    { id: 'promise-broken', name: 'Promise broken', trigger: { on: 'promise_broken' },
      actions: [{ type: 'send', channels: ['whatsapp', 'email'], template: 'promise-broken', tone: 'firm', paymentLink: true, fallback: ['sms'] }] },
    { id: 'instalment-missed', name: 'Instalment missed', trigger: { on: 'plan_instalment_missed' },
      actions: [{ type: 'send', channels: ['email'], template: 'instalment-missed', tone: 'formal', paymentLink: true }] },
  ],
};

// '+30 and +60 escalations': +30 escalates to a senior collector inside the company and +60 hands the
// case to an agency. Escalating out at +30 would mark the case and stop the +60 step from ever firing.
const consumer: StrategyInput = {
  id: 'consumer-early',
  name: 'Consumer: early collections',
  version: 1,
  description: 'Email before and on the due date, WhatsApp and SMS right after, a call on day 3, escalations at 30 and 60 days.',
  steps: [
    { id: 'before-2', name: '48 hours before', trigger: { on: 'days', days: -2 },
      actions: [{ type: 'send', channels: ['email'], template: 'upcoming-reminder', tone: 'friendly' }] },
    { id: 'due-day', name: 'Due today', trigger: { on: 'days', days: 0 },
      actions: [{ type: 'send', channels: ['email'], template: 'due-today', tone: 'neutral', paymentLink: true }] },
    { id: 'after-1', name: '1 day late', trigger: { on: 'days', days: 1 },
      actions: [{ type: 'send', channels: ['whatsapp'], template: 'overdue-nudge', tone: 'friendly', paymentLink: true, fallback: ['sms'] }] },
    { id: 'after-2', name: '2 days late', trigger: { on: 'days', days: 2 },
      actions: [{ type: 'send', channels: ['sms'], template: 'overdue-nudge', tone: 'neutral', paymentLink: true, fallback: ['whatsapp'] }] },
    { id: 'after-3', name: '3 days late: call', trigger: { on: 'days', days: 3 },
      actions: [{ type: 'task', task: 'call', priority: 'normal' }] },
    { id: 'after-30', name: '30 days late: senior collector', trigger: { on: 'days', days: 30 },
      actions: [
        { type: 'send', channels: ['email', 'sms'], template: 'final-notice', tone: 'firm', paymentLink: true },
        { type: 'task', task: 'negotiate', priority: 'urgent', note: 'Offer a plan before the case goes to an agency.' },
      ] },
    { id: 'after-60', name: '60 days late: agency', trigger: { on: 'days', days: 60 },
      actions: [{ type: 'escalate', to: 'agency' }] },
    { id: 'promise-broken', name: 'Promise broken', trigger: { on: 'promise_broken' },
      actions: [{ type: 'send', channels: ['sms', 'email'], template: 'promise-broken', tone: 'firm', paymentLink: true }] },
    { id: 'instalment-missed', name: 'Instalment missed', trigger: { on: 'plan_instalment_missed' },
      actions: [{ type: 'send', channels: ['sms', 'email'], template: 'instalment-missed', tone: 'firm', paymentLink: true }] },
    { id: 'no-reply', name: 'No reply in 3 days', trigger: { on: 'no_reply', hours: 72 },
      condition: { daysPastDue: { min: 4 } },
      actions: [{ type: 'task', task: 'call', priority: 'normal' }] },
    { id: 'message-failed', name: 'Message failed', trigger: { on: 'message_failed' },
      actions: [{ type: 'task', task: 'review', priority: 'normal', note: 'A message bounced or failed: check the contact details.' }] },
  ],
};

const gentle: StrategyInput = {
  id: 'gentle',
  name: 'Gentle: customers who always pay',
  version: 1,
  description: 'One friendly email after the due date and a follow-up a week later; a person looks only if risk rises.',
  steps: [
    { id: 'after-1', name: '1 day late', trigger: { on: 'days', days: 1 },
      actions: [{ type: 'send', channels: ['email'], template: 'gentle-reminder', tone: 'friendly', paymentLink: true }] },
    { id: 'after-7', name: '7 days late', trigger: { on: 'days', days: 7 },
      actions: [{ type: 'send', channels: ['email'], template: 'gentle-follow-up', tone: 'friendly', paymentLink: true }] },
    { id: 'after-14', name: '14 days late: review', trigger: { on: 'days', days: 14 },
      condition: { riskBand: ['medium', 'high'] },
      actions: [{ type: 'task', task: 'review', priority: 'low' }] },
    { id: 'promise-broken', name: 'Promise broken', trigger: { on: 'promise_broken' },
      actions: [{ type: 'send', channels: ['email'], template: 'promise-reminder', tone: 'friendly', paymentLink: true }] },
  ],
};

export const SMB_STRATEGY: Strategy = StrategySchema.parse(smb);
export const CONSUMER_STRATEGY: Strategy = StrategySchema.parse(consumer);
export const GENTLE_STRATEGY: Strategy = StrategySchema.parse(gentle);
export const DEFAULT_STRATEGIES: readonly Strategy[] = [SMB_STRATEGY, CONSUMER_STRATEGY, GENTLE_STRATEGY];

/** Good payers go gentle, consumers go early-collections, everyone else gets the SMB sequence. */
export const DEFAULT_SEGMENTS: readonly Segment[] = SegmentListSchema.parse([
  { id: 'always-pays', name: 'Always pays', strategyId: 'gentle',
    when: { averageDaysLate: { max: 3 }, brokenPromises: { max: 0 } } },
  { id: 'consumers', name: 'Consumers', strategyId: 'consumer-early', when: { tagsAny: ['consumer'] } },
  { id: 'everyone-else', name: 'Everyone else', strategyId: 'smb-default', when: {} },
]);
