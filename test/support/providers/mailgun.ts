// Mailgun's webhooks as Mailgun posts them: events as JSON { signature: { timestamp, token, signature }, "event-data" }, and
// mail forwarded by a route as form fields (multipart/form-data or form-encoded) carrying timestamp, token and signature.
import { randomBytes } from 'node:crypto';
import { mailgunSignature } from '../../../src/compliance/index.ts';

export interface MailgunSigned { timestamp: string; token: string; signature: string }

export interface MailgunWebhooks {
  sign(): MailgunSigned;
  /** The JSON body of an event webhook, freshly signed unless `signed` is given. */
  eventBody(eventData: Record<string, unknown>, signed?: MailgunSigned): string;
  postEvent(url: string, body: string): Promise<number>;
  /** Posts a forwarded message; multipart as Mailgun sends mail with attachments, form-encoded otherwise. */
  postInbound(url: string, fields: Record<string, string>, opts?: { multipart?: boolean; signed?: MailgunSigned }): Promise<number>;
}

export function mailgunWebhooks(opts: { signingKey: string; now: () => Date }): MailgunWebhooks {
  const sign = (): MailgunSigned => {
    const timestamp = String(Math.floor(opts.now().getTime() / 1000));
    const token = randomBytes(25).toString('hex');
    return { timestamp, token, signature: mailgunSignature(opts.signingKey, timestamp, token) };
  };
  const status = async (r: Response) => { await r.arrayBuffer(); return r.status; };
  return {
    sign,
    eventBody: (eventData, signed = sign()) => JSON.stringify({ signature: signed, 'event-data': eventData }),
    postEvent: async (url, body) => status(await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } })),
    async postInbound(url, fields, o = {}) {
      const all = { ...fields, ...(o.signed ?? sign()) };
      if (!o.multipart) {
        return status(await fetch(url, { method: 'POST', body: new URLSearchParams(all).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
      }
      const form = new FormData();
      for (const [k, v] of Object.entries(all)) form.append(k, v);
      form.append('attachment-1', new Blob(['%PDF-1.4 receipt'], { type: 'application/pdf' }), 'receipt.pdf');
      return status(await fetch(url, { method: 'POST', body: form }));
    },
  };
}

/** Event data as Mailgun sends it for a message cobro sent with this Message-ID (Mailgun drops the angle brackets). */
export function mailgunEvent(event: 'delivered' | 'opened' | 'failed' | 'complained' | 'unsubscribed', messageId: string, recipient: string,
  extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: randomBytes(11).toString('base64url'), event, timestamp: Date.now() / 1000, recipient, 'log-level': event === 'failed' ? 'error' : 'info',
    message: { headers: { 'message-id': messageId.replace(/^<|>$/g, ''), to: recipient, from: 'billing@acme.example', subject: 'Invoice reminder' } },
    ...extra,
  };
}
