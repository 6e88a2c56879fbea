// The worklist's resources as the API gives them (GET /v1/worklist, /v1/tasks).
export type TaskKind = 'call' | 'review' | 'negotiate';
export type TaskPriority = 'urgent' | 'high' | 'normal' | 'low';
export const TASK_KINDS: TaskKind[] = ['call', 'review', 'negotiate'];
export const TASK_PRIORITIES: TaskPriority[] = ['urgent', 'high', 'normal', 'low'];
export const SCOPES = ['mine', 'unassigned', 'mine_and_unassigned', 'all'] as const;
export type Scope = (typeof SCOPES)[number];

export interface Task {
  id: string; case_id: string; customer_id: string; customer_name: string; kind: TaskKind; priority: TaskPriority; note: string | null;
  status: 'open' | 'done' | 'cancelled'; due_date: string; outcome: string | null; created_at: string; completed_at: string | null;
  completed_by: string | null; assigned_to: string | null; due_at: string | null; created_by: string | null; worked_at: string | null;
  /** The number to call back on an unknown caller's call-back task (kept out of its note). */
  caller?: string | null;
}

export type Action = 'call' | 'callback' | 'promise_follow_up' | 'negotiate' | 'review' | 'dispute_review' | 'handover';

/** The expected value of acting on a task and its parts (amounts in minor units of `currency`). */
export interface ValueOfActing {
  action: Action; currency: string; balance: number; source: 'score' | 'days_past_due';
  recovery_without_action: number; lift: number; recovery_with_action: number; gain: number;
  minutes: number; minute_cost: number | null; cost: number | null; expected_value: number; in_minutes: number | null;
}

/** case_id and customer_id null: an org-level task (no customer, no case). */
export interface WorkItem extends Omit<Task, 'case_id' | 'customer_id'> {
  case_id: string | null; customer_id: string | null;
  rank: number; score: number; basis: 'score' | 'balance_and_days'; waiting: boolean; reason: string;
  case_status: 'open' | 'closed' | null; stop_code: string | null; paused_until: string | null; escalated: boolean;
  country: string | null; timezone: string | null; phone: string | null;
  overdue: { currency: string; amount: number; invoices: number; oldest_due: string }[];
  currency: string | null; overdue_amount: number; days_past_due: number; amount_position: number; amount_of: number;
  probability_late: number | null; expected_recovery: number | null; risk_reason: string | null;
  action: Action; expected_value: number; value_of_acting: ValueOfActing;
}

export interface Worklist { date: string; scope: Scope | 'assignee'; assignee: string | null; scored_as_of: string | null; data: WorkItem[] }
