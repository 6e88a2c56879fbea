// Org-custom templates: an org's own wording of a shipped template per channel, tone and language, linted before it is kept.
export { checkOrgTemplate, lintOrgText, tonesOf, type OrgTemplateKey } from './check.ts';
export { OrgToneSchema } from './tone.ts';
export { getOrgTemplate, listOrgTemplates, orgTextsOf, saveOrgTemplate, type OrgTemplate, type OrgTemplateFilter } from './store.ts';
export { checkStrategyTemplates } from './strategy-check.ts';
export { removeOrgTemplate } from './remove.ts';
export { checkOneOffTemplate } from './one-off.ts';
export { orgTemplateVersion, orgTemplateVersions, type OrgTemplateVersion } from './versions.ts';
export { DEFAULT_SMS_SETTINGS, getSmsSettings, setSmsSettings, SmsSettingsPatch, smsSettingsJson, type SmsSettings } from './sms-settings.ts';
