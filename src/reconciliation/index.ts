// Reconciliation: bank statement import, matching credits to invoices, the review queue and the org's settings.
export * from './parsers/index.ts';
export { importStatement, type ImportStatementOptions, type StatementImportReport } from './import.ts';
export type { HeldDuplicate } from './store-lines.ts';
export { reconcileLines, type ReconcileSummary } from './reconcile.ts';
export { previewMatches, type PreviewLine } from './preview.ts';
export { rerunMatching, type RerunOptions, type RerunReport } from './rerun.ts';
export { releaseDuplicate } from './held-lines.ts';
export { ALIAS_KINDS, forgetPayerAliases, listPayerAliases, type AliasKind, type ForgetAlias, type PayerAliasRow } from './aliases.ts';
export { syncMatchTables, type SyncReport } from './match-tables.ts';
export { referenceKeyFilter } from './key-filter.ts';
export { acceptProposal, changeProposal, rejectProposal, type ProposalChange } from './review.ts';
export { assignLine, dismissLine, restoreLine } from './line-actions.ts';
export { reviewQueue, searchOpenInvoices, type QueueInvoice, type QueueItem, type QueueState } from './queue.ts';
export { getSettings, updateSettings, type ReconciliationSettings } from './settings.ts';
export { getProposal, getStatement, listProposals, listStatements, PROPOSAL_STATUSES, type ProposalStatus, type ProposalView,
  type StatementDetail, type StatementRow } from './queries.ts';
export { loadLine, MATCH_STATES, type MatchState } from './lines.ts';
export { listPayoutLines, settlePayouts, gatewaysInUse, type PayoutInfo, type PayoutLine } from './payouts.ts';
export { markPayout, undoPayout } from './payout-actions.ts';
export { settleLostPayout, type LostPayoutReport } from './payout-lost.ts';
export { listReportedPayouts, getReportedPayout, REPORTED_PAYOUT_STATUSES, type ReportedPayout, type ReportedPayoutStatus } from './reported-payouts.ts';
export { GATEWAY_PATTERNS, PAYOUT_GATEWAYS, recognisePayout, type PayoutGateway, type RecognisedPayout } from './payout-rules.ts';
export { proposeMatch } from './match/matcher.ts';
export { buildIndex } from './match/match-index.ts';
export type * from './match/types.ts';
