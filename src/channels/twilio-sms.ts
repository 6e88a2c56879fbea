// SMS through Twilio's Messages API: form-encoded POST with basic auth and a StatusCallback; signed callbacks and replies back.
import type { SignatureCheck } from '../compliance/index.ts';
import { parseTwilioMessaging, twilioCreate, verifyTwilioRequest, type TwilioConfig } from './twilio-common.ts';
import type { ChannelAdapter, InboundEvent, OutboundMessage, RawRequest, SendOptions, SendResult } from './types.ts';

export interface TwilioSmsConfig extends TwilioConfig {
  /** A Twilio number in E.164, or a Messaging Service (one of the two). */
  from?: string;
  messagingServiceSid?: string;
}

export function twilioSmsAdapter(cfg: TwilioSmsConfig): ChannelAdapter {
  return {
    provider: 'twilio', channel: 'sms',
    // Twilio's Messages API takes no idempotency key: a crash between send and record is "uncertain".
    idempotentSends: false,
    send(message: OutboundMessage, _options: SendOptions): Promise<SendResult> {
      // (not async: the call's own promise is returned as is; a misuse rejects as an async send would)
      if (message.rendered.channel !== 'sms') return Promise.reject(new Error(`twilio sms adapter got a ${message.rendered.channel} message`));
      const from = message.from ?? cfg.from;
      const fields: Record<string, string> = { To: message.to, Body: message.rendered.text };
      if (cfg.messagingServiceSid && !message.from) fields['MessagingServiceSid'] = cfg.messagingServiceSid;
      else if (from) fields['From'] = from;
      else return Promise.reject(new Error('twilio sms adapter needs a from number or a messaging service'));
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
