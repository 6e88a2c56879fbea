// /v1/templates/preview (a step rendered for a real customer, or a text not saved yet with the checks a save would make;
// nothing sent, the gate not asked) and /v1/message-costs
// (the org's cost rates per channel and country, and the cost of messages per customer for cost-per-account reporting).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LANGUAGES } from '../../messaging/index.ts';
import { ToneSchema } from '../../strategy/index.ts';
import { ROLES } from '../../orgs/index.ts';
import { costReport, getCostRates, previewDraft, previewMessage, setCostRates } from '../../worker/index.ts';
import { OrgToneSchema } from '../../org-templates/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendFailure, sendResult } from '../errors.ts';

const channel = z.enum(['email', 'sms', 'whatsapp', 'voice']);
const tone = ToneSchema;
const countryRates = z.record(z.string(), z.number());
const rates = z.object({ currency: z.string(), rates: z.object({ email: countryRates, sms: countryRates, whatsapp: countryRates, voice: countryRates,
  voice_minute: countryRates.meta({ description: 'per started minute of a call whose length the provider reported (the call never costing less than its voice attempt)' }) }) })
  .meta({ id: 'MessageCostRates', description: 'micro-units (millionths of the currency\'s major unit) per message by ISO country, * for the rest; SMS per segment, voice per attempt' });
const customerCost = z.object({ customer_id: z.string(), customer_name: z.string(), currency: z.string(), messages: z.number(),
  billed: z.number().meta({ description: 'messages counted at the price the provider billed (Twilio)' }),
  estimated: z.number().meta({ description: 'messages counted at the estimate from the org\'s rates' }),
  by_channel: z.record(z.string(), z.number()), cost_micros: z.number(), cost_minor: z.number() }).meta({ id: 'CustomerMessageCost' });
const day = z.string().regex(/^\d{4}-\d\d-\d\d$/, 'a date (YYYY-MM-DD)');

export const messageToolRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const links = () => ({ publicUrl: deps.messaging?.publicUrl ?? 'https://localhost', ...(deps.secretKey ? { secretKey: deps.secretKey } : {}) });

  app.post('/v1/templates/preview', {
    schema: { tags: ['messages'], summary: 'Render a step (or template) for a customer exactly as it would be sent now; nothing is sent and the gate is not asked. With `draft`, a text not saved yet: the checks a save would make (check) and the message rendered for the customer, or for the sample debtor without customer_id',
      body: z.object({ step: z.string().min(1).max(100), customer_id: z.string().min(1).optional().meta({ description: 'required without draft' }), channel,
        language: z.enum(LANGUAGES).optional().meta({ description: 'required with draft' }), tone: tone.optional(),
        draft: z.object({ tone: OrgToneSchema, subject: z.string().max(300).optional(), body: z.string().max(20_000),
          whatsapp_name: z.string().max(512).optional() }).strict().optional()
          .meta({ description: 'the org\'s own text of template `step` for the channel, this tone (or any) and `language`, as the editor has it' }) }),
      response: { 200: z.object({}).loose().meta({ id: 'MessagePreview' }), ...errorResponses } },
    // a POST that writes nothing and shows what a viewer can already read (the customer, the template): open to viewers too
    config: { roles: [...ROLES] },
  }, async (req, reply) => {
    const { customer_id: customer, draft, ...rest } = req.body;
    if (draft) {
      if (!rest.language) return sendFailure(reply, { code: 'VALIDATION_FAILED', message: 'a draft is previewed in the language it is written for: give language', field: 'language' });
      return sendResult(reply, await previewDraft(deps.db, orgOf(req), { template: rest.step, channel: rest.channel, tone: draft.tone, language: rest.language,
        body: draft.body, ...(draft.subject !== undefined ? { subject: draft.subject } : {}), ...(draft.whatsapp_name !== undefined ? { whatsappName: draft.whatsapp_name } : {}),
        ...(customer ? { customer } : {}) }, deps.now(), links()));
    }
    if (!customer) return sendFailure(reply, { code: 'VALIDATION_FAILED', message: 'give customer_id: the customer the step is rendered for', field: 'customer_id' });
    return sendResult(reply, await previewMessage(deps.db, orgOf(req), { ...rest, customer }, deps.now(), links()));
  });

  app.get('/v1/message-costs/rates', {
    schema: { tags: ['messages'], summary: 'The cost rates messages are priced with (the defaults with the org\'s changes)', response: { 200: rates, ...errorResponses } },
  }, async (req) => getCostRates(deps.db, orgOf(req)));

  app.put('/v1/message-costs/rates', {
    schema: { tags: ['messages'], summary: 'Change cost rates (country by country); replace: true starts again from the defaults',
      body: z.object({ currency: z.string().optional(), rates: z.record(z.string(), countryRates).optional(), replace: z.boolean().default(false) }),
      response: { 200: rates, ...errorResponses } },
    config: { roles: ['admin', 'manager'] },
  }, async (req, reply) => {
    const { replace, ...input } = req.body;
    return sendResult(reply, await deps.db.transaction((tx) => setCostRates(tx, orgOf(req), actorOf(req), input, deps.now(), replace)));
  });

  app.get('/v1/message-costs', {
    schema: { tags: ['messages'], summary: 'Cost of messages per customer (and currency), most expensive first: cost per account; each message at the price its provider billed when known, at its estimate otherwise',
      querystring: z.object({ customer_id: z.string().optional().meta({ description: 'id or external id' }), from: day.optional(), to: day.optional(), limit: z.coerce.number().int().min(1).max(10_000).optional() }),
      response: { 200: z.object({ data: z.array(customerCost) }), ...errorResponses } },
  }, async (req) => {
    const { customer_id: customerId, from, to, limit } = req.query;
    return { data: await costReport(deps.db, orgOf(req), { ...(customerId ? { customerId } : {}), ...(from ? { from: new Date(`${from}T00:00:00Z`) } : {}),
      ...(to ? { to: new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000) } : {}), ...(limit ? { limit } : {}) }) };
  });
};
