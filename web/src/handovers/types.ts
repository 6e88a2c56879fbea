// The handover screen's words, as the API says them (src/agent): intents, reasons, a handover with its conversation.
export const INTENTS = ['request_link', 'already_paid', 'promise_to_pay', 'request_plan', 'request_extension', 'balance_inquiry', 'dispute',
  'wrong_person', 'opt_out', 'talk_to_human', 'hardship', 'greeting_thanks', 'other'] as const;

export interface Handover {
  id: string; customer_id: string; customer_name: string; case_id: string | null; turn_id: string; task_id: string; reason: string;
  summary: string; status: 'open' | 'done' | 'cancelled'; priority: string; created_at: string;
}

export interface Line {
  id: string; at: string; direction: 'in' | 'out'; channel: string; text: string; intent: string | null; confidence: number | null;
  action: string | null; by: 'debtor' | 'agent' | 'person'; status: string | null;
}

export interface HandoverDetail extends Handover { assigned_to: string | null; channel: string; conversation: Line[] }
