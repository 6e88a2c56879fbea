// The webhook URLs of an org at each provider: one table of provider -> paths (each one routed, see test/provider-webhook-urls.test.ts),
// made into full URLs under the configured public URL for GET /v1/providers and the Settings page.
import type { ProviderName } from '../vault/index.ts';

/** Who puts the URL at the provider: you (in the provider's console), or cobro (on each call, link or message it sends). */
export type SetBy = 'you' | 'cobro';
interface WebhookPath { path: string; purpose: string; for: string; set_by: SetBy; methods: ('GET' | 'POST')[] }

const post: ('GET' | 'POST')[] = ['POST'];
const p = (path: string, purpose: string, text: string, setBy: SetBy = 'you', methods: WebhookPath['methods'] = post): WebhookPath =>
  ({ path, purpose, for: text, set_by: setBy, methods });

/** `{org}` stands for the org's id. `purpose` is a stable code the web translates; `for` says it in English. */
export const WEBHOOK_PATHS: Partial<Record<ProviderName, readonly WebhookPath[]>> = {
  twilio: [
    p('twilio/{org}/messages', 'twilio.messages', 'message statuses and incoming SMS/WhatsApp: the number\'s "A message comes in" (cobro also sets it as StatusCallback)'),
    p('twilio/{org}/incoming', 'twilio.incoming', 'calls the debtor makes: the number\'s "A call comes in" (HTTP POST)'),
    p('twilio/{org}/voice', 'twilio.voice', 'call statuses (set by cobro on each call)', 'cobro'),
    p('twilio/{org}/gather', 'twilio.gather', 'the call menu\'s keys and speech (set by cobro in the call\'s TwiML)', 'cobro'),
    p('twilio/{org}/dialed', 'twilio.dialed', 'how a call put through to the agent ended (set by cobro in the call\'s TwiML)', 'cobro'),
  ],
  meta_whatsapp: [p('meta/{org}/whatsapp', 'meta.whatsapp', 'the app\'s callback URL, with the verify_token: message statuses and incoming messages', 'you', ['GET', 'POST'])],
  mailgun: [
    p('mailgun/{org}/events', 'mailgun.events', 'delivery events: delivered, opened, permanent failures, complaints, unsubscribes'),
    p('mailgun/{org}/inbound', 'mailgun.inbound', 'replies: a route\'s forward()'),
  ],
  sendgrid: [
    p('sendgrid/{org}/events', 'sendgrid.events', 'delivery events: the signed Event Webhook (Settings > Mail Settings)'),
    p('sendgrid/{org}/inbound', 'sendgrid.inbound', 'replies: the Inbound Parse webhook\'s URL, with a security policy signing it (its key as parse_public_key)'),
  ],
  smtp: [p('email/{org}', 'smtp.events', 'events from your own mail system (delivered, bounced, reply), signed with webhook_secret')],
  stripe: [p('stripe/{org}', 'stripe.events', 'payment, refund, dispute and payout events: the endpoint whose signing secret is webhook_secret')],
  mercadopago: [p('mercadopago/{org}', 'mercadopago.events', 'payment notifications (set by cobro on each payment link)', 'cobro')],
  adyen: [p('adyen/{org}', 'adyen.events', 'a Standard webhook (JSON) whose HMAC key is hmac_key')],
  paypal: [p('paypal/{org}', 'paypal.events', 'the webhook listener whose id is webhook_id')],
};

export interface WebhookUrl { url: string; purpose: string; for: string; set_by: SetBy; methods: ('GET' | 'POST')[] }

export const NO_PUBLIC_URL_NOTE = 'COBRO_PUBLIC_URL is not set: cobro does not know the address providers reach it at, so it cannot say the webhook URLs to register. '
  + 'Set it to the public https address of this server and restart.';

/** The full URLs of an org at a provider ([] for one with no webhooks), or null when no public URL is configured. */
export function webhookUrlsOf(publicUrl: string | undefined, orgId: string, provider: string): WebhookUrl[] | null {
  if (!publicUrl) return null;
  const base = publicUrl.replace(/\/+$/, '');
  return (WEBHOOK_PATHS[provider as ProviderName] ?? []).map(({ path, ...rest }) =>
    ({ url: `${base}/webhooks/${path.replace('{org}', encodeURIComponent(orgId))}`, ...rest, methods: [...rest.methods] }));
}
