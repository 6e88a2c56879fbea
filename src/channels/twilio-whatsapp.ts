// WhatsApp through Twilio: whatsapp:-prefixed numbers, approved templates by ContentSid with ContentVariables, free text in the window.
import type { SignatureCheck } from '../compliance/index.ts';
import { parseTwilioMessaging, twilioCreate, verifyTwilioRequest, type TwilioConfig } from './twilio-common.ts';
import type { ChannelAdapter, InboundEvent, OutboundMessage, RawRequest, SendOptions, SendResult } from './types.ts';

export interface TwilioWhatsAppConfig extends TwilioConfig {
  /** The WhatsApp sender in E.164 (without the whatsapp: prefix). */
  from: string;
  /** Content SIDs of approved templates, keyed "name:language" (e.g. "cobro_due_today_friendly:pt_BR"). */
  contentSids: Readonly<Record<string, string>>;
}

function prefixed(n: string): string {
  return n.startsWith('whatsapp:') ? n : `whatsapp:${n}`;
}

export function twilioWhatsAppAdapter(cfg: TwilioWhatsAppConfig): ChannelAdapter {
  return {
    provider: 'twilio', channel: 'whatsapp', idempotentSends: false,
    async send(message: OutboundMessage, _options: SendOptions): Promise<SendResult> {
      const m = message.rendered;
      if (m.channel !== 'whatsapp') throw new Error(`twilio whatsapp adapter got a ${m.channel} message`);
      const fields: Record<string, string> = { To: prefixed(message.to), From: prefixed(message.from ?? cfg.from) };
      if (m.mode === 'text') fields['Body'] = m.text;
      else {
        const sid = cfg.contentSids[`${m.template.name}:${m.template.language}`];
        if (!sid) {
          return { ok: false, error: { kind: 'permanent', code: 'TEMPLATE_NOT_REGISTERED', message: `no Content SID for ${m.template.name} (${m.template.language})` } };
        }
        fields['ContentSid'] = sid;
        fields['ContentVariables'] = JSON.stringify(Object.fromEntries(m.template.parameters.map((p, i) => [String(i + 1), p])));
      }
      if (cfg.statusCallbackUrl) fields['StatusCallback'] = cfg.statusCallbackUrl;
      return twilioCreate(cfg, 'Messages', fields, 'twilio');
    },
    verifyWebhook(request: RawRequest): SignatureCheck {
      return verifyTwilioRequest(cfg, request);
    },
    parseWebhook(request: RawRequest): InboundEvent[] {
      return parseTwilioMessaging(request, 'twilio');
    },
  };
}
