// Getting paid: payment links and gateway webhooks, promises, plans, extensions, discounts and disputes, the portal's API.
// Arrangements (promises, plans, extensions, discounts, disputes, negotiation limits):
export * from './limits.ts';
export { getLimits, setLimits } from './limits-store.ts';
export { ARRANGEMENT_SOURCES, owedByCurrency, type ArrangementSource, type Owed } from './arrangements-common.ts';
export { createPromise, listPromises, evaluatePromises, type PromiseToPay, type PromiseStatus, type NewPromise, type PromiseFilter } from './promises.ts';
export { cancelPromise } from './promises-cancel.ts';
export { promiseReport, type PromiseReport, type PromiseRateRow } from './promises-report.ts';
export { buildSchedule, scheduleOptions, nthDueDate, OFFERED_COUNTS, type Schedule, type ScheduleInput, type ScheduledInstalment, type PlanOption } from './plans/schedule.ts';
export { createPlan, previewPlan, planOptions, type PlanRequest, type PlanPreview } from './plans/create.ts';
export { listPlans, getPlan, PLAN_PAID, type Plan, type PlanInstalment, type PlanStatus, type PlanFilter } from './plans/read.ts';
export { cancelPlan, evaluatePlans } from './plans/end.ts';
export { requestExtension, listExtensions, type Extension, type ExtensionRequest } from './extensions.ts';
export { offerDiscount, listDiscountOffers, evaluateDiscounts, applyEarnedDiscounts, type DiscountOffer, type DiscountRequest } from './arrangements-discounts.ts';
export { settleImportedPayments } from './imported.ts';
export { openDispute, resolveDispute, listDisputes, getDispute, disputeAttachment, DISPUTE_REASONS, type Dispute, type DisputeReason, type DisputeRequest, type DisputeFilter } from './disputes.ts';
export { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, safeFilename, type Attachment } from './disputes-attachment.ts';
export { customerArrangements, evaluateArrangements, type CustomerArrangements, type EvaluationResult } from './arrangements.ts';
export { arrangementTimeline, type ArrangementEntry } from './arrangements-timeline.ts';
// Payment links and gateway webhooks (Stripe, Mercado Pago), the nightly gateway check:
export { createPaymentLink, connectedGateway, listPaymentLinks, getPaymentLink, previewLinkContent, webhookUrl, paymentReturnUrl, paymentLinkReturn, withParam, type GatewayContext, type PaymentLink, type NewPaymentLink, type LinkSource } from './links.ts';
export { receiveGatewayWebhook, processInboxEvent, retryInbox, MAX_ATTEMPTS, type WebhookDeps, type WebhookAnswer, type RetryReport } from './webhooks.ts';
export { applyFacts, type ApplyOutcome } from './webhooks-apply.ts';
export { endInFlightHold, vouchersInFlight, paymentsInFlight, VOUCHER_HOLD_KIND, DEBIT_HOLD_KIND, type VoucherHold } from './in-flight.ts';
export { DEBIT_HOLD_DAYS } from './in-flight-debits.ts';
export { checkGateways, gatewayRound, CHECK_LOOKBACK_MS, type GatewayCheckReport, type CheckFinding, type GatewayRound } from './gateway-check.ts';
export { GATEWAYS, type GatewayName, type RawWebhook, type PaymentFacts } from './gateways/index.ts';
// A reported payout's balance transactions (Stripe), kept and checked against the payout:
export { fetchPayoutTransactions, fetchDuePayoutTransactions, payoutBreakdown, reportedPayoutBreakdown, type ReportedPayoutBreakdown, type PayoutFetch, type PayoutFetchRound, type PayoutBreakdown } from './payout-transactions.ts';
export { refetchReportedPayout, releasePeriodFor, type RefetchedPayout } from './payout-refetch.ts';
export { checkPayout, isPayoutItself, type BreakdownCheck, type BreakdownIssue, type BreakdownIssueCode, type PaymentFees, type StoredTransaction, type FetchState } from './payout-breakdown.ts';
export { requestReleaseReport, checkReleaseReport, getReleaseReport, listReleaseReports, mpReleaseRound, defaultReleasePeriod, REPORT_EVERY_MS, type ReleaseReport, type ReleaseRound, type ReleaseAccess, type ReleaseTrigger } from './mp-release.ts';
