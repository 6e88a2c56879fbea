// A mailbox's mail read into cobro's inbound events: reports, automatic replies, replies with their quoted text cut.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mailEvents, readMail } from './imap-mail.ts';

const ref = { mailbox: 'INBOX', uidValidity: '7', uid: 3 };
const mail = (headers: string[], body: string) => Buffer.from([...headers, 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n'));

describe('readMail and mailEvents', () => {
  it('reads a reply: the sender, the new words, the message it answers; STOP in it comes as its own event', async () => {
    const read = await readMail(mail(['From: Ana <Ana@Cliente.example>', 'To: c@sol.example', 'Message-ID: <r1@x>', 'In-Reply-To: <sent@sol.example>'],
      'STOP\r\n\r\nOn Tue, Mar 10, 2026, Billing <c@sol.example> wrote:\r\n> Pay'), ref, 100_000);
    assert.equal(read.kind, 'reply');
    const events = mailEvents(read, '<sent@sol.example>');
    assert.deepEqual(events.map((e) => e.type), ['reply', 'opt_out']);
    assert.deepEqual(events[0], { type: 'reply', provider: 'imap', eventId: '<r1@x>', channel: 'email', providerMessageId: '<r1@x>', from: 'ana@cliente.example',
      to: 'c@sol.example', text: 'STOP', inReplyTo: '<sent@sol.example>' });
  });

  it('knows automatic replies by Auto-Submitted, X-Autoreply or an out-of-office subject, and never reads STOP in them', async () => {
    for (const h of ['Auto-Submitted: auto-replied', 'X-Autoreply: yes', 'Subject: Fuera de la oficina']) {
      const read = await readMail(mail(['From: a@b.example', 'Message-ID: <o@x>', h], 'STOP'), ref, 100_000);
      assert.equal(read.kind, 'automatic', h);
      assert.deepEqual(mailEvents(read, undefined).map((e) => e.type), ['reply']);
    }
    assert.equal((await readMail(mail(['From: a@b.example', 'Auto-Submitted: no'], 'hola'), ref, 100_000)).kind, 'reply');
  });

  it('names a mail without Message-ID by its place in the mailbox, and gives no event for a report of no known message', async () => {
    const read = await readMail(mail(['From: a@b.example'], 'hola'), ref, 100_000);
    assert.equal(read.eventId, 'imap:INBOX:7:3');
    assert.deepEqual(mailEvents({ kind: 'report', eventId: '<d@x>', outcome: { state: 'bounced', permanent: true, code: 'HARD_BOUNCE', message: '5.1.1' },
      refs: { messageIds: [] } }, undefined), []);
  });
});
