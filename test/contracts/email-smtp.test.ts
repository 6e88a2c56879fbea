// Contract: email through a real SMTP server on loopback, with both parts, the RFC 8058 headers and the listed invoices.
import { after, before, describe, it } from 'node:test';
import { generateKeyPairSync } from 'node:crypto';
import assert from 'node:assert/strict';
import { messageIdFor, smtpAdapter, type SmtpAdapter } from '../../src/channels/index.ts';
import { renderMessage, sampleContext, type RenderedMessage } from '../../src/messaging/index.ts';
import { decodeWords, readMail, smtpSink, type SmtpSink } from '../support/providers/smtp.ts';
import { verifyDkim } from '../support/providers/dkim.ts';

function email(language: 'en' | 'es' | 'pt-BR'): RenderedMessage {
  const r = renderMessage({ templateId: 'overdue-formal', channel: 'email', tone: 'formal', context: sampleContext(language) });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('email over SMTP (nodemailer to smtp-server)', () => {
  let sink: SmtpSink;
  let adapter: SmtpAdapter;
  before(async () => {
    sink = await smtpSink({ 'gone@debtor.example': 550, 'busy@debtor.example': 451 });
    adapter = smtpAdapter({ host: '127.0.0.1', port: sink.port, from: 'Demo Supplies <billing@demo.example>' });
  });
  after(async () => { adapter.close(); await sink.close(); });

  it('delivers subject, text and HTML parts, unsubscribe headers and every invoice', async () => {
    const sent = await adapter.send({ to: 'ana@debtor.example', rendered: email('en') }, { idempotencyKey: 'org_1:case_1:after-3:1' });
    assert.ok(sent.ok, sent.ok ? '' : sent.error.message);
    assert.equal(sent.receipt.providerMessageId, messageIdFor('org_1:case_1:after-3:1', 'demo.example'));
    const got = sink.messages.at(-1);
    assert.ok(got);
    assert.deepEqual(got.to, ['ana@debtor.example']);
    const mail = readMail(got.raw);
    assert.equal(decodeWords(mail.headers.get('subject') ?? ''), 'Overdue balance of $1,730.50: Demo Supplies');
    assert.equal(mail.headers.get('list-unsubscribe'), '<https://app.example/u/tok123>');
    assert.equal(mail.headers.get('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
    assert.equal(mail.headers.get('message-id'), sent.receipt.providerMessageId);
    assert.match(mail.headers.get('content-type') ?? '', /multipart\/alternative/);
    for (const n of ['F-1001', 'F-1002', '$1,250.00', '$480.50']) {
      assert.ok(mail.text.includes(n), `text part lacks ${n}`);
      assert.ok(mail.html.includes(n), `html part lacks ${n}`);
    }
    assert.match(mail.html, /<table role="presentation"/);
    assert.match(mail.text, /Dear Ana,/);
  });
  it('EM-1: signs List-Unsubscribe and List-Unsubscribe-Post with DKIM, and a changed link fails the signature', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const signing = smtpAdapter({ host: '127.0.0.1', port: sink.port, from: 'Demo Supplies <billing@demo.example>',
      dkim: { domainName: 'demo.example', keySelector: 'cobro', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() } });
    try {
      const sent = await signing.send({ to: 'ana@debtor.example', rendered: email('en') }, { idempotencyKey: 'k-dkim' });
      assert.ok(sent.ok);
      const raw = sink.messages.at(-1)!.raw;
      const v = verifyDkim(raw, publicKey);
      assert.ok(v.ok, v.ok ? '' : v.reason);
      assert.ok(v.signed.includes('list-unsubscribe') && v.signed.includes('list-unsubscribe-post'), v.signed.join(':'));
      const forged = verifyDkim(raw.replace('https://app.example/u/tok123', 'https://evil.example/u/tok123'), publicKey);
      assert.deepEqual(forged, { ok: false, reason: 'signature does not verify' });
    } finally { signing.close(); }
  });
  it('keeps accents and BRL formatting through the wire in Portuguese', async () => {
    const sent = await adapter.send({ to: 'ana@debtor.example', rendered: email('pt-BR') }, { idempotencyKey: 'k-pt' });
    assert.ok(sent.ok);
    const mail = readMail(sink.messages.at(-1)?.raw ?? '');
    assert.equal(decodeWords(mail.headers.get('subject') ?? ''), 'Saldo em atraso de R$ 1.730,50: Demo Supplies');
    assert.match(mail.text, /após o vencimento/);
  });
  it('reports a 550 recipient as a permanent hard bounce and a 451 as temporary', async () => {
    const hard = await adapter.send({ to: 'gone@debtor.example', rendered: email('en') }, { idempotencyKey: 'k-550' });
    assert.ok(!hard.ok && hard.error.kind === 'permanent' && hard.error.contact === 'bounced');
    const soft = await adapter.send({ to: 'busy@debtor.example', rendered: email('en') }, { idempotencyKey: 'k-451' });
    assert.ok(!soft.ok && soft.error.kind === 'temporary', JSON.stringify(soft));
  });
  it('reports a server that is not there as temporary', async () => {
    const down = smtpAdapter({ host: '127.0.0.1', port: 1, from: 'billing@demo.example' });
    const r = await down.send({ to: 'ana@debtor.example', rendered: email('en') }, { idempotencyKey: 'k-down' });
    down.close();
    assert.ok(!r.ok && r.error.kind === 'temporary');
  });
});
