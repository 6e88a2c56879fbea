// The debtor portal: signed, expiring links per customer, the optional second factor and its sessions, the debtor's view
// of what is owed, the actions they take (through the payments capability) and their contact preferences.
export { checkPortalToken, portalMac, portalToken, tokenNonce, newNonce, type PortalClaim, type TokenRefusal } from './token.ts';
export { createPortalLink, portalLinkFor, portalLinksFor, portalUrl, openPortalToken, markOpened, listPortalLinks, revokePortalLink, liveLinkToken, VIEW_AUDIT_MS,
  type PortalAccess, type PortalLink, type PortalLinkSource, type NewPortalLink } from './links.ts';
export { getPortalSettings, setPortalSettings, portalSettingsView, portalSettingsSchema, DEFAULT_PORTAL_SETTINGS, SECOND_FACTORS, type PortalSettings, type PortalSettingsView, type SecondFactor } from './settings.ts';
export { expectedAnswer, factorGate, normaliseAnswer, FACTOR_KEYS, type FactorGate, type FactorAttempt } from './factor.ts';
export { verifySecondFactor, sessionValid, sessionEnd, sessionCookieSeconds, type PortalSession } from './sessions.ts';
export { signOutPortal } from './sign-out.ts';
export { rememberPaymentReturn, paymentReturnTarget, type PaymentReturnCookie } from './pay-return.ts';
export { portalAccount, portalLocale, type PortalAccount, type PortalInvoice } from './account.ts';
export { portalActor, portalPay, portalPromise, portalPlanOptions, portalPlan, portalExtension, portalDispute, type PortalPayment } from './actions.ts';
export { contactPreferences, updateContactPreferences, maskAddress, PORTAL_CHANNELS, type ContactPreferences, type ChannelPreference, type PreferenceChange } from './contact.ts';
export { statementHtml } from './statement.ts';
export { statementPdf, paperFor, pdfText } from './statement-pdf.ts';
export { portalChat, portalChatMessage } from './chat.ts';
export { chatPush, CHAT_NOTIFY_CHANNEL, type ChatPush } from './chat-push.ts';
export { portalChatSince, portalStreamEnd, portalStreamKey, streamFrom, type ChatUpdate, type StreamEnd, type StreamFlags, type StreamFrom } from './chat-stream.ts';
export { chatSlots, type ChatSlot, type ChatSlots } from './chat-slots.ts';
export { portalCancelPromise, portalCancelPlan, PORTAL_CANCEL_REASON } from './cancel.ts';
export { portalHistory, portalHistoryPage, HISTORY_LIMIT, HISTORY_KINDS, type PortalHistory, type HistoryKind } from './history.ts';
export { portalDisputeAttachment } from './attachment.ts';
export { confirmPortalEvent, CONFIRMATION_TEMPLATES, type Confirmation, type PortalEvent } from './confirm.ts';
export { confirmStaffArrangement, getConfirmationSettings, setConfirmationSettings, DEFAULT_CONFIRMATION_SETTINGS, type ConfirmationSettings } from './confirm-staff.ts';
export { staffCancelPlan, staffCancelPromise, type StaffCancel } from './cancel-staff.ts';
export { confirmationChannel, type ConfirmationChannel } from './confirm-channel.ts';
