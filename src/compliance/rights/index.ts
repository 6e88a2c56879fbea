// Data rights: erasure and restriction, data-subject requests (recorded, due by country, extended, fulfilled), retention and the purge, hashed suppressions.
export { requestErasure, eraseForRetention, type ErasureOutcome } from './erase.ts';
export { purgeRetention, purgePlan, retentionRound, type PurgeReport } from './purge.ts';
export { requestDueDate, extendedDueDate, addMonths } from './requests.ts';
export {
  DEFAULT_RETENTION, EVIDENCE_FLOOR_DAYS, retentionSchema, evidenceDays, customerDays, purgeAction,
  type Retention, type CustomerFacts, type PurgeAction,
} from './retention.ts';
export { complianceSettingsSchema, getComplianceSettings, setComplianceSettings, type ComplianceSettings, type ComplianceSettingsInput } from './settings.ts';
export { addressHash, addressHashKey } from './hash.ts';
export { REQUEST_RULES, requestRuleFor, requestRuleById, gdprRule, gdprCalendarCountry, extendDueDate, type RequestRule, type RequestRuleId } from './request-rules.ts';
export {
  REQUEST_KINDS, REQUEST_STATUSES, recordDataRequest, extendDataRequest, refuseDataRequest, getDataRequest, listDataRequests,
  type DataRequest, type NewDataRequest, type Extension, type RequestFilter, type RequestKind, type RequestStatus,
} from './request-book.ts';
export { fulfilDataRequest, type Fulfilment } from './request-fulfil.ts';
