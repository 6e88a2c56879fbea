// The shapes /portal/api answers with (see src/api/routes/portal-schemas.ts).
export type Language = 'en' | 'es' | 'pt-BR';
export type Channel = 'email' | 'sms' | 'whatsapp' | 'voice';

/** The org as the page's header shows it; `logo` true: it has one (GET /portal/api/logo), asked for only then. */
export interface PortalOrg { name: string; logo?: boolean }

export interface LinkInfo { org: PortalOrg; language: Language; locale: string; second_factor: 'none' | 'tax_id_last4' | 'postcode'; verified: boolean }

export interface Invoice {
  id: string; number: string; issue_date: string; due_date: string; currency: string; amount: number; balance: number; status: string;
  days_overdue: number; disputed: boolean; adjustments: { kind: string; amount: number; date: string }[];
}

export interface Account {
  customer: { name: string }; org: PortalOrg; language: Language; locale: string; today: string;
  totals: { currency: string; balance: number; overdue: number }[];
  invoices: Invoice[];
  payments: { date: string; amount: number; currency: string }[];
  promise: { id: string; kind: string; amount: number; currency: string; due_date: string; status: string } | null;
  plan: { id: string; currency: string; total: number; paid: number; frequency: string; status: string;
    instalments: { seq: number; due_date: string; amount: number; paid: boolean }[] } | null;
  disputes: { id: string; reason: string; amount: number; currency: string; status: string; created_at: string }[];
  /** Vouchers not paid yet (payable until expires_at) and bank debits being processed (since started_on, the debtor's date). */
  payments_in_flight?: { kind?: 'voucher' | 'debit'; method: string; amount: number; currency: string; expires_at: string; started_on?: string }[];
  online_payment: boolean;
  /** How to pay by bank transfer, per currency owed that the org has accounts in. */
  bank_transfer?: TransferView[];
  limits: { promise_last_date: string; promise_min_share_bp: number; extension_max_days: number };
  /** Open through the second factor's session, which the page offers to sign out of (false: the org asks no second factor). */
  signed_in?: boolean;
}

export interface TransferLine { label: string; value: string; copy: string }
export interface TransferView {
  currency: string;
  accounts: { id: string; kind: string; label: string | null; lines: TransferLine[]; main: TransferLine; reference: string;
    qr?: { format: 'epc' | 'pix'; payload: string; svg: string } }[];
}

export interface PlanOption {
  count: number; frequency: 'weekly' | 'biweekly' | 'monthly'; currency: string; total: number; down_payment: number; last_due_date: string;
  instalments: { seq: number; due_date: string; amount: number }[];
}

export interface Contact {
  preferred_channel: Channel | null;
  channels: { channel: Channel; address: string; stopped: boolean; can_resume: boolean }[];
  /** The channels that may be preferred (confirmations go on it): calls only when the org makes them. */
  preferable: Channel[];
}

export interface ChatLine { id: string; at: string; author: 'debtor' | 'agent' | 'person'; text: string; pay: boolean }
export interface ChatView { data: ChatLine[]; agent: boolean; with_person: boolean; pending: boolean; cursor: string | null }
export interface ChatPosted extends ChatView { message: ChatLine; answers: ChatLine[]; stopped: Channel[] }
