// The worklist as people work it: tasks in order of the expected value of acting on them, with their reasons, calls
// logged with standard outcomes, callbacks and hand-overs.
export { rankWorklist, amountRanks, valueWords, type RankInput, type Ranked, type Basis, type AmountRank } from './priority.ts';
export { ACTIONS, DEFAULT_PRIORITY_SETTINGS, RECOVERY_BY_DAYS, PrioritySettingsPatch, actionOf, recoveryByDays, valueOfActing, mergeSettings,
  type Action, type PrioritySettings, type Value, type ValueInput } from './value.ts';
export { getPrioritySettings, setPrioritySettings } from './settings.ts';
export { applyLearnedLifts, learnedLifts, LEARN_DEFAULTS, type AppliedLifts, type LearnedLifts, type LearnRequest } from './learned.ts';
export type { LearnedLift, LiftStatus } from './lift-estimate.ts';
export { worklist, resolveScope, SCOPES, type Scope, type Viewer, type WorkItem, type Worklist, type WorklistRequest } from './worklist.ts';
export { callBackPrefix, closeCallBack, logCall, CALL_OUTCOMES, CONTACT_OUTCOME, type CallOutcome, type CallLog, type LoggedCall } from './calls.ts';
export { addTask, handOver, finishTask, escalate, MAX_TASK_DAYS_AHEAD, type TaskRequest } from './work.ts';
