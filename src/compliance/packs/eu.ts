// European pack: GDPR basics for EU, EEA and UK debtors (lawful basis, no solely automated escalation, AI disclosure).
import { dateInZone } from '../../domain/dates.ts';
import { ALLOW, blockWith } from '../decision.ts';
import type { Pack, Rule } from '../rules/context.ts';

/** EU member states, the EEA and the United Kingdom (UK GDPR mirrors the Regulation). */
export const GDPR_COUNTRIES: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU',
  'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO', 'GB',
]);

/** AI Act Art. 50(1) applies from this date. */
export const AI_ACT_DISCLOSURE_FROM = '2026-08-02';

const NO_LAWFUL_BASIS: Rule = {
  rule: 'EU-1', check: () => blockWith('LAWFUL_BASIS_MISSING', 'EU-1', 'No lawful basis for collection is recorded for this person.'),
};
const UNREVIEWED_ESCALATION: Rule = {
  rule: 'EU-4', check: () => blockWith('AUTOMATED_DECISION', 'EU-4', 'An escalation with legal effect needs a person to review it first.'),
};

export const EU_PACK: Pack = {
  id: 'EU',
  rules: ({ debtor, purpose }, out) => {
    if (!debtor.lawfulBasis) out.push(NO_LAWFUL_BASIS);
    if (purpose.kind === 'legal_escalation' && !purpose.humanReviewed) out.push(UNREVIEWED_ESCALATION);
    if (!purpose.aiAgent || purpose.disclosesAi) return;
    out.push({
      rule: 'EU-5',
      check: (at) => (dateInZone(at, debtor.timeZone) >= AI_ACT_DISCLOSURE_FROM
        ? blockWith('AI_DISCLOSURE_MISSING', 'EU-5', 'A message from the AI agent must say that it comes from an AI.')
        : ALLOW),
    });
  },
};
