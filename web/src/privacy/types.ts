// A data-subject request as /v1/privacy/requests gives it (the DataSubjectRequest schema), and what a fulfilment returns.
export const REQUEST_KINDS = ['access', 'erasure', 'rectification'] as const;
export const REQUEST_STATUSES = ['open', 'extended', 'restricted', 'fulfilled', 'refused'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export interface DataRequest {
  id: string; customer_id: string; kind: RequestKind; status: RequestStatus; rule: string; law: string;
  received_at: string; received_on: string; due_on: string; extended_to: string | null; extension_reason: string | null;
  extension_told_on: string | null; answer_by: string; overdue: boolean; requester: string | null; identity_check: string | null;
  refusal_reason: string | null; outcome: unknown; actor: string; created_at: string; completed_at: string | null;
  /** While open, the latest date an extension may reach when the person is told by due_on (null: its law allows none). */
  extension_limit: string | null;
}

export interface ErasureOutcome { outcome: 'erased' | 'restricted' | 'already_erased'; reason?: string }

export interface Fulfilment { request: DataRequest; export?: Record<string, unknown>; erasure?: ErasureOutcome }

/** Still to be answered: the only states an extension, a refusal or a fulfilment accepts. */
export const isPending = (r: DataRequest) => r.status === 'open' || r.status === 'extended';
