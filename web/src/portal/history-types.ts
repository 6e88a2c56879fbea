// The shapes of the history and of cancelling (see portalHistorySchema in src/api/routes/portal-schemas.ts).
export interface History {
  plan_cancellable: boolean;
  promises: { id: string; kind: 'promise' | 'extension'; amount: number; currency: string; made_on: string; due_date: string; paid: number | null;
    status: 'kept' | 'partly_kept' | 'broken' | 'replaced' | 'cancelled'; ended_on: string | null; cancelled_by_you: boolean }[];
  plans: { id: string; currency: string; total: number; paid: number; frequency: string; instalment_count: number;
    status: 'completed' | 'broken' | 'cancelled'; made_on: string; ended_on: string | null; cancelled_by_you: boolean }[];
  disputes: { id: string; reason: string; amount: number; currency: string; status: 'open' | 'valid' | 'invalid'; opened_on: string; resolved_on: string | null;
    attachment: { filename: string; content_type: string; size: number } | null }[];
  /** Each kind's cursor for its next page (GET /portal/api/history/{kind}?before=), null when all are shown. */
  next: Record<HistoryKind, string | null>;
}

export type HistoryKind = 'promises' | 'plans' | 'disputes';
