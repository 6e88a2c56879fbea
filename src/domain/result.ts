// Expected failures as values: every business command returns Ok or Fail with a stable code.

export type ErrorCode =
  | 'VALIDATION_FAILED' | 'NOT_FOUND' | 'CONFLICT' | 'IDEMPOTENCY_CONFLICT' | 'UNAUTHORIZED'
  | 'FORBIDDEN' | 'CURRENCY_MISMATCH' | 'INVALID_STATE' | 'IMPORT_REJECTED' | 'RATE_LIMITED'
  /** Something cobro depends on did not answer in time (a resolver at save): try again. */
  | 'UNAVAILABLE';

export interface Failure {
  code: ErrorCode;
  message: string;
  field?: string;
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: Failure };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string, field?: string, details?: unknown): Result<T> {
  return { ok: false, error: { code, message, ...(field ? { field } : {}), ...(details !== undefined ? { details } : {}) } };
}

/** Thrown inside a transaction to roll it back with a Failure the caller turns back into a value. */
export class FailureError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}
