// The compliance gate at run time: consents, suppressions, contact profiles and history in the database, and checkContact.
export * from './channels.ts';
export * from './consents.ts';
export * from './debtor.ts';
export * from './check.ts';
export * from './replies.ts';
export { WRONG_PARTY_SOURCE, debtorNames } from './reply-facts.ts';
export * from './profile.ts';
export * from './reports.ts';
export * from './org-policy.ts';
