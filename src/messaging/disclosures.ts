// The texts the law adds to a message by where the debtor is: the US debt-collector notice, Brazil's supplier identification.
import type { Channel } from '../strategy/index.ts';
import type { LanguagePack } from './templates/types.ts';
import type { MessageContext } from './types.ts';

export interface Applicable {
  /** US-8: a consumer debt in the US. */
  usCollector: boolean;
  /** BR-1: any debtor in Brazil. */
  brSupplier: boolean;
}

export function disclosuresFor(ctx: MessageContext): Applicable {
  const country = ctx.customer.country?.toUpperCase();
  return { usCollector: country === 'US' && ctx.customer.debtorType !== 'business', brSupplier: country === 'BR' };
}

/**
 * The disclosure text a channel adds, with placeholders still in it. Email names the supplier in its footer already
 * (company, address, tax id), and a call is no written document, so Brazil's line goes on SMS and WhatsApp only.
 */
export function disclosureSource(pack: LanguagePack, a: Applicable, channel: Channel): string {
  const parts: string[] = [];
  if (a.usCollector) parts.push(pack.disclosures.usCollector);
  if (a.brSupplier && (channel === 'sms' || channel === 'whatsapp')) parts.push(pack.disclosures.brSupplier);
  // US-4: an electronic message about a debt says how to opt out; SMS always ends with it, WhatsApp adds it here
  if (a.usCollector && channel === 'whatsapp') parts.push(pack.smsOptOut);
  return parts.join(' ');
}

/** WhatsApp bodies are approved per text: a message carrying a disclosure is its own approved template. */
export function whatsappVariant(a: Applicable): string {
  return `${a.usCollector ? '_us' : ''}${a.brSupplier ? '_br' : ''}`;
}

/** Appends the disclosure to a source text, or returns it unchanged when there is none. */
export function withDisclosure(source: string, disclosure: string, separator = ' '): string {
  return disclosure ? `${source}${separator}${disclosure}` : source;
}
