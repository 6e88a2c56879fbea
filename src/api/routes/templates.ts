// Template lints through the API (the shipped catalogue, a template an org means to save) and the org's own template texts.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { lintShipped, lintTemplate, type LintFinding } from '../../compliance/index.ts';
import { templateLintSchema } from '../../compliance/lint/schema.ts';
import { LANGUAGES } from '../../messaging/index.ts';
import { getOrgTemplate, listOrgTemplates, orgTemplateVersions, OrgToneSchema, removeOrgTemplate, saveOrgTemplate } from '../../org-templates/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendFailure, sendResult } from '../errors.ts';
import { inTransaction } from '../tx.ts';
import { smsSettingsRoutes } from './sms-settings.ts';

const finding = z.object({
  template: z.string(), language: z.string(), channel: z.string(), tone: z.string(),
  place: z.enum(['US', 'BR', 'other']), rule: z.string(), message: z.string(),
}).meta({ id: 'TemplateLintFinding' });
const result = z.object({ ok: z.boolean(), findings: z.array(finding) });

const answer = (findings: LintFinding[]) => ({ ok: findings.length === 0, findings });

const channel = z.enum(['email', 'sms', 'whatsapp', 'voice']);
const tone = OrgToneSchema.meta({ description: 'friendly, neutral, formal, firm, or any: the text of every tone with no text of its own (a tone\'s own text wins)' });
const keyParams = z.object({ template: z.string().min(1).max(100), channel, tone, language: z.enum(LANGUAGES) });
const orgTemplate = z.object({
  template: z.string(), channel, tone, language: z.enum(LANGUAGES), subject: z.string().nullable(), body: z.string(),
  whatsapp_name: z.string().nullable(), version: z.number(), created_at: z.string(), updated_at: z.string(), updated_by: z.string(),
  version_id: z.string().meta({ description: 'the current wording\'s kept version (GET .../versions); messages sent with it name it' }),
}).meta({ id: 'OrgTemplate' });
/** One saved wording, kept unchanged: what a message sent with it was built from. */
export const orgTemplateVersion = z.object({
  id: z.string(), template: z.string(), channel, tone, language: z.enum(LANGUAGES), version: z.number(), subject: z.string().nullable(), body: z.string(),
  whatsapp_name: z.string().nullable(), sha256: z.string().meta({ description: 'SHA-256 of the wording, as in the template.saved audit entry' }),
  saved_at: z.string(), saved_by: z.string(),
}).meta({ id: 'OrgTemplateVersion' });
const saved = orgTemplate.extend({ warnings: z.array(z.string()) }).meta({ id: 'OrgTemplateSaved' });
const orgTemplateBody = z.object({
  subject: z.string().min(1).max(300).optional().meta({ description: 'email only' }),
  body: z.string().min(1).max(20_000).meta({ description: 'the text, with placeholders ({{customer_name}}, {{total_due}}, {{invoice_list}} ...); the greeting, closing, footer with the unsubscribe link, SMS opt-out and the notices the law asks for are added by cobro' }),
  whatsapp_name: z.string().min(1).max(512).optional().meta({ description: 'WhatsApp only: the name Meta approved the body under; its placeholders become {{1}}, {{2}} ... in order' }),
}).strict();

export const templateRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  await app.register(smsSettingsRoutes(deps));
  const tags = ['contact law'];
  app.get('/v1/templates/lint', { schema: { tags,
    summary: 'The contact-law lints over every shipped template, language, channel, tone and place (US-4, US-8, US-9, BR-1, WA-3, PCI-1)',
    response: { 200: result, ...errorResponses } } }, async () => answer(lintShipped()));
  app.post('/v1/templates/lint', { schema: { tags, summary: 'Lint a template before saving it: each finding names language, channel, tone, place and rule',
    body: templateLintSchema, response: { 200: result, ...errorResponses } } },
  async (req) => answer(lintTemplate(req.body.language, req.body.template_id, req.body.template)));

  const own = ['templates'];
  const managers = { roles: ['admin', 'manager'] as ('admin' | 'manager')[] };
  const path = '/v1/templates/custom/:template/:channel/:tone/:language';
  app.get('/v1/templates/custom', { schema: { tags: own, summary: 'The org\'s own template texts (each used instead of the shipped one for its template, channel, tone and language)',
    querystring: z.object({ template: z.string().optional(), channel: channel.optional(), language: z.enum(LANGUAGES).optional() }),
    response: { 200: z.object({ data: z.array(orgTemplate) }), ...errorResponses } } },
  async (req) => ({ data: await listOrgTemplates(deps.db, orgOf(req), req.query) }));
  app.get(path, { schema: { tags: own, summary: 'One of the org\'s own template texts', params: keyParams, response: { 200: orgTemplate, ...errorResponses } } },
  async (req, reply) => {
    const t = await getOrgTemplate(deps.db, orgOf(req), req.params);
    return t ?? sendFailure(reply, { code: 'NOT_FOUND', message: 'the org has no text of its own here: the shipped one is used', field: 'template' });
  });
  app.get(`${path}/versions`, { schema: { tags: own, summary: 'Every wording the text has had, newest first, each kept unchanged (a removed text\'s too): what the messages sent with it were built from',
    params: keyParams, response: { 200: z.object({ data: z.array(orgTemplateVersion) }), ...errorResponses } } },
  async (req) => ({ data: await orgTemplateVersions(deps.db, orgOf(req), req.params) }));
  app.put(path, { schema: { tags: own,
    summary: 'Save the org\'s own text of a shipped template for a channel, tone (or any: every tone without a text of its own) and language (audited, versioned); refused with 400 naming the field when the template lints find a problem (PCI-1, US-4, US-8, US-9, BR-1, WA-3) or a placeholder is unknown; an SMS over three segments is saved with a warning',
    params: keyParams, body: orgTemplateBody, response: { 200: saved, ...errorResponses } }, config: managers },
  async (req, reply) => {
    const { subject, body, whatsapp_name: whatsappName } = req.body;
    return sendResult(reply, await inTransaction(deps.db, (tx) => saveOrgTemplate(tx, orgOf(req), actorOf(req), req.params,
      { body, ...(subject !== undefined ? { subject } : {}), ...(whatsappName !== undefined ? { whatsappName } : {}) }, deps.now())));
  });
  app.delete(path, { schema: { tags: own, summary: 'Remove the org\'s own text: the shipped one (or another of the org\'s) is used again (audited); 409 naming template, the strategy and the step when an active strategy version sends the org\'s own template and would be left with no text on that channel for the step\'s tone or any tone', params: keyParams,
    response: { 200: orgTemplate, ...errorResponses } }, config: managers },
  async (req, reply) => sendResult(reply, await inTransaction(deps.db, (tx) => removeOrgTemplate(tx, orgOf(req), actorOf(req), req.params, deps.now()))));
};
