// Bounces and replies read from the org's IMAP mailbox (a loopback IMAP server), through the same inbound round as the
// webhooks: a hard-bounce DSN marks cobro's email bounced and suppresses the address; a Spanish reply to a reminder joins
// the conversation without the quoted reminder and the agent answers it by email through the gate; an out-of-office
// answer is kept but not answered; a second poll, and a UIDVALIDITY change, process nothing twice; an oversize message is
// skipped and recorded; a mailbox set to move what it reads moves it (MOVE, or COPY and EXPUNGE), and a missing folder is
// a recorded error that leaves the mail in place; a wrong password and a silent server give clear recorded errors, the password never shown.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { dispatchOnce, mailboxState, pollMailbox, processInbound, startMailboxes } from '../src/worker/index.ts';
import { setAgentSettings } from '../src/agent/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { smtpSink, readMail, type SmtpSink } from './support/providers/smtp.ts';
import { imapServer, silentServer, type ImapServer } from './support/imap-server.ts';
import { deliveryReport, forwardedMail, replyMail } from './support/mailbox-mail.ts';
import { aDebtor, aSend, connect, inboxOf, messagesOf, messagingServer, type MessagingServer } from './support/messaging.ts';

let db: Db;
let server: MessagingServer;
let sink: SmtpSink;
let imap: ImapServer;
let org: string;
const PASSWORD = 'buzón-Secreto "42"';
let clock = new Date('2026-03-10T17:00:00Z'); // Tuesday 11:00 in Mexico City
const tick = () => (clock = new Date(clock.getTime() + 2 * 60_000));
const mailbox = (over: Record<string, unknown> = {}) => ({ host: '127.0.0.1', port: imap.port, secure: false, user: 'cobranza@sol.example',
  max_message_bytes: 20_000, timeout_seconds: 5, ...over });

before(async () => {
  server = await messagingServer(() => clock, 'Papelería Sol');
  ({ db, org } = server);
  sink = await smtpSink();
  imap = await imapServer({ user: 'cobranza@sol.example', password: PASSWORD });
  await connect(db, org, 'smtp', { host: '127.0.0.1', port: sink.port, from: 'Cobranza <cobranza@sol.example>' }, {});
  await connect(db, org, 'imap', mailbox(), { password: PASSWORD });
  assert.ok((await setAgentSettings(db, org, 'test', { enabled: true }, clock)).ok);
});
after(async () => { await imap.close(); await sink.close(); await server.close(); });

/** A reminder emailed to `email` through the org's relay: the customer, the message as stored, and the mail the relay got. */
async function reminderTo(email: string) {
  const d = await aDebtor(db, org, { email }, ['email']);
  const action = await aSend(db, org, d, ['email'], { fallback: [] });
  await dispatchOnce({ db, now: () => clock, adapters: server.adapters, publicUrl: server.publicUrl });
  const [message] = await messagesOf(db, action);
  assert.equal(message?.status, 'sent');
  const raw = [...sink.messages].reverse().find((m) => m.to.includes(email))!.raw;
  return { d, action, message: message!, raw };
}

/** The worker's inbound work, now: the mailbox polled (at once), the events applied and the agent run, then a dispatch pass. */
async function round() {
  const at = tick();
  const polled = await pollMailbox({ db }, org, at, { force: true });
  await processInbound(db, org, at);
  await dispatchOnce({ db, now: () => at, adapters: server.adapters, publicUrl: server.publicUrl });
  return polled!;
}

const count = async (sql: string, args: unknown[]) => Number((await db.query<{ n: number }>(sql, args))[0]?.n ?? 0);

describe('the IMAP mailbox', () => {
  let bounce: Awaited<ReturnType<typeof reminderTo>>;
  let reply: Awaited<ReturnType<typeof reminderTo>>;
  let away: Awaited<ReturnType<typeof reminderTo>>;

  it('reads a hard bounce, a Spanish reply and an out-of-office answer, each through the inbound round as a webhook would bring it', async () => {
    bounce = await reminderTo('gone@cliente.example');
    reply = await reminderTo('ana@cliente.example');
    away = await reminderTo('lejos@cliente.example');
    const sentBefore = sink.messages.length;
    imap.add(deliveryReport({ id: '<dsn-0001@mx.sol.example>', recipient: 'gone@cliente.example', status: '5.1.1', diagnostic: '550 5.1.1 User unknown',
      returnedHeaders: bounce.raw.slice(0, bounce.raw.indexOf('\r\n\r\n')) }));
    imap.add(replyMail({ id: '<CAF=reply-ana@mail.cliente.example>', from: 'ana@cliente.example', inReplyTo: reply.message.provider_message_id!,
      text: 'Buenas tardes, les pago el viernes sin falta. Gracias.', quoted: 'Su factura está vencida.\nSaludos, Papelería Sol' }));
    imap.add(replyMail({ id: '<ooo-lejos@mail.cliente.example>', from: 'lejos@cliente.example', inReplyTo: away.message.provider_message_id!,
      subject: 'Respuesta automática: Su factura está vencida', headers: ['Auto-Submitted: auto-replied', 'X-Autoreply: yes'],
      text: 'Estoy fuera de la oficina hasta el lunes 16 de marzo.', quoted: 'Su factura está vencida.' }));

    const polled = await round();
    assert.deepEqual([polled.read, polled.stored, polled.duplicates, polled.automatic, polled.oversize, polled.error], [3, 3, 0, 1, 0, undefined]);
    assert.deepEqual(imap.messages.map((m) => m.flags.has('\\Seen')), [true, true, true], 'each message is flagged \\Seen once kept');
    // what the client sent, in IMAP4rev1's words: the unseen after the last UID, their sizes, each body (peeked), then \Seen
    const sent = imap.commands.map((c) => c.replace(/^\S+ /, ''));
    for (const c of ['SELECT INBOX', 'UID SEARCH UID 1:* UNSEEN', 'UID FETCH 1:3 (UID RFC822.SIZE)', 'UID FETCH 2 (UID BODY.PEEK[])', 'UID STORE 2 +FLAGS (\\Seen)']) {
      assert.ok(sent.includes(c) || (c.startsWith('UID FETCH 1:3') && sent.includes('UID FETCH 1,2,3 (UID RFC822.SIZE)')), `${c} in ${sent.join(' | ')}`);
    }

    // the bounce: cobro's email bounced, the address suppressed
    const [bounced] = await messagesOf(db, bounce.action);
    assert.deepEqual([bounced?.status, bounced?.reason], ['bounced', 'HARD_BOUNCE: 5.1.1 smtp; 550 5.1.1 User unknown']);
    const sup = await db.query<{ address: string; source: string }>('SELECT address, source FROM suppressions WHERE customer_id = $1', [bounce.d.customer.id]);
    assert.deepEqual(sup, [{ address: 'gone@cliente.example', source: 'provider' }]);

    // the reply: in the conversation without the quoted reminder, linked to the reminder, answered by the agent by email
    const [inbound] = await db.query<{ text: string; in_reply_to: string | null; channel: string }>(
      'SELECT text, in_reply_to, channel FROM inbound_messages WHERE customer_id = $1', [reply.d.customer.id]);
    assert.deepEqual(inbound, { text: 'Buenas tardes, les pago el viernes sin falta. Gracias.', in_reply_to: reply.message.id, channel: 'email' });
    const turns = await db.query<{ status: string; reply_message_id: string | null }>('SELECT status, reply_message_id FROM agent_turns WHERE customer_id = $1', [reply.d.customer.id]);
    assert.equal(turns.length, 1);
    assert.ok(turns[0]!.reply_message_id, 'the agent answered');
    const [answer] = await db.query<{ status: string; channel: string; address: string }>('SELECT status, channel, address FROM messages WHERE id = $1', [turns[0]!.reply_message_id]);
    assert.deepEqual(answer, { status: 'sent', channel: 'email', address: 'ana@cliente.example' }, 'the answer went through the gate and the relay');
    const newMail = sink.messages.slice(sentBefore);
    assert.deepEqual(newMail.map((m) => m.to), [['ana@cliente.example']], 'only Ana got an answer');
    assert.match(readMail(newMail[0]!.raw).text, /asistente automático de Papelería Sol/);

    // the out-of-office answer: kept, settled, not in the conversation, not answered
    assert.equal(await count('SELECT count(*)::int AS n FROM inbound_messages WHERE customer_id = $1', [away.d.customer.id]), 0);
    assert.equal(await count('SELECT count(*)::int AS n FROM agent_turns WHERE customer_id = $1', [away.d.customer.id]), 0);
    const auto = (await inboxOf(db, org)).find((e) => e.event_id === `${org}/<ooo-lejos@mail.cliente.example>`);
    assert.deepEqual([auto?.provider, auto?.status], ['email', 'processed']);
    assert.match(auto?.error ?? '', /automatic reply \(Auto-Submitted: auto-replied\): kept, not answered/);
  });

  it('processes nothing again on a second poll, nor after the folder is renumbered (a new UIDVALIDITY) and shows unread again', async () => {
    const inbox = (await inboxOf(db, org)).length;
    const replies = await count('SELECT count(*)::int AS n FROM inbound_messages WHERE org_id = $1', [org]);
    const turns = await count('SELECT count(*)::int AS n FROM agent_turns WHERE org_id = $1', [org]);
    const sent = sink.messages.length;
    const again = await round();
    assert.deepEqual([again.read, again.stored], [0, 0]);
    imap.uidValidity += 1;
    for (const m of imap.messages) m.flags.delete('\\Seen');
    const renumbered = await round();
    assert.deepEqual([renumbered.read, renumbered.stored, renumbered.duplicates], [3, 0, 3]);
    assert.equal((await mailboxState(db, org))?.uid_validity, String(imap.uidValidity));
    assert.equal((await inboxOf(db, org)).length, inbox);
    assert.equal(await count('SELECT count(*)::int AS n FROM inbound_messages WHERE org_id = $1', [org]), replies);
    assert.equal(await count('SELECT count(*)::int AS n FROM agent_turns WHERE org_id = $1', [org]), turns);
    assert.equal(sink.messages.length, sent, 'no second answer');
  });

  it('reads a delivery report forwarded inside a message/rfc822 attachment as one, and the same report come directly once', async () => {
    const gone = await reminderTo('ya-no@cliente.example');
    const dsn = deliveryReport({ id: '<dsn-fwd-0001@mx.sol.example>', recipient: 'ya-no@cliente.example', status: '5.1.1', diagnostic: '550 5.1.1 No such user',
      returnedHeaders: gone.raw.slice(0, gone.raw.indexOf('\r\n\r\n')) });
    imap.add(forwardedMail({ id: '<fwd-0001@sol.example>', from: 'Administración <admin@sol.example>', note: 'Les reenvío este rebote.', inner: dsn }));
    const polled = await round();
    assert.deepEqual([polled.read, polled.stored, polled.automatic, polled.error], [1, 1, 0, undefined]);
    const [bounced] = await messagesOf(db, gone.action);
    assert.deepEqual([bounced?.status, bounced?.reason], ['bounced', 'HARD_BOUNCE: 5.1.1 smtp; 550 5.1.1 No such user']);
    const sup = await db.query<{ address: string }>('SELECT address FROM suppressions WHERE customer_id = $1', [gone.d.customer.id]);
    assert.deepEqual(sup, [{ address: 'ya-no@cliente.example' }]);
    assert.equal(await count('SELECT count(*)::int AS n FROM inbound_messages WHERE customer_id = $1', [gone.d.customer.id]), 0, 'not taken for a reply');
    imap.add(dsn);
    const direct = await round();
    assert.deepEqual([direct.read, direct.stored, direct.duplicates], [1, 0, 1], 'kept under the report\'s own Message-ID');
  });

  it('skips a message over the size limit, records it, and leaves it unread for a person', async () => {
    const big = imap.add(replyMail({ id: '<big@mail.cliente.example>', from: 'ana@cliente.example', inReplyTo: '<none@sol.example>',
      text: `Adjunto el comprobante.\n${'x'.repeat(30_000)}`, quoted: '' }));
    const polled = await round();
    assert.deepEqual([polled.read, polled.oversize, polled.stored], [0, 1, 0]);
    assert.equal(big.flags.has('\\Seen'), false);
    const row = (await inboxOf(db, org)).find((e) => e.event_id === `${org}/imap:INBOX:${imap.uidValidity}:${big.uid}`);
    assert.equal(row?.status, 'failed');
    assert.match(row?.error ?? '', /over the mailbox's limit of 20000/);
    assert.equal((await mailboxState(db, org))?.oversize, 1);
    assert.equal((await round()).oversize, 0, 'not tried again');
  });

  it('records a wrong password as a clear error on the mailbox, logged by the worker without the password', async () => {
    const other = (await createOrg(db, { name: 'Otra', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
    await connect(db, other, 'imap', mailbox(), { password: 'not-the-password' });
    const logged: string[] = [];
    const log = { info: () => undefined, error: (o: object, msg: string) => { logged.push(`${msg} ${JSON.stringify(o)}`); } };
    // the worker's mailbox loop (apart from its org rounds) visits every connected mailbox whose turn has come
    const loop = startMailboxes({ db, now: () => tick(), intervalMs: 0, log });
    await loop.scan();
    await loop.stop();
    const state = await mailboxState(db, other);
    assert.equal(state?.last_error_code, 'IMAP_AUTH_FAILED');
    assert.match(state?.last_error ?? '', /refused the login of cobranza@sol\.example: Invalid credentials/);
    assert.equal(state?.failures, 1);
    const line = logged.find((l) => l.includes(other) && l.includes('mailbox poll failed'));
    assert.ok(line, 'the worker logs the failure');
    assert.ok(!line.includes('not-the-password') && !JSON.stringify(state).includes('not-the-password'), 'the password is never shown');
    assert.ok(imap.commands.some((c) => /^\S+ LOGIN "cobranza@sol\.example" \[password\]$/.test(c)), 'the client logged in with LOGIN');
    assert.equal((await mailboxState(db, org))?.last_error, null, 'the good mailbox polled without error in the same scan');
  });

  it('moves each message it keeps to the named folder, with MOVE where the server has it and COPY, \\Deleted, EXPUNGE where not', async () => {
    for (const capabilities of [['MOVE'], []]) {
      const box = await imapServer({ user: 'cobranza@sol.example', password: PASSWORD, folders: ['Procesados'], capabilities });
      const mover = (await createOrg(db, { name: `Mueve ${capabilities.length}`, country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
      await connect(db, mover, 'imap', mailbox({ port: box.port, after_read: 'move', move_to: 'Procesados' }), { password: PASSWORD });
      box.add(deliveryReport({ id: `<dsn-move-${capabilities.length}@mx.example>`, recipient: 'nadie@cliente.example', status: '5.1.1', diagnostic: '550 5.1.1 User unknown',
        returnedHeaders: 'Message-ID: <elsewhere@other.example>\r\nSubject: hola' }));
      box.add(replyMail({ id: `<ok-move-${capabilities.length}@mail.example>`, from: 'x@cliente.example', inReplyTo: '<none@sol.example>', text: 'Recibido.', quoted: '' }));
      const polled = await pollMailbox({ db }, mover, tick(), { force: true });
      await box.close();
      assert.deepEqual([polled?.read, polled?.error], [2, undefined], capabilities.join() || 'no MOVE');
      assert.equal(box.messages.length, 0, 'nothing left in INBOX');
      assert.deepEqual(box.folders['Procesados']!.map((m) => m.source.toString().match(/Message-ID: (\S+)/i)?.[1]),
        [`<dsn-move-${capabilities.length}@mx.example>`, `<ok-move-${capabilities.length}@mail.example>`]);
      const sent = box.commands.map((c) => c.replace(/^\S+ /, ''));
      if (capabilities.includes('MOVE')) assert.ok(sent.includes('UID MOVE 1 Procesados') && !sent.some((c) => c.startsWith('UID COPY')), sent.join(' | '));
      else assert.ok(['UID COPY 1 Procesados', 'UID STORE 1 +FLAGS.SILENT (\\Deleted)'].every((c) => sent.includes(c)) && sent.some((c) => c.startsWith('EXPUNGE')), sent.join(' | '));
      assert.equal((await inboxOf(db, mover)).length, 2, 'both kept once');
    }
  });

  it('records a move to a folder that does not exist, leaves the message in place, and keeps it once when read again', async () => {
    const box = await imapServer({ user: 'cobranza@sol.example', password: PASSWORD });
    const mover = (await createOrg(db, { name: 'Sin carpeta', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
    await connect(db, mover, 'imap', mailbox({ port: box.port, after_read: 'move', move_to: 'Archivo' }), { password: PASSWORD });
    box.add(replyMail({ id: '<nofolder@mail.example>', from: 'x@cliente.example', inReplyTo: '<none@sol.example>', text: 'Hola.', quoted: '' }));
    const first = await pollMailbox({ db }, mover, tick(), { force: true });
    assert.equal(first?.error?.code, 'IMAP_ERROR');
    assert.match(`${first?.error?.message}`, /could not move UID 1 to Archivo: the server refused \(does the folder exist\?\)/);
    assert.match(`${(await mailboxState(db, mover))?.last_error}`, /Archivo/);
    assert.equal(box.messages.length, 1, 'still in INBOX');
    box.folders['Archivo'] = [];
    const second = await pollMailbox({ db }, mover, tick(), { force: true });
    await box.close();
    assert.deepEqual([second?.read, second?.stored, second?.duplicates, second?.error], [1, 0, 1, undefined]);
    assert.deepEqual([box.messages.length, box.folders['Archivo'].length], [0, 1]);
    assert.equal((await inboxOf(db, mover)).length, 1);
  });

  it('gives up on a server that never greets after the timeout, with a recorded IMAP_TIMEOUT', async () => {
    const silent = await silentServer();
    const quiet = (await createOrg(db, { name: 'Muda', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
    await connect(db, quiet, 'imap', mailbox({ port: silent.port, timeout_seconds: 1 }), { password: PASSWORD });
    const polled = await pollMailbox({ db }, quiet, tick(), { force: true });
    await silent.close();
    assert.equal(polled?.error?.code, 'IMAP_TIMEOUT');
    assert.equal((await mailboxState(db, quiet))?.last_error_code, 'IMAP_TIMEOUT');
  });
});
