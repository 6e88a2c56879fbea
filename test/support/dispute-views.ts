// What a collector and the ledger show of a gateway dispute in tests: the customer's review tasks over the API, and what
// the customer's payments in force add up to.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/index.ts';
import { bearer } from './api.ts';

export interface ReviewTaskView { id: string; priority: string; status: string; note: string; due_date: string; outcome: string | null }

/** The customer's review tasks as a collector reads the worklist (GET /v1/tasks). */
export async function reviewTasks(app: FastifyInstance, key: string, customerId: string): Promise<ReviewTaskView[]> {
  const r = await app.inject({ method: 'GET', url: `/v1/tasks?customer_id=${customerId}&kind=review`, headers: bearer(key) });
  assert.equal(r.statusCode, 200, r.body);
  return (r.json() as { data: ReviewTaskView[] }).data;
}

/** The sum of the customer's payments not reversed: what the org keeps of them. */
export async function keptPayments(db: Db, orgId: string, customerId: string): Promise<number> {
  const rows = await db.query<{ amount: number }>('SELECT amount FROM payments WHERE org_id = $1 AND customer_id = $2 AND reversed_at IS NULL', [orgId, customerId]);
  return rows.reduce((s, p) => s + Number(p.amount), 0);
}
