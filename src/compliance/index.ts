// The compliance capability's public API: the contact gate, its packs and policy, holidays, opt-out reading, webhook signatures.
export { decideContact } from './gate.ts';
export type { ContactDecision, Reason, ReasonCode } from './decision.ts';
export type {
  ChannelKind, ChannelTarget, CallDialing, Consent, ConsentKind, ContactEvent, ContactHistory, Debt, Debtor,
  InconvenientTime, LawfulBasis, OptOutScope, Purpose, PurposeTag, RecipientRole, Suppression,
} from './types.ts';
export { DEFAULT_POLICY, DEFAULT_ORG_POLICY, type GatePolicy, type OrgPolicy, type ChannelCaps } from './policy.ts';
export { week, type WeeklyHours, type DayHours } from './rules/window.ts';
export { resolveJurisdiction, isCountryCode, type Jurisdiction } from './jurisdiction.ts';
export { validationNoticeStatus, validationPeriod, type ValidationFacts, type ValidationNoticeStatus } from './packs/us-validation.ts';
export { holidaysIn, isPublicHoliday, hasHolidayCalendar, easterSunday, type Holiday } from './holidays/index.ts';
export { detectOptOut, suppressionsFor, normaliseText, type OptOutDetection, type Received } from './optout/detect.ts';
export { safeEqual, verifyEach, type SignatureCheck, type SignatureFailure } from './signatures/compare.ts';
export { twilioSignature, verifyTwilio, type TwilioRequest, type TwilioParams } from './signatures/twilio.ts';
export { metaSignature, verifyMeta, answerMetaHandshake, type MetaRequest, type MetaHandshake } from './signatures/meta.ts';
export { stripeSignature, verifyStripe, parseStripeHeader, STRIPE_TOLERANCE_SECONDS, type StripeRequest } from './signatures/stripe.ts';
export {
  mercadoPagoManifest, mercadoPagoSignature, verifyMercadoPago, type MercadoPagoRequest, type ManifestParts,
} from './signatures/mercadopago.ts';
export { adyenPayload, adyenSignature, verifyAdyen, type AdyenRequest } from './signatures/adyen.ts';
export { readTransmission, verificationBody, verificationAnswer, type PayPalTransmission } from './signatures/paypal.ts';
export { mailgunSignature, verifyMailgun, MAILGUN_TOLERANCE_SECONDS, type MailgunRequest } from './signatures/mailgun.ts';
export * from './store/index.ts';
export { lintMessage, messageText, type LintProblem, type LintRule, type LintSubject } from './lint/rules.ts';
export {
  lintPack, lintTemplate, lintShipped, assertShippedTemplates, describeFinding, placeContext, PLACES, type LintFinding, type Place,
} from './lint/catalogue.ts';
export * from './rights/index.ts';
