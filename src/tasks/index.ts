// The worklist as people work it: tasks in order of amount and risk with their reasons, calls logged with standard
// outcomes, callbacks and hand-overs.
export { rankWorklist, amountRanks, DAYS_FOR_FULL_RISK, type RankInput, type Ranked, type Basis, type AmountRank } from './priority.ts';
export { worklist, resolveScope, customerRisk, SCOPES, type Scope, type Viewer, type WorkItem, type Worklist, type WorklistRequest } from './worklist.ts';
export { logCall, CALL_OUTCOMES, CONTACT_OUTCOME, type CallOutcome, type CallLog, type LoggedCall } from './calls.ts';
export { addTask, handOver, finishTask, escalate, MAX_TASK_DAYS_AHEAD, type TaskRequest } from './work.ts';
