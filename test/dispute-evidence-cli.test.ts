// `cobro disputes evidence show|set|submit` on a Stripe chargeback, against the fake Stripe on loopback (the operator
// allowing it with COBRO_EGRESS_ALLOW): the draft shown with its deadline, text and a file saved, a bad slot refused
// naming the field, the evidence submitted once (files uploaded, submit=true), a second submit refused. The commands are
// pinned to a PGlite folder, so the PostgreSQL lane does not run this file.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { seedStripeDispute } from './support/stripe-dispute-seed.ts';
import { cobroSession, type CliSession } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';
import { fakeStripe, type FakeStripe } from './support/providers/stripe.ts';
import { withEvidence, type StripeEvidenceFake } from './support/providers/stripe-evidence.ts';

const session: CliSession = await cobroSession();
const now = new Date();
let dir = '';
let stripe: FakeStripe;
let evidence: StripeEvidenceFake;
let dp = '';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cobro-dispute-evidence-'));
  await pgliteFolder(join(dir, 'data'));
  stripe = await fakeStripe({ secretKey: 'sk_test_evidence_cli', webhookSecret: 'whsec_evidence_cli', now: () => now });
  evidence = withEvidence(stripe);
  const db = await openDb({ dataDir: join(dir, 'data') });
  try {
    const org = (await createOrg(db, { name: 'Evidence CLI', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
    await stripe.connect(db, org);
    dp = (await seedStripeDispute(db, stripe, org, { name: 'Mario Ruiz', email: 'mario@cliente.example' }, 50_00, now)).dp;
  } finally { await db.close(); }
});
after(async () => { await stripe.close(); rmSync(dir, { recursive: true, force: true }); });

const env = () => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '', COBRO_EGRESS_ALLOW: '127.0.0.1/32' });
const cobro = async (...args: string[]) => (await session.run(args, env())).stdout;

describe('cobro disputes evidence', () => {
  it('shows the draft, saves text and a file, refuses a bad slot, submits once', async () => {
    const shown = await cobro('disputes', 'evidence', 'show', dp);
    assert.match(shown, new RegExp(`dispute ${dp} at stripe`));
    assert.match(shown, /evidence draft \(revision 0\); due by \d{4}-\d\d-\d\dT/);
    assert.match(shown, /customer Mario Ruiz <mario@cliente\.example>/);
    assert.match(shown, /documents: statement -> receipt, history -> customer_communication, summary -> \(left out\)/);
    const pdf = join(dir, 'delivery.pdf');
    writeFileSync(pdf, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const set = await cobro('disputes', 'evidence', 'set', dp, '--text', 'explanation=Delivered and signed for.', '--file', `shipping_documentation=${pdf}`);
    assert.match(set, /revision 1/);
    assert.match(set, /file evf_\w+ shipping_documentation: delivery\.pdf \(application\/pdf/);
    await assert.rejects(session.run(['disputes', 'evidence', 'set', dp, '--document', 'statement=nowhere'], env()), /documents\.statement: nowhere is not a Stripe evidence field/);
    const done = JSON.parse(await cobro('disputes', 'evidence', 'submit', dp, '--json')) as { status: string; gateway_reply: { submission_count: number } };
    assert.deepEqual([done.status, done.gateway_reply.submission_count], ['submitted', 1]);
    assert.equal(evidence.files.size, 3);
    assert.equal(evidence.updates.at(-1)!.form.submit, 'true');
    assert.match(evidence.updates.at(-1)!.form['evidence[uncategorized_text]']!, /Delivered and signed for\./);
    await assert.rejects(session.run(['disputes', 'evidence', 'submit', dp], env()), /already submitted to Stripe/);
  });
});
