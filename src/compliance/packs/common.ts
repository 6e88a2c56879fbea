// Rules for every debtor everywhere: settled or pending debts, disputes, promises, opt-outs, cease, third parties, WhatsApp.
import { addDays, dateInZone } from '../../domain/dates.ts';
import { ALLOW, blockWith, deferUntil, type Verdict } from '../decision.ts';
import type { GateContext, Pack, Rule } from '../rules/context.ts';
import { hasConsent, suppressionFor } from '../rules/records.ts';
import { startOfLocalDay } from '../time/zoned.ts';

const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

const rule = (id: string, check: (at: Date) => Verdict): Rule => ({ rule: id, check });

function debtRules(ctx: GateContext): Rule[] {
  const { debt, purpose, debtor } = ctx;
  const collecting = purpose.kind !== 'confirmation';
  return [
    rule('R-4', () => (collecting && debt.balance.amount <= 0
      ? blockWith('DEBT_SETTLED', 'R-4', 'The debt has no balance left to collect.')
      : ALLOW)),
    rule('R-4', () => (collecting && debt.paymentPending
      ? blockWith('PAYMENT_PENDING', 'R-4', 'A payment is in flight; nothing is sent until it settles or fails.')
      : ALLOW)),
    rule('US-7', () => (collecting && debt.dispute && !debt.dispute.verifiedAt && !purpose.tags.includes('dispute-allowed')
      ? blockWith('DISPUTE_UNVERIFIED', 'US-7', 'The debt is disputed; collection stops until verification is sent.')
      : ALLOW)),
    rule('G-1', (at) => {
      if (purpose.kind !== 'collection' || !debt.promisedBy || purpose.tags.includes('promise-reminder')) return ALLOW;
      if (dateInZone(at, debtor.timeZone) > debt.promisedBy) return ALLOW;
      return deferUntil(startOfLocalDay(addDays(debt.promisedBy, 1), debtor.timeZone), 'PROMISE_ACTIVE', 'G-1',
        `The debtor promised to pay by ${debt.promisedBy}; reminders wait until the promise is due.`);
    }),
  ];
}

function personRules(ctx: GateContext): Rule[] {
  const { debtor, channel, purpose, country } = ctx;
  const thirdPartyRule = country === 'CO' ? 'CO-1' : country === 'MX' ? 'MX-1' : 'THIRD-PARTY';
  return [
    rule('US-3', (at) => {
      const s = suppressionFor(debtor, channel, at);
      if (!s) return ALLOW;
      const what = s.scope.kind === 'all' ? 'all contact' : s.scope.kind === 'channel' ? `the ${s.scope.channel} channel` : `this ${channel.kind} address`;
      return blockWith('OPTED_OUT', 'US-3', `The debtor opted out of ${what}.`);
    }),
    rule('EU-3', (at) => (debtor.restrictedAt && debtor.restrictedAt.getTime() <= at.getTime()
      ? blockWith('PROCESSING_RESTRICTED', 'EU-3', 'The customer asked to be erased while a debt is open: the data is kept for the claim and no one contacts them.')
      : ALLOW)),
    rule('US-5', (at) => (debtor.ceaseRequestedAt && debtor.ceaseRequestedAt.getTime() <= at.getTime()
      && !purpose.tags.includes('cease-allowed')
      ? blockWith('CEASE_REQUESTED', 'US-5', 'The debtor asked in writing to stop contact; only notices the law allows may be sent.')
      : ALLOW)),
    rule(thirdPartyRule, () => {
      const role = channel.recipient ?? 'debtor';
      return role === 'debtor' || role === 'guarantor' || role === 'co_debtor'
        ? ALLOW
        : blockWith('THIRD_PARTY', thirdPartyRule, 'Only the debtor, a guarantor or a co-debtor may be contacted about the debt.');
    }),
  ];
}

function whatsappRules(ctx: GateContext): Rule[] {
  const { debtor, channel, purpose, history } = ctx;
  if (channel.kind !== 'whatsapp') return [];
  const inbound = history.events.filter((e) => e.channel === 'whatsapp' && e.direction === 'inbound');
  return [
    rule('WA-1', (at) => (hasConsent(debtor, 'whatsapp_opt_in', channel, at)
      ? ALLOW
      : blockWith('CONSENT_MISSING', 'WA-1', 'No WhatsApp opt-in is on record for this number.'))),
    rule('WA-2', (at) => {
      if (purpose.whatsappFormat === 'template') return ALLOW;
      const open = inbound.some((e) => e.at.getTime() <= at.getTime() && at.getTime() - e.at.getTime() <= WHATSAPP_WINDOW_MS);
      return open
        ? ALLOW
        : blockWith('WA_TEMPLATE_REQUIRED', 'WA-2', 'Outside the 24-hour customer-service window only approved templates may be sent.');
    }),
  ];
}

export const COMMON_PACK: Pack = {
  id: 'COMMON',
  rules: (ctx) => [...debtRules(ctx), ...personRules(ctx), ...whatsappRules(ctx)],
};
