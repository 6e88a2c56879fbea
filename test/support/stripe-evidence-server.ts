// An API server on loopback with a fake Stripe (its evidence routes too) connected to a fresh org, for the tests of a
// gateway dispute's evidence that seed the dispute straight into the database (stripe-dispute-seed.ts).
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/index.ts';
import { buildServer } from '../../src/api/index.ts';
import { createOrg } from '../../src/orgs/index.ts';
import { sandboxAdapters } from '../../src/worker/index.ts';
import { testDb } from './db.ts';
import { fakeStripe, type FakeStripe } from './providers/stripe.ts';
import { withEvidence, type StripeEvidenceFake } from './providers/stripe-evidence.ts';

export interface StripeEvidenceServer { db: Db; app: FastifyInstance; stripe: FakeStripe; files: StripeEvidenceFake; org: string; close: () => Promise<void> }

export async function stripeEvidenceServer(clock: Date, tag: string, language = 'en'): Promise<StripeEvidenceServer> {
  const db = await testDb();
  const messaging = { adapters: sandboxAdapters(), publicUrl: '' };
  const app = await buildServer({ db, now: () => clock, messaging });
  messaging.publicUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const stripe = await fakeStripe({ secretKey: `sk_test_${tag}4242`, webhookSecret: `whsec_${tag}4242`, now: () => clock });
  const files = withEvidence(stripe);
  const org = (await createOrg(db, { name: `Evidence ${tag}`, country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
  await db.query('UPDATE orgs SET default_language = $2 WHERE id = $1', [org, language]);
  await stripe.connect(db, org);
  stripe.webhookUrl = `${messaging.publicUrl}/webhooks/stripe/${org}`;
  return { db, app, stripe, files, org, close: async () => { await stripe.close(); await app.close(); await db.close(); } };
}
