// The engine: business calendars and the pure planner, then the tick, cases, simulation and tasks around them.
export * from './calendar/index.ts';
export type * from './case-state.ts';
export type * from './plan-types.ts';
export { planActions, planCase } from './planner.ts';
export { actionKey, type ActionKeyParts } from './idempotency.ts';
export { anchorDate, caseFacts, openInvoices } from './case-facts.ts';
export { stopRule, type StopDecision } from './stop-rules.ts';
export { localDate, offsetMinutes, startOfDayInZone } from './zone.ts';
export { applyPlan, simulateCase, type SimulatedTick } from './simulate-case.ts';
// The engine's IO side: cases from the ledger, the tick, re-planning, simulation and the worklist.
export { syncRound, FULL_ABOVE, type SyncRoundResult } from './sync-round.ts';
export { syncCases, listCases, getCase, type CaseDetail, type CaseEvent, type CaseSummary, type CaseFilter, type SyncResult } from './cases.ts';
export { runTick, replanCase, replanCustomers, type TickOptions, type TickResult, type ReplanResult } from './tick.ts';
export { dueOnBusinessDays, orgClosedDays } from './closed-days.ts';
export { simulate, type SimulateOptions } from './simulate.ts';
export type { SimAction, SimDay, SimResult } from './sim-run.ts';
export { listTasks, completeTask, byPriority, type Task, type TaskFilter } from './tasks.ts';
// What people do: cases paused, resumed, escalated, moved to another strategy, noted, sent a one-off message; tasks made and assigned.
export { pauseCase, resumeCase, escalateCase, changeCaseStrategy, addCaseNote, addCaseEvent, requestMessage, MAX_PAUSE_DAYS, ONE_OFF_STEP,
  type OneOffMessage } from './case-commands.ts';
export { createTask, assignTask, getTask, markTaskWorked, worklistRows, TASK_KINDS, TASK_PRIORITIES, type NewTask, type WorklistRow,
  type WorklistQuery } from './task-commands.ts';
