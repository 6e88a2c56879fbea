// The org's logo at the top of the emails the dispatcher sends: through SMTP (nodemailer to a loopback smtp-server) the
// HTML part sits in multipart/related with the logo's bytes as an inline part of the Content-ID it names, alt text the
// org's name, sized from its pixel size; the sandbox keeps the cid reference and records the part (name, size, hash, not
// its bytes), and the message view gets the logo while it is the one sent. The logo is read once per send batch; an org
// without one sends as before: no image, no empty tag.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { simpleParser } from 'mailparser';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/api/index.ts';
import { smtpAdapter } from '../src/channels/index.ts';
import { recordConsent, setContactProfile } from '../src/compliance/index.ts';
import type { Db } from '../src/db/index.ts';
import { newId } from '../src/domain/ids.ts';
import { LOGO_CID } from '../src/messaging/index.ts';
import { createApiKey, createOrg, setOrgLogo } from '../src/orgs/index.ts';
import { dispatchOnce, listMessages, sandboxAdapters } from '../src/worker/index.ts';
import { imagesOf } from '../src/cli/outbox.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { bearer } from './support/api.ts';
import { testDb } from './support/db.ts';
import { JPEG, png } from './support/images.ts';
import { aSend } from './support/messaging.ts';
import { smtpSink } from './support/providers/smtp.ts';

const now = new Date('2026-03-10T15:00:00Z');
const LOGO = png(300, 90);
let db: Db;
let app: FastifyInstance;
let withLogo = '';
let without = '';
let viewer = '';

const anOrg = async (name: string) => (await createOrg(db, { name, country: 'ES', defaultCurrency: 'EUR', defaultTimezone: 'Europe/Madrid' })).id;

before(async () => {
  db = await testDb();
  app = await buildServer({ db, now: () => now });
  withLogo = await anOrg('Ruiz & Hijos');
  without = await anOrg('Sin Logo SL');
  assert.ok((await setOrgLogo(db, withLogo, 'test', LOGO, now)).ok);
  viewer = (await createApiKey(db, withLogo, 'viewer')).secret;
});
after(async () => { await app.close(); await db.close(); });

/** A reminder due now to a new debtor of the org, on the channels given; the action's id. */
async function due(org: string, channels: ('email' | 'sms')[] = ['email']): Promise<string> {
  const customer = await aCustomer(db, org, { country: 'ES', timezone: 'Europe/Madrid', language: 'es', email: `${newId('customer')}@cliente.example`, phone: '+34611000009' });
  await setContactProfile(db, org, 'test', customer.id, { debtor_type: 'business', lawful_basis: 'contract' }, new Date('2026-01-01T00:00:00Z'));
  const invoice = await anInvoice(db, org, { customer_id: customer.id, currency: 'EUR', amount: 150_000, due_date: '2026-02-01' });
  const caseId = newId('case');
  await db.query(`INSERT INTO cases (id, org_id, customer_id, status, strategy_id, strategy_version, cycle, opened_at) VALUES ($1, $2, $3, 'open', 'smb-default', 1, 1, $4)`,
    [caseId, org, customer.id, new Date('2026-02-02T00:00:00Z')]);
  for (const channel of channels) await recordConsent(db, org, 'test', customer.id, { kind: 'channel', channel, source: 'test' }, new Date('2026-01-01T00:00:00Z'));
  return aSend(db, org, { customer, invoice, caseId }, channels, { template: 'overdue-late-fee-warning' });
}

/** The database, counting the statements that read org_logos. */
function counting(target: Db): { db: Db; logoReads: () => number } {
  let reads = 0;
  const db = new Proxy(target, {
    get(t, p) {
      const v = Reflect.get(t, p, t) as unknown;
      if (p === 'query') {
        return (sql: string, ...rest: unknown[]) => {
          if (/\borg_logos\b/.test(sql)) reads++;
          return (t.query as (...a: unknown[]) => unknown).call(t, sql, ...rest);
        };
      }
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
  return { db, logoReads: () => reads };
}

describe('the org\'s logo in the emails sent', () => {
  it('goes over SMTP as an inline part in multipart/related, read once for the batch; an org without one sends no image', async () => {
    const sink = await smtpSink();
    const email = smtpAdapter({ host: '127.0.0.1', port: sink.port, from: 'Cobros <billing@cobros.example>' });
    try {
      for (let i = 0; i < 3; i++) await due(withLogo);
      await due(without);
      const { db: counted, logoReads } = counting(db);
      const r = await dispatchOnce({ db: counted, now: () => now, adapters: { ...sandboxAdapters(), email }, publicUrl: 'https://cobro.example' });
      assert.equal(r.sent, 4, JSON.stringify(r));
      assert.equal(logoReads(), 1, 'one read of the logos for the batch');
      assert.equal(sink.messages.length, 4);
      const mails = await Promise.all(sink.messages.map(async (m) => ({ raw: m.raw, mail: await simpleParser(m.raw, { keepCidLinks: true }) })));
      const logoMails = mails.filter((m) => (m.mail.html || '').includes('Ruiz &amp; Hijos'));
      assert.equal(logoMails.length, 3);
      for (const { raw, mail } of logoMails) {
        assert.match(raw, /Content-Type: multipart\/related;/);
        assert.equal(mail.attachments.length, 1);
        const part = mail.attachments[0]!;
        assert.deepEqual([part.cid, part.contentType, part.contentDisposition, part.filename], [LOGO_CID, 'image/png', 'inline', 'logo.png']);
        assert.ok(part.content.equals(LOGO), 'the logo\'s bytes');
        assert.ok((mail.html as string).includes(`<img src="cid:${LOGO_CID}" alt="Ruiz &amp; Hijos" width="200" height="60"`), 'alt the org\'s name, 300 x 90 shown at 200 x 60');
        assert.doesNotMatch(mail.text ?? '', /cid:|logo/i);
      }
      const plain = mails.find((m) => !logoMails.includes(m))!;
      assert.doesNotMatch(plain.raw, /multipart\/related|image\/png/);
      assert.equal(plain.mail.attachments.length, 0);
      assert.doesNotMatch(plain.mail.html as string, /<img|cid:/);
    } finally {
      email.close();
      await sink.close();
    }
  });

  it('reads no logo for a batch without email', async () => {
    const action = await due(withLogo, ['sms']);
    const { db: counted, logoReads } = counting(db);
    await dispatchOnce({ db: counted, now: () => now, adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' });
    const sms = (await listMessages(db, withLogo, { limit: 100 })).find((m) => m.action_id === action);
    assert.equal(sms?.status, 'delivered');
    assert.equal(logoReads(), 0);
  });

  it('is kept by the sandbox as it would go (the cid reference, the part without its bytes), and shown to the message view while unchanged', async () => {
    const action = await due(withLogo);
    const other = await due(without);
    await dispatchOnce({ db, now: () => now, adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' });
    const m = (await listMessages(db, withLogo, { limit: 100 })).find((x) => x.action_id === action)!;
    assert.equal(m.status, 'delivered');
    assert.ok(String(m.content['html']).includes(`src="cid:${LOGO_CID}"`));
    const images = m.content['images'] as Record<string, unknown>[];
    assert.equal(images.length, 1);
    assert.deepEqual({ ...images[0], sha256: typeof images[0]!['sha256'] }, { cid: LOGO_CID, filename: 'logo.png', contentType: 'image/png', alt: 'Ruiz & Hijos',
      size: LOGO.length, sha256: 'string' });
    assert.equal(imagesOf(m.content), ` [+ logo.png ${LOGO.length} B]`);
    const plain = (await listMessages(db, without, { limit: 100 })).find((x) => x.action_id === other)!;
    assert.equal(plain.content['images'], undefined);
    assert.doesNotMatch(String(plain.content['html']), /<img|cid:/);

    const url = `/v1/messages/${m.id}/images/${encodeURIComponent(LOGO_CID)}`;
    const shown = await app.inject({ method: 'GET', url, headers: bearer(viewer) });
    assert.equal(shown.statusCode, 200, shown.body);
    assert.equal(shown.headers['content-type'], 'image/png');
    assert.ok(shown.rawPayload.equals(LOGO));
    // replaced: the email carried the old one, which is no longer kept
    assert.ok((await setOrgLogo(db, withLogo, 'test', JPEG, now)).ok);
    assert.equal((await app.inject({ method: 'GET', url, headers: bearer(viewer) })).statusCode, 404);
  });
});
