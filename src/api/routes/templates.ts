// Template lints through the API: the shipped catalogue, and a template an org means to save.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { lintShipped, lintTemplate, type LintFinding } from '../../compliance/index.ts';
import { templateLintSchema } from '../../compliance/lint/schema.ts';
import type { ApiDeps } from '../context.ts';
import { errorResponses } from '../errors.ts';

const finding = z.object({
  template: z.string(), language: z.string(), channel: z.string(), tone: z.string(),
  place: z.enum(['US', 'BR', 'other']), rule: z.string(), message: z.string(),
}).meta({ id: 'TemplateLintFinding' });
const result = z.object({ ok: z.boolean(), findings: z.array(finding) });

const answer = (findings: LintFinding[]) => ({ ok: findings.length === 0, findings });

export const templateRoutes = (_deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['contact law'];
  app.get('/v1/templates/lint', { schema: { tags,
    summary: 'The contact-law lints over every shipped template, language, channel, tone and place (US-4, US-8, US-9, BR-1, WA-3, PCI-1)',
    response: { 200: result, ...errorResponses } } }, async () => answer(lintShipped()));
  app.post('/v1/templates/lint', { schema: { tags, summary: 'Lint a template before saving it: each finding names language, channel, tone, place and rule',
    body: templateLintSchema, response: { 200: result, ...errorResponses } } },
  async (req) => answer(lintTemplate(req.body.language, req.body.template_id, req.body.template)));
};
