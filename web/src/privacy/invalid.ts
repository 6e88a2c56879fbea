// Marks the box the API's error names (`field`), so a screen reader and the eye both land on what to fix.
import { ApiError } from '../app/api.ts';

export function invalidIf(error: Error | null, ...fields: string[]): { 'aria-invalid'?: true; className?: string } {
  return error instanceof ApiError && error.field !== undefined && fields.includes(error.field) ? { 'aria-invalid': true, className: 'invalid' } : {};
}
