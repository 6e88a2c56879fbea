// Rules for every debtor everywhere: settled or pending debts, disputes, promises, opt-outs, cease, third parties, WhatsApp.
import { addDays, dateInZone } from '../../domain/dates.ts';
import { ALLOW, blockWith, deferUntil } from '../decision.ts';
import type { GateContext, Pack, Rule } from '../rules/context.ts';
import { consentFromNowOn, hasConsent, scopeCovers, suppressionFor } from '../rules/records.ts';
import { blackoutRule } from '../rules/window.ts';
import { startOfLocalDay } from '../time/zoned.ts';

const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

// Rules whose answer is the same at every instant are built once, and only added when they block.
const SETTLED: Rule = { rule: 'R-4', check: () => blockWith('DEBT_SETTLED', 'R-4', 'The debt has no balance left to collect.') };
const PENDING: Rule = {
  rule: 'R-4', check: () => blockWith('PAYMENT_PENDING', 'R-4', 'A payment is in flight; nothing is sent until it settles or fails.'),
};
const DISPUTED: Rule = {
  rule: 'US-7', check: () => blockWith('DISPUTE_UNVERIFIED', 'US-7', 'The debt is disputed; collection stops until verification is sent.'),
};
const thirdParty = (rule: string): Rule => ({
  rule, check: () => blockWith('THIRD_PARTY', rule, 'Only the debtor, a guarantor or a co-debtor may be contacted about the debt.'),
});
const THIRD_PARTY: Readonly<Record<string, Rule>> = { CO: thirdParty('CO-1'), MX: thirdParty('MX-1'), other: thirdParty('THIRD-PARTY') };
const NO_WHATSAPP_OPT_IN: Rule = {
  rule: 'WA-1', check: () => blockWith('CONSENT_MISSING', 'WA-1', 'No WhatsApp opt-in is on record for this number.'),
};

function debtRules(ctx: GateContext, out: Rule[]): void {
  const { debt, purpose, debtor } = ctx;
  const collecting = purpose.kind !== 'confirmation';
  if (collecting && debt.balance.amount <= 0) out.push(SETTLED);
  if (collecting && debt.paymentPending) out.push(PENDING);
  if (collecting && debt.dispute && !debt.dispute.verifiedAt && !purpose.tags.includes('dispute-allowed')) out.push(DISPUTED);
  const promisedBy = debt.promisedBy;
  if (purpose.kind !== 'collection' || !promisedBy || purpose.tags.includes('promise-reminder')) return;
  if (dateInZone(ctx.now, debtor.timeZone) > promisedBy) return;
  out.push({
    rule: 'G-1',
    check: (at) => (dateInZone(at, debtor.timeZone) > promisedBy
      ? ALLOW
      : deferUntil(startOfLocalDay(addDays(promisedBy, 1), debtor.timeZone), 'PROMISE_ACTIVE', 'G-1',
        `The debtor promised to pay by ${promisedBy}; reminders wait until the promise is due.`)),
  });
}

function personRules(ctx: GateContext, out: Rule[]): void {
  const { debtor, channel, purpose, country, now } = ctx;
  // a suppression lifted before now, or about another channel or address, never blocks from now on
  if (debtor.suppressions.some((s) => scopeCovers(s.scope, channel) && (!s.liftedAt || s.liftedAt.getTime() > now.getTime()))) {
    out.push({
      rule: 'US-3',
      check: (at) => {
        const s = suppressionFor(debtor, channel, at);
        if (!s) return ALLOW;
        const what = s.scope.kind === 'all' ? 'all contact' : s.scope.kind === 'channel' ? `the ${s.scope.channel} channel` : `this ${channel.kind} address`;
        return blockWith('OPTED_OUT', 'US-3', `The debtor opted out of ${what}.`);
      },
    });
  }
  const restrictedAt = debtor.restrictedAt;
  if (restrictedAt) {
    out.push({
      rule: 'EU-3',
      check: (at) => (restrictedAt.getTime() <= at.getTime()
        ? blockWith('PROCESSING_RESTRICTED', 'EU-3', 'The customer asked to be erased while a debt is open: the data is kept for the claim and no one contacts them.')
        : ALLOW),
    });
  }
  const ceaseAt = debtor.ceaseRequestedAt;
  if (ceaseAt && !purpose.tags.includes('cease-allowed')) {
    out.push({
      rule: 'US-5',
      check: (at) => (ceaseAt.getTime() <= at.getTime()
        ? blockWith('CEASE_REQUESTED', 'US-5', 'The debtor asked in writing to stop contact; only notices the law allows may be sent.')
        : ALLOW),
    });
  }
  const role = channel.recipient ?? 'debtor';
  if (role !== 'debtor' && role !== 'guarantor' && role !== 'co_debtor') out.push(THIRD_PARTY[country] ?? THIRD_PARTY.other!);
}

/**
 * Times the debtor said are inconvenient, in their zone, on the channels they said them of (all when they named none). The law
 * in the US (US-1, "at times the consumer has said are inconvenient"); elsewhere cobro keeps to them too (G-2), so that "solo
 * después de las 5" from a Mexican debtor holds as "only after 5" does from one in Texas.
 */
function statedTimeRules(ctx: GateContext, out: Rule[]): void {
  const { debtor, channel, country } = ctx;
  for (const t of debtor.inconvenientTimes ?? []) {
    if (t.channels && !t.channels.includes(channel.kind)) continue;
    out.push(blackoutRule({ rule: country === 'US' ? 'US-1' : 'G-2', timeZone: debtor.timeZone, from: t.from, to: t.to, ...(t.weekdays ? { weekdays: t.weekdays } : {}) }));
  }
}

function whatsappRules(ctx: GateContext, out: Rule[]): void {
  const { debtor, channel, purpose, history, now } = ctx;
  if (channel.kind !== 'whatsapp') return;
  if (!consentFromNowOn(debtor, 'whatsapp_opt_in', channel, now)) {
    out.push(debtor.consents.length === 0 ? NO_WHATSAPP_OPT_IN : {
      rule: 'WA-1',
      check: (at) => (hasConsent(debtor, 'whatsapp_opt_in', channel, at) ? ALLOW : NO_WHATSAPP_OPT_IN.check(at)),
    });
  }
  if (purpose.whatsappFormat === 'template') return;
  const inbound = history.events.filter((e) => e.channel === 'whatsapp' && e.direction === 'inbound');
  out.push({
    rule: 'WA-2',
    check: (at) => {
      const open = inbound.some((e) => e.at.getTime() <= at.getTime() && at.getTime() - e.at.getTime() <= WHATSAPP_WINDOW_MS);
      return open
        ? ALLOW
        : blockWith('WA_TEMPLATE_REQUIRED', 'WA-2', 'Outside the 24-hour customer-service window only approved templates may be sent.');
    },
  });
}

export const COMMON_PACK: Pack = {
  id: 'COMMON',
  rules: (ctx, out) => {
    debtRules(ctx, out);
    personRules(ctx, out);
    statedTimeRules(ctx, out);
    whatsappRules(ctx, out);
  },
};
