// The day a step is due is the debtor's local day: Bogota and Tokyo disagree around midnight UTC.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SMB_STRATEGY } from '../strategy/index.ts';
import { calendarFor } from './calendar/index.ts';
import { planCase } from './planner.ts';
import { aCase, anInvoice } from './test-fixtures.ts';

// Due Monday 2026-03-02, so the +3 step (after-3) is due on Thursday 2026-03-05, local time.
const rows: [zone: string, country: string, now: string, planned: string | null, next: string | null][] = [
  ['Asia/Tokyo', 'JP', '2026-03-04T14:59:00Z', null, '2026-03-04T15:00:00.000Z'],
  ['Asia/Tokyo', 'JP', '2026-03-04T15:00:00Z', 'after-3', '2026-03-08T15:00:00.000Z'],
  ['Asia/Tokyo', 'JP', '2026-03-05T00:30:00Z', 'after-3', '2026-03-08T15:00:00.000Z'],
  ['America/Bogota', 'CO', '2026-03-05T00:30:00Z', null, '2026-03-05T05:00:00.000Z'],
  ['America/Bogota', 'CO', '2026-03-05T04:59:59Z', null, '2026-03-05T05:00:00.000Z'],
  ['America/Bogota', 'CO', '2026-03-05T05:00:00Z', 'after-3', '2026-03-09T05:00:00.000Z'],
  ['America/Bogota', 'CO', '2026-03-06T04:30:00Z', 'after-3', '2026-03-09T05:00:00.000Z'],
];

describe('planning in the debtor\'s time zone', () => {
  for (const [zone, country, now, planned, next] of rows) {
    it(`${planned ? `plans ${planned}` : 'plans nothing'} for a debtor in ${zone} at ${now}`, () => {
      const state = aCase({
        invoices: [anInvoice({ dueDate: '2026-03-02' })],
        customer: { timeZone: zone, country },
        actions: ['before-3', 'due-day'].map((stepId) => ({
          idempotencyKey: `k-${stepId}`, stepId, occurrence: null, status: 'done' as const, scheduledFor: '2026-03-02',
        })),
      });
      const plan = planCase(state, SMB_STRATEGY, calendarFor(country).calendar, new Date(now));
      assert.deepEqual(plan.actions.map((a) => a.stepId), planned ? [planned] : []);
      assert.equal(plan.nextActionAt?.toISOString() ?? null, next);
    });
  }
});
