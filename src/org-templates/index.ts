// Org-custom templates: an org's own wording of a shipped template per channel, tone and language, linted before it is kept.
export { checkOrgTemplate, lintOrgText, type OrgTemplateKey } from './check.ts';
export { getOrgTemplate, listOrgTemplates, orgTextsOf, removeOrgTemplate, saveOrgTemplate, type OrgTemplate, type OrgTemplateFilter } from './store.ts';
export { checkStrategyTemplates } from './strategy-check.ts';
