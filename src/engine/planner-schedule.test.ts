// Every default step lands on the right local date: across month ends, leap days, holidays and time
// zones, whether the tick runs every day or only when next_action_at says so.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays } from '../domain/index.ts';
import { CONSUMER_STRATEGY, GENTLE_STRATEGY, SMB_STRATEGY, type Strategy } from '../strategy/index.ts';
import { calendarFor } from './calendar/index.ts';
import type { CaseState } from './case-state.ts';
import { planCase } from './planner.ts';
import { applyPlan, simulateCase } from './simulate-case.ts';
import { aCase, anInvoice } from './test-fixtures.ts';
import { startOfDayInZone } from './zone.ts';

interface Row {
  title: string;
  strategy: Strategy;
  country: string;
  timeZone: string;
  dueDate: string;
  riskBand?: 'low' | 'medium' | 'high';
  /** `step date` for every planned action and `step date skipped:reason` for every skip, in order. */
  expected: string[];
}

const rows: Row[] = [
  { title: 'SMB in Bogota around San José and Holy Week', strategy: SMB_STRATEGY, country: 'CO', timeZone: 'America/Bogota', dueDate: '2026-03-20',
    expected: ['before-3 2026-03-17', 'due-day 2026-03-20', 'after-3 2026-03-24', 'after-7 2026-03-27', 'after-15 2026-04-06'] },
  { title: 'SMB across the January month end and Presidents Day', strategy: SMB_STRATEGY, country: 'US', timeZone: 'America/Chicago', dueDate: '2026-01-30',
    expected: ['before-3 2026-01-27', 'due-day 2026-01-30', 'after-3 2026-02-02', 'after-7 2026-02-06', 'after-15 2026-02-17'] },
  { title: 'SMB due on the leap day 2028-02-29 in Mexico City', strategy: SMB_STRATEGY, country: 'MX', timeZone: 'America/Mexico_City', dueDate: '2028-02-29',
    expected: ['before-3 2028-02-28', 'due-day 2028-02-29', 'after-3 2028-03-03', 'after-7 2028-03-07', 'after-15 2028-03-15'] },
  { title: 'SMB counting through the leap day in Madrid', strategy: SMB_STRATEGY, country: 'ES', timeZone: 'Europe/Madrid', dueDate: '2028-02-28',
    expected: ['before-3 2028-02-25', 'due-day 2028-02-28', 'after-3 2028-03-02', 'after-7 2028-03-06', 'after-15 2028-03-14'] },
  { title: 'SMB over the December month end and New Year in Lima', strategy: SMB_STRATEGY, country: 'PE', timeZone: 'America/Lima', dueDate: '2026-12-29',
    expected: ['before-3 2026-12-28', 'due-day 2026-12-29', 'after-3 2027-01-04', 'after-7 2027-01-05', 'after-15 2027-01-13'] },
  { title: 'consumer in São Paulo, escalated to an agency at 60 days', strategy: CONSUMER_STRATEGY, country: 'BR', timeZone: 'America/Sao_Paulo', dueDate: '2026-03-10',
    expected: ['before-2 2026-03-09', 'due-day 2026-03-10', 'after-1 2026-03-11', 'after-2 2026-03-12', 'after-3 2026-03-13', 'after-30 2026-04-09', 'after-60 2026-05-11'] },
  { title: 'consumer over Carnival: three steps on one open day, the latest wins', strategy: CONSUMER_STRATEGY, country: 'BR', timeZone: 'America/Sao_Paulo', dueDate: '2026-02-13',
    expected: ['before-2 2026-02-11', 'due-day 2026-02-13', 'after-1 2026-02-18 skipped:superseded', 'after-2 2026-02-18 skipped:superseded', 'after-3 2026-02-18', 'after-30 2026-03-16', 'after-60 2026-04-14'] },
  { title: 'gentle in Buenos Aires past the bridge day, Memoria and Holy Week, low risk', strategy: GENTLE_STRATEGY, country: 'AR', timeZone: 'America/Argentina/Buenos_Aires', dueDate: '2026-03-20', riskBand: 'low',
    expected: ['after-1 2026-03-25', 'after-7 2026-03-27', 'after-14 2026-04-06 skipped:condition_failed'] },
  { title: 'gentle in Santiago, medium risk gets the review', strategy: GENTLE_STRATEGY, country: 'CL', timeZone: 'America/Santiago', dueDate: '2027-06-18', riskBand: 'medium',
    expected: ['after-1 2027-06-22', 'after-7 2027-06-25', 'after-14 2027-07-02'] },
];

function caseFor(row: Row): CaseState {
  return aCase({
    invoices: [anInvoice({ dueDate: row.dueDate })],
    customer: { country: row.country, timeZone: row.timeZone, riskBand: row.riskBand ?? null },
  });
}

function describeTicks(plans: { actions: { stepId: string; scheduledFor: string }[]; skipped: { stepId: string; reason: string }[]; today: string }[]): string[] {
  return plans.flatMap((p) => [
    ...p.skipped.map((s) => `${s.stepId} ${p.today} skipped:${s.reason}`),
    ...p.actions.map((a) => `${a.stepId} ${a.scheduledFor}`),
  ]);
}

describe('the default strategies, step by step', () => {
  for (const row of rows) {
    const { calendar } = calendarFor(row.country);
    const from = startOfDayInZone(addDays(row.dueDate, -10), row.timeZone);
    const to = startOfDayInZone(addDays(row.dueDate, 75), row.timeZone);

    it(`plans ${row.title} on the expected dates when woken at next_action_at`, () => {
      const ticks = simulateCase(caseFor(row), row.strategy, calendar, from, to);
      assert.deepEqual(describeTicks(ticks.map((t) => t.plan)), row.expected);
    });

    it(`plans ${row.title} on the same dates when the tick runs every three hours`, () => {
      let state = caseFor(row);
      const plans = [];
      for (let t = from.getTime(); t <= to.getTime(); t += 3 * 3_600_000) {
        const plan = planCase(state, row.strategy, calendar, new Date(t));
        if (plan.actions.length + plan.skipped.length > 0) plans.push(plan);
        state = applyPlan(state, plan, new Date(t));
      }
      assert.deepEqual(describeTicks(plans), row.expected);
    });
  }
});
