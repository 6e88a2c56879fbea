// Data rights: erasure and restriction, data-subject request dates, retention periods and the purge, hashed suppressions.
export { requestErasure, eraseForRetention, type ErasureOutcome } from './erase.ts';
export { purgeRetention, purgePlan, retentionRound, type PurgeReport } from './purge.ts';
export { requestDueDate, extendedDueDate, addMonths } from './requests.ts';
export {
  DEFAULT_RETENTION, EVIDENCE_FLOOR_DAYS, retentionSchema, evidenceDays, customerDays, purgeAction,
  type Retention, type CustomerFacts, type PurgeAction,
} from './retention.ts';
export { complianceSettingsSchema, getComplianceSettings, setComplianceSettings, type ComplianceSettings, type ComplianceSettingsInput } from './settings.ts';
export { addressHash, addressHashKey } from './hash.ts';
