// A dashboard query read through its schema, a refusal naming the field (for the API and the CLI alike).
import type { z } from 'zod';
import { fail, ok, type Result } from '../domain/result.ts';

export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'query';
  return fail('VALIDATION_FAILED', `${field}: ${issue?.message ?? 'is not valid'}`, field);
}
