// POST /v1/providers/{provider}/webhooks/register: an admin has cobro set its webhook URLs at a connected provider through
// the provider's API (src/webhook-setup); the answer says per thing set whether it was registered, updated, already right,
// or refused by the provider (with the provider's words). Running it again changes nothing.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PROVIDER_NAMES } from '../../vault/index.ts';
import { isAdapterSource } from '../../worker/index.ts';
import { registerWebhooks, REGISTERED_BY_COBRO } from '../../webhook-setup/register.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';

const outcome = z.enum(['registered', 'updated', 'unchanged', 'failed']);
const registrationSchema = z.object({
  provider: z.string(),
  outcome: outcome.meta({ description: 'failed when any step failed; else registered, updated, or unchanged when everything was already set' }),
  steps: z.array(z.object({
    what: z.string().meta({ description: 'what was set: "endpoint <url>", "number +1…", "webhook <url>", "event delivered"' }),
    outcome, id: z.string().optional().meta({ description: 'the provider\'s id of it' }),
    detail: z.string().optional().meta({ description: 'the provider\'s status and message when it failed, or a note' }),
  })),
}).meta({ id: 'WebhookRegistration' });

export const webhookRegisterRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  app.post('/v1/providers/:provider/webhooks/register', {
    schema: { tags: ['providers'], summary: 'Register cobro\'s webhook URLs at a connected provider through its API, and keep the secret or id it gives back',
      description: `For ${REGISTERED_BY_COBRO.join(', ')}. Twilio: the sms_from and voice_from numbers' VoiceUrl, SmsUrl and StatusCallback (POST). `
        + 'Stripe: a webhook endpoint with the events cobro reads (its signing secret kept, sealed, as webhook_secret). PayPal: a webhook with the event types '
        + 'cobro reads (its id kept as webhook_id). Adyen: a Standard JSON webhook of the merchant account, or of company_account including the merchant '
        + 'account when that is set (its generated HMAC key kept as hmac_key). Mailgun: the domain\'s webhooks for delivered, opened, permanent_fail, complained '
        + 'and unsubscribed, and a route forwarding mail to inbound_addresses (or the from address) to cobro\'s inbound URL. SendGrid: a signed Event Webhook '
        + 'with the events cobro reads (its verification key kept as webhook_public_key, the one replaced as previous_webhook_public_key), and, when '
        + 'parse_hostname is set, that hostname\'s Inbound Parse setting posting to cobro\'s inbound URL, signed by a security policy (its key kept as parse_public_key). '
        + 'An existing registration with cobro\'s URL is '
        + 'updated, not duplicated. Refused (409, field COBRO_PUBLIC_URL) without a public URL, and (400, field provider) for a provider with no webhooks or '
        + 'whose webhooks cobro leaves to its console. A provider\'s refusal is a failed step with its words (200).',
      params: z.object({ provider: z.enum(PROVIDER_NAMES as [string, ...string[]]) }),
      response: { 200: registrationSchema, ...errorResponses } },
    config: { roles: ['admin'] as 'admin'[] },
  }, async (req, reply) => {
    const r = await registerWebhooks({ db: deps.db, secretKey: deps.secretKey, egress: deps.egress, publicUrl: deps.publicUrl, now: deps.now() },
      orgOf(req), actorOf(req), req.params.provider);
    // a kept secret or id is read again by the dispatcher and the gateways
    const a = deps.messaging?.adapters;
    if (r.ok && a && isAdapterSource(a)) a.invalidate(orgOf(req));
    return sendResult(reply, r);
  });
};
