// Which provider API call sets an org's webhooks, from the org's stored credentials: the settings and secrets each
// registrar needs, and the URLs (by purpose) it sets.
import type { EgressPolicy } from '../channels/index.ts';
import { paypalBase } from '../payments/gateways/paypal.ts';
import { registerAdyen } from './adyen.ts';
import { registerMailgun } from './mailgun.ts';
import { registerMailgunRoute } from './mailgun-route.ts';
import { registerPayPal } from './paypal.ts';
import { registerSendGrid } from './sendgrid.ts';
import { registerSendGridParse } from './sendgrid-parse.ts';
import { registerStripe } from './stripe.ts';
import { registerTwilio, twilioNumbers } from './twilio.ts';
import { failed, type Registered, type SetupCall } from './types.ts';

export type Registrable = 'twilio' | 'stripe' | 'paypal' | 'adyen' | 'mailgun' | 'sendgrid';

type Creds = { settings: Record<string, unknown>; secrets: Record<string, unknown> };
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function registrar(s: SetupCall, egress: EgressPolicy | undefined, orgId: string, p: Registrable, c: Creds, url: (purpose: string) => string): Promise<Registered> {
  const { settings: o, secrets: k } = c;
  switch (p) {
    case 'stripe': return registerStripe(s, { secretKey: str(k['secret_key']) ?? '', apiBase: str(o['api_base']), hasSecret: Boolean(k['webhook_secret']) },
      url('stripe.events'));
    case 'paypal': return registerPayPal(s, { base: paypalBase({ environment: o['environment'] === 'live' ? 'live' : 'sandbox', apiBase: str(o['api_base']) }),
      clientId: str(o['client_id']) ?? '', clientSecret: str(k['client_secret']) ?? '', egress }, str(o['webhook_id']), url('paypal.events'));
    case 'twilio': return registerTwilio(s, { accountSid: str(o['account_sid']) ?? '', authToken: str(k['auth_token']) ?? '', apiBase: str(o['api_base']),
      numbers: twilioNumbers(o) }, { incoming: url('twilio.incoming'), messages: url('twilio.messages'), voice: url('twilio.voice') });
    case 'adyen': {
      const user = str(o['basic_auth_username']);
      const password = str(k['basic_auth_password']);
      return registerAdyen(s, { apiKey: str(k['api_key']) ?? '', merchantAccount: str(o['merchant_account']) ?? '', environment: o['environment'] === 'live' ? 'live' : 'test',
        apiBase: str(o['api_base']), basicAuth: user && password ? { username: user, password } : undefined, hasKey: Boolean(k['hmac_key']),
        companyAccount: str(o['company_account']) },
        url('adyen.events'));
    }
    case 'mailgun': {
      const apiKey = str(k['api_key']);
      const domain = str(o['domain']);
      if (!apiKey) return Promise.resolve({ steps: [failed('events', 'secrets.api_key: Mailgun\'s API key is needed to set the domain\'s webhooks (PUT /v1/providers/mailgun)')] });
      if (!domain) return Promise.resolve({ steps: [failed('events', 'settings.domain: the sending domain whose webhooks are set (PUT /v1/providers/mailgun)')] });
      const access = { apiKey, domain, region: o['region'] === 'eu' ? 'eu' as const : 'us' as const, apiBase: str(o['api_base']) };
      return registerMailgun(s, access, url('mailgun.events')).then(async (events) => {
        const addresses = inboundAddresses(o);
        const route = addresses.length > 0 ? await registerMailgunRoute(s, access, orgId, addresses, url('mailgun.inbound'))
          : failed('route', 'settings.inbound_addresses: the addresses replies arrive at (or settings.from) are needed for the inbound route');
        return { steps: [...events.steps, route] };
      });
    }
    case 'sendgrid': {
      const apiKey = str(k['api_key']) ?? '';
      const hostname = str(o['parse_hostname']);
      return registerSendGrid(s, { apiKey, apiBase: str(o['api_base']), publicKey: str(o['webhook_public_key']) }, url('sendgrid.events')).then(async (events) => {
        // replies: only with a parse hostname (a subdomain whose MX points at SendGrid), never the sending domain guessed
        if (!hostname) return events;
        const parse = await registerSendGridParse(s, { apiKey, apiBase: str(o['api_base']), publicKey: str(o['parse_public_key']) }, orgId, hostname,
          url('sendgrid.inbound'));
        return { steps: [...events.steps, ...parse.steps], settings: [events.settings ?? [], parse.settings ?? []].flat() };
      });
    }
  }
}

/** The addresses Mailgun routes to cobro: inbound_addresses, else the address mail goes out from (replies come back to it). */
export function inboundAddresses(settings: Record<string, unknown>): string[] {
  const listed = settings['inbound_addresses'];
  if (Array.isArray(listed) && listed.length > 0) return listed.filter((a): a is string => typeof a === 'string');
  const from = str(settings['from']);
  const address = from ? (/<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? (/^[^<>\s]+@[^<>\s]+$/.test(from.trim()) ? from.trim() : undefined)) : undefined;
  return address ? [address] : [];
}

