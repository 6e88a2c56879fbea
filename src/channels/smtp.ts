// Email over SMTP through nodemailer (any relay, pooled, DKIM optional), with a Message-ID derived from the idempotency key.
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type { SignatureCheck } from '../compliance/index.ts';
import type { EgressPolicy } from './egress.ts';
import { guardedSocket } from './egress-host.ts';
import type { ChannelAdapter, InboundEvent, OutboundMessage, ProviderError, RawRequest, SendOptions, SendResult } from './types.ts';

export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (465); otherwise STARTTLS when the server offers it. */
  secure?: boolean;
  auth?: { user: string; pass: string };
  /** "Company <billing@company.example>" */
  from: string;
  replyTo?: string;
  /** Domain of generated Message-IDs; the from address's domain otherwise. */
  messageIdDomain?: string;
  dkim?: { domainName: string; keySelector: string; privateKey: string };
  maxConnections?: number;
  /** Accept self-signed certificates (tests, internal relays). */
  allowInvalidCertificates?: boolean;
  /** CA certificates (PEM) trusted besides the system's: an internal relay's own CA. */
  ca?: string;
  /**
   * The operator's egress policy for a host an org set: each connection is opened to an address it allows (resolved and
   * checked here, TLS then verified against `host`'s name); none: unchecked (test fixtures).
   */
  egress?: EgressPolicy;
  /** How long opening a connection may take (ms): 30 s. */
  connectTimeoutMs?: number;
}

export interface SmtpAdapter extends ChannelAdapter {
  close(): void;
}

/** The same key always gives the same Message-ID, so a resend after a crash can be recognised downstream. */
export function messageIdFor(idempotencyKey: string, domain: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${domain}>`;
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  message?: string;
}

/** 5xx replies are permanent (550/551/553 on a recipient: hard bounce); 4xx, connection drops and timeouts are temporary. */
export function classifySmtpError(err: SmtpFailure): ProviderError {
  const message = err.message ?? 'SMTP error';
  const rc = err.responseCode;
  if (rc !== undefined && rc >= 500) {
    const hard = rc === 550 || rc === 551 || rc === 553 || rc === 501;
    return { kind: 'permanent', code: hard ? 'HARD_BOUNCE' : 'SMTP_REJECTED', message, providerCode: String(rc), ...(hard ? { contact: 'bounced' as const } : {}) };
  }
  if (err.code === 'EGRESS_REFUSED') return { kind: 'permanent', code: 'EGRESS_REFUSED', message };
  if (err.code === 'EAUTH' || (err.code === 'EENVELOPE' && rc === undefined)) return { kind: 'permanent', code: err.code, message };
  const uncertain = err.code === 'ETIMEDOUT' || err.code === 'ESOCKET' || err.code === 'ECONNECTION';
  return { kind: 'temporary', code: err.code ?? 'SMTP_TEMPORARY', message, ...(rc !== undefined ? { providerCode: String(rc) } : {}), ...(uncertain && err.code !== 'ECONNECTION' ? { uncertain: true } : {}) };
}

function domainOf(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'cobro.invalid';
}

export function smtpAdapter(cfg: SmtpConfig): SmtpAdapter {
  const options: SMTPPool.Options = {
    pool: true, host: cfg.host, port: cfg.port, secure: cfg.secure ?? false, maxConnections: cfg.maxConnections ?? 5, maxMessages: Infinity,
    ...(cfg.auth ? { auth: cfg.auth } : {}),
    ...(cfg.dkim ? { dkim: cfg.dkim } : {}),
    ...(cfg.allowInvalidCertificates || cfg.ca ? { tls: { ...(cfg.allowInvalidCertificates ? { rejectUnauthorized: false } : {}), ...(cfg.ca ? { ca: cfg.ca } : {}) } } : {}),
  };
  const egress = cfg.egress;
  // nodemailer would resolve the name itself: the socket is opened here instead (TLS, at once or by STARTTLS, is then
  // negotiated on it with the host's name as the server name)
  if (egress) {
    const timeoutMs = cfg.connectTimeoutMs ?? 30_000;
    options.getSocket = (_o, callback) => {
      guardedSocket(cfg.host, cfg.port, egress, timeoutMs).then((connection) => callback(null, { connection }), (e: Error) => callback(e));
    };
  }
  const transport = nodemailer.createTransport(options);
  const idDomain = cfg.messageIdDomain ?? domainOf(cfg.from);
  return {
    provider: 'smtp', channel: 'email',
    // SMTP has no idempotency key; the stable Message-ID only lets a duplicate be spotted.
    idempotentSends: false,
    async send(message: OutboundMessage, options: SendOptions): Promise<SendResult> {
      const m = message.rendered;
      if (m.channel !== 'email') throw new Error(`smtp adapter got a ${m.channel} message`);
      const messageId = messageIdFor(options.idempotencyKey, idDomain);
      try {
        const info = await transport.sendMail({
          from: message.from ?? cfg.from, to: message.to, subject: m.subject, text: m.text, html: m.html, messageId,
          headers: { ...m.headers, ...(message.refs?.actionId ? { 'X-Cobro-Action': message.refs.actionId } : {}) },
          ...(cfg.replyTo ? { replyTo: cfg.replyTo } : {}),
          // inline parts (the HTML shows each by its Content-ID): nodemailer puts them with the HTML in multipart/related
          ...(m.images?.length ? { attachments: m.images.map((i) => ({ filename: i.filename, content: Buffer.from(i.content, 'base64'),
            contentType: i.contentType, cid: i.cid, contentDisposition: 'inline' as const })) } : {}),
        });
        if (info.rejected.length > 0 && info.accepted.length === 0) {
          return { ok: false, error: { kind: 'permanent', code: 'HARD_BOUNCE', message: `recipient rejected: ${info.response}`, contact: 'bounced' } };
        }
        return { ok: true, receipt: { provider: 'smtp', providerMessageId: messageId, state: 'sent', acceptedAt: new Date() } };
      } catch (e) {
        return { ok: false, error: classifySmtpError(e as SmtpFailure) };
      }
    },
    // Bounces and replies arrive by DSN mail or a relay's own webhook, not through this adapter.
    verifyWebhook(_request: RawRequest): SignatureCheck {
      return { ok: false, code: 'NO_SECRET' };
    },
    parseWebhook(_request: RawRequest): InboundEvent[] {
      return [];
    },
    close(): void {
      transport.close();
    },
  };
}
