// A Stripe inquiry on the worklist (charge.dispute.created with warning_needs_response, no funds withdrawn, signed as Stripe
// signs): one high-priority review task due that day saying no money is held and when the answer is due, the payment kept
// whole; repeats and the nightly check open no second one; warning_closed completes it. An inquiry that becomes a chargeback
// (needs_response, funds withdrawn) keeps the same task, its note brought up to date, and the payment is reversed.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/index.ts';
import { buildServer } from '../src/api/index.ts';
import { createApiKey, createOrg } from '../src/orgs/index.ts';
import { checkGateways } from '../src/payments/index.ts';
import { sandboxAdapters } from '../src/worker/index.ts';
import { testDb } from './support/db.ts';
import { bearer } from './support/api.ts';
import { keptPayments, reviewTasks } from './support/dispute-views.ts';
import { paidAtStripe } from './support/stripe-paid.ts';
import { fakeStripe, type FakeStripe } from './support/providers/stripe.ts';

let db: Db;
let app: FastifyInstance;
let stripe: FakeStripe;
let clock = new Date('2026-03-10T17:00:00Z');
const later = (days: number) => { clock = new Date(clock.getTime() + days * 86_400_000); };
const messaging = { adapters: sandboxAdapters(), publicUrl: '' };
let org = '';
let collector = '';
before(async () => {
  db = await testDb();
  app = await buildServer({ db, now: () => clock, messaging });
  messaging.publicUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  stripe = await fakeStripe({ secretKey: 'sk_test_inquiry4242', webhookSecret: 'whsec_inquiry4242', now: () => clock });
  org = (await createOrg(db, { name: 'Inquiry tasks', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
  await stripe.connect(db, org);
  stripe.webhookUrl = `${messaging.publicUrl}/webhooks/stripe/${org}`;
  collector = (await createApiKey(db, org, 'collector')).secret;
});
after(async () => { await stripe.close(); await app.close(); await db.close(); });

const tasks = (customerId: string) => reviewTasks(app, collector, customerId);
const kept = (customerId: string) => keptPayments(db, org, customerId);
const nightly = () => checkGateways({ db, publicUrl: messaging.publicUrl }, org, new Date(clock.getTime() - 3 * 86_400_000), clock, 'worker');

describe('a Stripe inquiry on the worklist', () => {
  it('opens one task saying no money is held, once however often told; warning_closed completes it', async () => {
    const p = await paidAtStripe(db, stripe, messaging.publicUrl, org, 90_00, clock);
    assert.deepEqual(await stripe.deliver(p.completed), [200]);
    const inquiry = stripe.dispute(p.pi, 'warning_needs_response');
    assert.deepEqual(await stripe.deliver(inquiry, { times: 2 }), [200, 200]);
    await nightly();
    const [task, ...more] = await tasks(p.customerId);
    assert.equal(more.length, 0);
    assert.deepEqual([task!.priority, task!.status, task!.due_date], ['high', 'open', '2026-03-10']);
    assert.match(task!.note, new RegExp(`^Inquiry at Stripe, dispute dp_\\w+: 90.00 MXN questioned, no money held, on payment ${p.pi} \\(90.00 MXN\\)\\.`));
    assert.match(task!.note, /Reason: fraudulent\. Answer due at Stripe by 2026-03-17T17:00:00.000Z: answer there before then or it may become a chargeback\./);
    assert.equal(await kept(p.customerId), 90_00, 'an inquiry withdraws nothing');
    later(3);
    assert.deepEqual(await stripe.deliver(stripe.dispute(p.pi, 'warning_closed')), [200]);
    const [done] = await tasks(p.customerId);
    assert.deepEqual([done!.id, done!.status, done!.outcome], [task!.id, 'done', `closed at Stripe: no money was taken on payment ${p.pi}`]);
    assert.equal(await kept(p.customerId), 90_00);
  });

  it('keeps one task when the inquiry becomes a chargeback: its note says the money held, the payment is reversed; lost completes it', async () => {
    const p = await paidAtStripe(db, stripe, messaging.publicUrl, org, 40_00, clock);
    assert.deepEqual(await stripe.deliver(p.completed), [200]);
    assert.deepEqual(await stripe.deliver(stripe.dispute(p.pi, 'warning_needs_response')), [200]);
    const [asked] = await tasks(p.customerId);
    assert.match(asked!.note, /^Inquiry at Stripe/);
    later(2);
    const escalated = stripe.dispute(p.pi, 'needs_response');
    assert.equal(escalated.type, 'charge.dispute.funds_withdrawn');
    assert.deepEqual(await stripe.deliver(escalated, { times: 2 }), [200, 200]);
    const [task, ...more] = await tasks(p.customerId);
    assert.equal(more.length, 0);
    assert.deepEqual([task!.id, task!.status], [asked!.id, 'open']);
    assert.match(task!.note, new RegExp(`^Chargeback at Stripe, dispute dp_\\w+: 40.00 MXN held \\(payment reversed, the rest kept\\) on payment ${p.pi}`));
    assert.equal(await kept(p.customerId), 0);
    later(5);
    assert.deepEqual(await stripe.deliver(stripe.dispute(p.pi, 'lost')), [200]);
    const [done] = await tasks(p.customerId);
    assert.deepEqual([done!.id, done!.status, done!.outcome], [asked!.id, 'done', `lost at Stripe: 40.00 MXN on payment ${p.pi} stays reversed`]);
  });
});
