// `cobro conversation CUSTOMER`, `cobro replies files REPLY_ID` and `cobro replies file FILE_ID --out PATH|-` on an
// embedded database holding a conversation (test/support/conversation-seed.ts): the lines in time order with what the
// agent read, the handover and the files; pages joined by --before; the PDF written byte for byte to a file and to
// stdout, and audited; unknown ids and another org's refused naming the argument. The commands are pinned to a PGlite
// folder, so the PostgreSQL lane does not run this file (test/conversation-page.test.ts runs the read on both).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDb } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { childNodeFlags, cobroCli, cobroSession, type CliSession } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';
import { aConversation, PDF_BYTES, type SeededConversation } from './support/conversation-seed.ts';

const session: CliSession = await cobroSession();

describe('the conversation and reply file commands', () => {
  let dir = '';
  let org = '';
  let mine: SeededConversation;
  let theirs: SeededConversation;
  const env = () => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' });
  const inOrg = async (...args: string[]) => (await session.run([...args, '--org', org], env())).stdout;
  const refused = (args: string[], pattern: RegExp) => assert.rejects(inOrg(...args), (e: { stderr: string }) => pattern.test(e.stderr));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-conversation-')); await pgliteFolder(join(dir, 'data'));
    const db = await openDb({ dataDir: join(dir, 'data') });
    try {
      org = (await createOrg(db, { name: 'Luna', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
      const other = (await createOrg(db, { name: 'Sol', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
      mine = await aConversation(db, org, 'ANA-1');
      theirs = await aConversation(db, other, 'ANA-2');
    } finally { await db.close(); }
  });
  after(async () => { await session.close(); rmSync(dir, { recursive: true, force: true }); });

  it('shows the conversation in time order with what the agent read, the handover and the reply\'s files', async () => {
    const text = await inOrg('conversation', 'ANA-1');
    assert.match(text, /^conversation with Ana Ruiz \(cus_\w+\)\n/);
    const lines = text.split('\n').filter((l) => /^\d{4}-/.test(l));
    assert.match(lines[0]!, new RegExp(`-> email  cobro due-today · delivered  \\[${mine.reminderId}\\]`));
    assert.match(text, new RegExp(`<- sms  debtor · read as talk_to_human \\(\\d\\.\\d\\d\\) → handed_over · handover hov_\\w+  \\[${mine.askId}\\]\\n    necesito hablar con alguien de ustedes`));
    assert.match(text, /-> portal {2}person · shown {2}\[cha_\w+\]\n {4}Hola Ana, soy Marta/);
    assert.match(lines.at(-1)!, new RegExp(`<- whatsapp  debtor  \\[${mine.fileReplyId}\\]`));
    assert.match(text, new RegExp(`file ${mine.pdfId}: comprobante.pdf · application/pdf · ${PDF_BYTES.length} bytes · stored\\n`));
    assert.match(text, new RegExp(`file ${mine.gifId}: sello.gif · image/gif · size not known · refused \\(not a JPEG, PNG, WebP, HEIC or PDF\\)`));
    assert.deepEqual(lines.map((l) => l.slice(0, 24)), [...lines.map((l) => l.slice(0, 24))].sort(), 'oldest first');
  });

  it('pages back with --limit and --before, and gives JSON with the files', async () => {
    const all = JSON.parse(await inOrg('conversation', mine.customerId, '--json'));
    assert.equal(all.has_more, false);
    const last = all.data.at(-1);
    assert.deepEqual(last.files.map((f: { id: string; name: string; type: string; size: number | null; status: string }) => [f.id, f.name, f.type, f.size, f.status]),
      [[mine.pdfId, 'comprobante.pdf', 'application/pdf', PDF_BYTES.length, 'stored'], [mine.gifId, 'sello.gif', 'image/gif', null, 'refused']]);
    const newest = JSON.parse(await inOrg('conversation', 'ANA-1', '--limit', '2', '--json'));
    assert.deepEqual([newest.data.length, newest.has_more, newest.next_before], [2, true, newest.data[0].id]);
    assert.match(await inOrg('conversation', 'ANA-1', '--limit', '2'), new RegExp(`older lines: cobro conversation ANA-1 --before ${newest.next_before}\\n`));
    const older = JSON.parse(await inOrg('conversation', 'ANA-1', '--before', newest.next_before, '--json'));
    assert.deepEqual([...older.data, ...newest.data].map((l: { id: string }) => l.id), all.data.map((l: { id: string }) => l.id));
  });

  it('refuses an unknown customer, another org\'s customer and a --before not in the conversation, naming them', async () => {
    await refused(['conversation', 'NOPE'], /CUSTOMER: no customer NOPE/);
    await refused(['conversation', theirs.customerId], /CUSTOMER: no customer/);
    await refused(['conversation', 'ANA-1', '--before', theirs.askId], new RegExp(`--before: no line ${theirs.askId}`));
    await refused(['conversation', 'ANA-1', '--limit', '0'], /--limit.*a whole number from 1 to 500/s);
  });

  it('lists a reply\'s files, and refuses an unknown reply or another org\'s', async () => {
    const { data } = JSON.parse(await inOrg('replies', 'files', mine.fileReplyId, '--json'));
    assert.deepEqual(data.map((f: { id: string; status: string; filename: string }) => [f.id, f.status, f.filename]),
      [[mine.pdfId, 'stored', 'comprobante.pdf'], [mine.gifId, 'refused', 'sello.gif']]);
    assert.match(await inOrg('replies', 'files', mine.fileReplyId), new RegExp(`${mine.pdfId}\\s+stored\\s+application/pdf\\s+comprobante.pdf\\s+${PDF_BYTES.length}`));
    assert.match(await inOrg('replies', 'files', mine.askId), /came with no files/);
    await refused(['replies', 'files', 'inm_nope'], /REPLY_ID: no reply inm_nope/);
    await refused(['replies', 'files', theirs.fileReplyId], new RegExp(`REPLY_ID: no reply ${theirs.fileReplyId}`));
  });

  it('writes a kept file byte for byte, to a file and to stdout, audited; refuses a refused, unknown or another org\'s file', async () => {
    const out = join(dir, 'proof.pdf');
    const r = await session.run(['replies', 'file', mine.pdfId, '--out', out, '--org', org], env());
    assert.ok(readFileSync(out).equals(PDF_BYTES), 'the bytes written are the bytes kept');
    assert.match(r.stderr, new RegExp(`wrote ${PDF_BYTES.length} bytes \\(application/pdf, sent as comprobante.pdf\\)`));
    const piped = await promisify(execFile)(process.execPath, [...childNodeFlags, await cobroCli(), 'replies', 'file', mine.pdfId, '--out', '-', '--org', org],
      { env: env(), encoding: 'buffer' });
    assert.ok(piped.stdout.equals(PDF_BYTES), 'stdout carries exactly the bytes kept');
    const audit = JSON.parse(await inOrg('audit', 'show', '--customer', 'ANA-1', '--json'));
    assert.deepEqual(audit.filter((e: { action: string }) => e.action === 'reply.attachment_downloaded').map((e: { actor: string; data: { attachment: string } }) =>
      [e.actor, e.data.attachment]), [['cli', mine.pdfId], ['cli', mine.pdfId]]);
    await refused(['replies', 'file', mine.gifId, '--out', join(dir, 'x')], new RegExp(`FILE_ID: no kept file ${mine.gifId}`));
    await refused(['replies', 'file', 'att_nope', '--out', join(dir, 'x')], /FILE_ID: no kept file att_nope/);
    await refused(['replies', 'file', theirs.pdfId, '--out', join(dir, 'x')], new RegExp(`FILE_ID: no kept file ${theirs.pdfId}`));
    await refused(['replies', 'file', mine.pdfId], /required option '--out <path>'/);
  });
});
