// PCI-3: debtors are only ever sent to the providers' own hosted pages. A checkout URL must be HTTPS on the provider's
// domain; only when the org's settings point the adapter at another API base (a test server) is that host accepted.
import type { GatewayName } from './types.ts';

const HOSTS: Record<GatewayName, RegExp> = {
  stripe: /^checkout\.stripe\.com$/,
  // www.mercadopago.com.mx, sandbox.mercadopago.com.br, mercadopago.cl ...
  mercadopago: /^(www\.|sandbox\.)?mercadopago\.(com(\.[a-z]{2})?|[a-z]{2})$/,
  // Pay by Link pages: test.adyen.link, and the live region's (eu.adyen.link, us.adyen.link ...)
  adyen: /^([a-z0-9-]+\.)?adyen\.link$/,
  // an order's approve / payer-action page: www.paypal.com, www.sandbox.paypal.com
  paypal: /^(www\.)?(sandbox\.)?paypal\.com$/,
};

export function checkoutUrlAllowed(provider: GatewayName, url: string, apiBase?: string): boolean {
  let u: URL;
  try { u = new URL(url); } catch { return false; }
  if (u.protocol === 'https:' && HOSTS[provider].test(u.hostname)) return true;
  if (!apiBase) return false;
  return u.host === new URL(apiBase).host;
}
