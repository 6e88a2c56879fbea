// GET/PUT /v1/disputes/{id}/evidence as the web reads it (src/api/routes/dispute-evidence-schemas.ts).
export interface DefenseReason { code: string; satisfied: boolean; documentTypes: { code: string; requirement: string; available: boolean }[] }
export type DocumentName = 'statement' | 'history' | 'summary';
export const DOCUMENT_NAMES: DocumentName[] = ['statement', 'history', 'summary'];

export interface EvidenceView {
  dispute: { provider: 'stripe' | 'adyen' | 'paypal' | 'mercadopago'; dispute_id: string; payment_ref: string; customer_id: string; amount: number; currency: string; status: string;
    kind: string; reason: string | null; respond_by: string | null; case_id: string | null };
  status: 'draft' | 'submitting' | 'submitted'; revision: number; defense_reason: string | null;
  text: Record<string, string>; documents: Record<DocumentName, string | null>;
  files: { id: string; slot: string; filename: string; content_type: string; size: number }[];
  auto: {
    customer: { id: string; name: string; email: string | null };
    invoices: { id: string; number: string; amount: number; currency: string; issue_date: string; service_date: string | null }[];
    communications: { at: string; direction: 'sent' | 'received' }[];
    arrangements: { kind: string; amount: number; currency: string; due_date: string; status: string }[];
    service_date: string | null;
  };
  due_by: string | null; reminder: { task_id: string; due_date: string; status: string } | null;
  text_fields: string[]; file_slots: string[] | null; defense_reasons: DefenseReason[] | null; gateway_note: string | null;
  gateway_reply: Record<string, unknown> | null; last_error: string | null; submitted_at: string | null; submitted_by: string | null;
  answer: 'evidence' | 'accept_claim' | null;
}

/** The text fields the form shows for each gateway (the API takes every Stripe evidence field; these are the usual ones). */
export const FORM_FIELDS: Record<'stripe' | 'adyen' | 'paypal' | 'mercadopago', string[]> = {
  stripe: ['explanation', 'product_description', 'service_date', 'shipping_date', 'shipping_tracking_number', 'refund_refusal_explanation'],
  adyen: ['explanation'],
  paypal: ['explanation'],
  mercadopago: ['explanation'],
};
