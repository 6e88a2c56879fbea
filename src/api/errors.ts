// The one place error codes become HTTP statuses, and the one error shape: { error: { code, message, field } }.
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { ErrorCode, Failure, Result } from '../domain/result.ts';

export const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400, IMPORT_REJECTED: 422, NOT_FOUND: 404, CONFLICT: 409, IDEMPOTENCY_CONFLICT: 409,
  UNAUTHORIZED: 401, FORBIDDEN: 403, CURRENCY_MISMATCH: 422, INVALID_STATE: 409, RATE_LIMITED: 429, UNAVAILABLE: 503,
};

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
}).meta({ id: 'Error' });

export function errorBody(f: Failure) {
  return { error: { code: f.code, message: f.message, ...(f.field ? { field: f.field } : {}) } };
}

export function sendFailure(reply: FastifyReply, f: Failure) {
  return reply.code(STATUS[f.code]).send(errorBody(f));
}

/** Replies with the value (status 200 or the one given) or with the failure's status and shape. */
export function sendResult<T>(reply: FastifyReply, r: Result<T>, status = 200) {
  return r.ok ? reply.code(status).send(r.value) : sendFailure(reply, r.error);
}

/** Error responses every route may give, for the OpenAPI document. */
export const errorResponses = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema };
