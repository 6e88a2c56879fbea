// The API's resources as the workspace reads them (the same words and fields as /openapi.json).
export type Role = 'admin' | 'manager' | 'collector' | 'viewer';
export const ROLES: Role[] = ['admin', 'manager', 'collector', 'viewer'];
export const INVOICE_STATUSES = ['open', 'partially_paid', 'paid', 'disputed', 'written_off', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export interface Page<T> { data: T[]; has_more: boolean; next_cursor: string | null }

export interface User {
  id: string; email: string; name: string; role: Role; must_change_password: boolean; created_at: string; last_sign_in_at: string | null;
}
export interface Me {
  org: { id: string; name: string; default_currency: string; default_language: string };
  role: Role; user: User | null; csrf_token: string | null;
}
export interface Customer {
  id: string; external_id: string; name: string; email: string | null; phone: string | null; whatsapp: string | null;
  country: string | null; region: string | null; timezone: string | null; language: string | null; preferred_channel: string | null;
  tags: string[]; created_at: string; updated_at: string;
  /** With the list's overdue_on filter: what the customer owed overdue at the end of that day. */
  overdue_on?: { date: string; balances: { currency: string; amount: number; invoices: number }[] };
}
export interface Invoice {
  id: string; customer_id: string; number: string; external_id: string | null; currency: string; amount: number; balance: number;
  issue_date: string; due_date: string; status: InvoiceStatus; created_at: string;
  /** Given by the invoice list. */
  customer_name?: string | null;
}
export interface Payment {
  id: string; customer_id: string; external_id: string; amount: number; currency: string; date: string; method: string | null;
  reference: string | null; source: string; unapplied: number; reversed_at: string | null; allocations: { invoice_id: string; amount: number }[];
}
export interface AgingLine {
  currency: string; current: number; d1_30: number; d31_60: number; d61_90: number; d91_120: number; over_120: number; total: number; invoices: number;
}
export interface Aging { as_of: string; totals: AgingLine[]; customers: (AgingLine & { customer_id: string; external_id: string; name: string })[] }
export interface Balance { currency: string; open: number; credit: number; invoices: number }
export interface Consent {
  id: string; kind: string; channel: string | null; address: string | null; source: string; granted_at: string; revoked_at: string | null;
}
export interface Suppression {
  id: string; scope: 'all' | 'channel' | 'address'; channel: string | null; address: string | null; reason: string; source: string; at: string;
  lifted_at: string | null;
}
export interface GateDecision {
  id: string; channel: string; address: string | null; decision: string; reason_code: string | null; rule: string | null; message: string | null;
  defer_until: string | null; at: string;
}
export interface ImportReport {
  id: string; kind: string; filename: string | null; status: 'completed' | 'rejected'; rows: number; inserted: number; updated: number;
  unchanged: number; customers_created: number; error_count: number; errors: { line: number; column: string; reason: string }[];
}
export interface ApiKey {
  id: string; name: string; role: Role; prefix: string; created_at: string; last_used_at: string | null; revoked_at: string | null;
}
