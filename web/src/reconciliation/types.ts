// Reconciliation as the API returns it: statement imports, statements, waiting lines with their proposals, open invoices.
export interface ImportSummary { matched: number; review: number; unmatched: number; reversed: number; not_receivable: number; duplicate: number; payout?: number }

export interface StatementImport {
  filename: string | null; format: string; lines: number; new_lines: number; duplicates: number;
  statements: { id: string; account: string | null; lines: number; new_lines: number }[];
  cross_format_duplicates: { line_id: string; position: number; duplicate_of: string; reason: string }[];
  reconciliation: ImportSummary;
}

export interface Statement {
  id: string; format: string; bank_statement_id: string | null; account: string | null; currency: string | null; filename: string | null;
  opening_balance: number | null; closing_balance: number | null; line_count: number; new_lines: number; created_at: string;
}

export interface QueueInvoice {
  id: string; number: string; customer_id: string; customer_name: string; currency: string; amount: number; balance: number; due_date: string; status: string;
}

export interface Proposal {
  id: string; customer_id: string | null; currency: string; allocations: { invoice_id: string; amount: number; fee: number }[];
  fee: number; credit: number; confidence: number; reasons: string[]; status: string;
}

export interface WaitingLine {
  id: string; statement_id: string; statement_filename: string | null; position: number; booking_date: string | null; value_date: string | null;
  amount: number; currency: string; counterparty_name: string | null; counterparty_account: string | null; remittance_text: string | null;
  structured_reference: string | null; end_to_end_id: string | null; match_state: string; proposal: Proposal | null;
  customer_name: string | null; invoices: QueueInvoice[];
}

export const STATEMENT_FORMATS = ['auto', 'camt.053', 'camt.054', 'camt.052', 'mt940', 'mt942', 'ofx', 'csv'] as const;
