// A case and what the case view reads beside it, as the API gives them (GET /v1/cases/{id}, /v1/messages, /v1/plans/options ...).
export interface CaseEvent { id: string; at: string; kind: string; step_id: string | null; idempotency_key: string | null; reason: string; data: Record<string, unknown> }

export interface CaseDetail {
  id: string; customer_id: string; customer_name: string; status: 'open' | 'closed'; strategy_id: string | null; strategy_version: number | null;
  segment_id: string | null; current_step_id: string | null; cycle: number; anchor_due_date: string | null; next_action_at: string | null;
  paused_until: string | null; escalated: boolean; stop_code: string | null; opened_at: string; closed_at: string | null;
  timeline: CaseEvent[];
}

export type Channel = 'email' | 'sms' | 'whatsapp' | 'voice';
export const CHANNELS: Channel[] = ['email', 'sms', 'whatsapp', 'voice'];
export const TONES = ['friendly', 'neutral', 'formal', 'firm'] as const;
export const CALL_OUTCOMES = ['right_party', 'promise', 'refused', 'wrong_number', 'no_answer'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export interface MessageView {
  id: string; action_id: string; channel: Channel; status: string; template: string | null; address: string | null; reason: string | null;
  content: Record<string, unknown>; created_at: string; sent_at: string | null;
}

export interface ShippedTemplate { id: string; channels: Channel[]; tags: string[] }

export interface PlanOption {
  currency: string; principal: number; down_payment: number; interest: number; total: number; frequency: 'weekly' | 'biweekly' | 'monthly';
  first_due_date: string; last_due_date: string; count: number; instalments: { seq: number; due_date: string; amount: number }[];
}

export interface StrategyRow { id: string; version: number; name: string; active: boolean }

export interface GateAnswer { kind: 'allow' | 'defer' | 'block'; until?: string; reason?: { code: string; message: string } }
