// The messaging capability's public API: rendering templates per channel and language, previews and the catalogue.
export { renderMessage, previewTemplate, sampleContext, withSampleArrangement, ownText, ownTextUsed, type PreviewOptions } from './render.ts';
export { ANY_TONE, OWN_TEMPLATE, isOwnTemplateId, orgPack, orgTextFor, orgTextKey, type OrgText, type OrgTexts, type OrgTone } from './org-text.ts';
export * from './types.ts';
export { PACKS, packFor, findText, channelsOf, templateIds, templateTags, isConfirmationTemplate, type LanguagePack, type TemplateEntry, type TemplateTag } from './templates/index.ts';
export { disclosuresFor, type Applicable } from './disclosures.ts';
export { resolveLanguage, matchLanguage, formattingLocale, money, date } from './locale.ts';
export { newNoteForm, isNoteForm, writeNote, type NoteForm } from './note-form.ts';
export { countSegments, foldToGsm, gsm7Length, MAX_SEGMENTS, smsAsSent, SMS_FOLDS, type SmsFold } from './sms.ts';
export { whatsappTemplateName, approvedBody, parameterKeys } from './whatsapp.ts';
export { answerKeypress, type CallKind, type KeypressAction, type KeypressAnswer } from './voice.ts';
export { answerDialOutcome, answerIncomingKey, DIAL_RINGS_S, incomingGreeting, INCOMING_WORDS, putThrough, weekdayAndTime, type IncomingCall, type LinkOnCall, type When } from './voice-incoming.ts';
export { screenTwiml, SCREEN_WAIT_S } from './voice-screen.ts';
export { balanceTwiml, codeTwiml, maskedCode, maskedContent, VERIFY_WORDS, type CodeAnswer } from './voice-verify.ts';
export { callVoice, sayXml, gatherXml, dialXml, HANGUP_XML, twimlDocument, type CallVoice, type GatherOptions } from './twiml.ts';
export { escapeHtml, fill, parseTemplate, placeholdersOf } from './render-text.ts';
export { PLACEHOLDERS, type Placeholder } from './values.ts';
export { keptInlineImage } from './email-qr.ts';
export { LOGO_CID, LOGO_BOX, logoDisplaySize } from './email-logo.ts';
