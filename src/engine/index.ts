// The engine's pure side: business calendars and the planner that decides what happens to a case today.
export * from './calendar/index.ts';
export type * from './case-state.ts';
export type * from './plan-types.ts';
export { planActions, planCase } from './planner.ts';
export { actionKey, type ActionKeyParts } from './idempotency.ts';
export { anchorDate, caseFacts, openInvoices } from './case-facts.ts';
export { stopRule, type StopDecision } from './stop-rules.ts';
export { localDate, offsetMinutes, startOfDayInZone } from './zone.ts';
export { applyPlan, simulateCase, type SimulatedTick } from './simulate-case.ts';
