// Stripe's signed event delivered to a PGlite data folder a CLI test's commands use, as the webhook route would deliver it:
// the folder is opened for the delivery alone, since the command opens it in turn.
import assert from 'node:assert/strict';
import { openDb } from '../../src/db/index.ts';
import { stripeSignature } from '../../src/compliance/index.ts';
import { receiveGatewayWebhook } from '../../src/payments/webhooks.ts';

export async function deliverStripeToFolder(dataDir: string, orgId: string, secret: string, event: unknown, now: Date): Promise<void> {
  const body = Buffer.from(JSON.stringify(event));
  const ts = Math.floor(now.getTime() / 1000);
  const db = await openDb({ dataDir });
  try {
    const r = await receiveGatewayWebhook({ db }, 'stripe', orgId, { body, query: {}, headers: { 'stripe-signature': `t=${ts},v1=${stripeSignature(secret, ts, body)}` } }, now);
    assert.equal(r.status, 200);
  } finally { await db.close(); }
}
