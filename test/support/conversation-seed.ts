// A customer's conversation for the conversation tests (`cobro conversation`, conversationPage): a reminder sent and one
// still queued, an SMS asking for a person (the agent reads it and hands it over), a person's answer in the portal chat,
// and a WhatsApp reply with a kept PDF and a refused GIF. Opens no database of its own.
import type { Db } from '../../src/db/index.ts';
import { newId } from '../../src/domain/ids.ts';
import { queueAgentTurn, runAgentTurns, setAgentSettings } from '../../src/agent/index.ts';
import { aDebtor } from './debtor.ts';

/** A PDF's first bytes, then every byte value (NUL, CR, LF, 0x80..0xFF): written back byte for byte or not at all. */
export const PDF_BYTES = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('\r\n%%EOF\n')]);

export interface SeededConversation { customerId: string; caseId: string; askId: string; fileReplyId: string; pdfId: string; gifId: string; reminderId: string; answerId: string }

const at = (minutes: number) => new Date(Date.parse('2026-03-10T17:00:00Z') + minutes * 60_000);

async function message(db: Db, org: string, c: { customerId: string; caseId: string }, status: string, minutes: number): Promise<string> {
  const id = newId('message', at(minutes).getTime());
  await db.query(`INSERT INTO messages (id, org_id, action_id, case_id, customer_id, channel, address, template, status, next_attempt_at, content, created_at, updated_at, sent_at)
    VALUES ($1, $2, $3, $4, $5, 'email', 'ana@example.com', 'due-today', $6, $7, $8, $7, $7, $9)`,
  [id, org, newId('action'), c.caseId, c.customerId, status, at(minutes), JSON.stringify({ subject: 'Su factura vence hoy', text: 'Hola Ana, su factura vence hoy.' }),
    status === 'queued' ? null : at(minutes)]);
  return id;
}

async function reply(db: Db, org: string, customerId: string, channel: string, text: string, minutes: number): Promise<string> {
  const id = newId('inboundMessage', at(minutes).getTime());
  await db.query(`INSERT INTO inbound_messages (id, org_id, customer_id, channel, provider, provider_message_id, from_address, text, received_at, created_at)
    VALUES ($1, $2, $3, $4, $5, $1, '+5215500000011', $6, $7, $7)`, [id, org, customerId, channel, channel === 'sms' ? 'twilio' : 'meta', text, at(minutes)]);
  return id;
}

async function file(db: Db, org: string, customerId: string, inboundId: string, f: { name: string; type: string; data: Buffer | null; error: string | null }, minutes: number) {
  const id = newId('inboundAttachment', at(minutes).getTime());
  await db.query(`INSERT INTO inbound_attachments (id, org_id, inbound_id, customer_id, provider, provider_media_id, declared_type, filename, status, error, content_type,
      size, sha256, data, received_at, created_at, fetched_at)
    VALUES ($1, $2, $3, $4, 'meta', $1, $5, $6, $7, $8, $9, $10, NULL, $11, $12, $12, $12)`,
  [id, org, inboundId, customerId, f.type, f.name, f.data ? 'stored' : 'refused', f.error, f.data ? f.type : null, f.data?.length ?? null, f.data, at(minutes)]);
  return id;
}

export async function aConversation(db: Db, org: string, externalId: string): Promise<SeededConversation> {
  await setAgentSettings(db, org, 'test', { enabled: true }, at(0));
  const d = await aDebtor(db, org, { external_id: externalId, name: 'Ana Ruiz', phone: '+5215500000011', email: 'ana@example.com' });
  const c = { customerId: d.customer.id, caseId: d.caseId };
  const reminderId = await message(db, org, c, 'delivered', 0);
  await message(db, org, c, 'queued', 1); // not sent yet: not in the conversation
  const askId = await reply(db, org, c.customerId, 'sms', 'necesito hablar con alguien de ustedes', 10);
  await queueAgentTurn(db, org, { inboundId: askId, customerId: c.customerId, channel: 'sms' }, at(10));
  await runAgentTurns(db, org, at(11));
  const answerId = newId('chatAnswer', at(20).getTime());
  await db.query(`INSERT INTO portal_chat_answers (id, org_id, customer_id, author, actor, language, text, created_at) VALUES ($1, $2, $3, 'person', 'user:usr_1', 'es', $4, $5)`,
    [answerId, org, c.customerId, 'Hola Ana, soy Marta: mándenos el comprobante por favor.', at(20)]);
  const fileReplyId = await reply(db, org, c.customerId, 'whatsapp', 'aquí está el comprobante', 30);
  const pdfId = await file(db, org, c.customerId, fileReplyId, { name: 'comprobante.pdf', type: 'application/pdf', data: PDF_BYTES, error: null }, 30);
  const gifId = await file(db, org, c.customerId, fileReplyId, { name: 'sello.gif', type: 'image/gif', data: null, error: 'not a JPEG, PNG, WebP, HEIC or PDF' }, 31);
  return { ...c, askId, fileReplyId, pdfId, gifId, reminderId, answerId };
}
