// What the API says of a payout a gateway reported and of its check (GET /v1/reconciliation/reported-payouts[/{id}]).
export interface ReportedPayout {
  id: string; gateway: string; payout_id: string; amount: number; currency: string; arrival_date: string; status: 'paid' | 'failed' | 'canceled';
  failure_code: string | null; lines: { line_id: string; status: string; basis: string; match_state: string }[];
}

export type CheckResult = 'balanced' | 'review' | 'not_fetched' | 'pending_reconciliation' | 'settled';

export interface PayoutCheck {
  result: CheckResult; currency: string; gross: number; fees: number; net: number; difference: number;
  settlement: { by: string; at: string; note: string } | null;
  issues: { code: string; field: string; message: string; txn_id: string | null }[];
  payments: { payment_id: string | null; payment_ref: string; gross: number; fees: number; net: number }[];
}

export interface PayoutBreakdown extends ReportedPayout {
  breakdown: { fetch: { state: string; error: string | null; transactions: number }; check: PayoutCheck };
}
