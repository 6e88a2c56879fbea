// A strategy: a named, versioned, ordered list of steps, validated as a whole.
import { z } from 'zod';
import { fail, ok, type Result } from '../domain/index.ts';
import { StepSchema } from './step.ts';
import { SlugSchema } from './vocabulary.ts';

export const StrategySchema = z.object({
  id: SlugSchema,
  name: z.string().min(1).max(120),
  /** Bumped on every edit; planned actions carry it so the record shows which version planned them. */
  version: z.number().int().min(1),
  description: z.string().max(1000).optional(),
  steps: z.array(StepSchema).min(1),
}).superRefine((strategy, ctx) => {
  const seen = new Set<string>();
  strategy.steps.forEach((step, i) => {
    if (seen.has(step.id)) ctx.addIssue({ code: 'custom', message: `step id "${step.id}" repeats`, path: ['steps', i, 'id'] });
    seen.add(step.id);
  });
  let last = -Infinity;
  strategy.steps.forEach((step, i) => {
    if (step.trigger.on !== 'days') return;
    if (step.trigger.days <= last) {
      ctx.addIssue({ code: 'custom', message: 'day steps must be in increasing order of days', path: ['steps', i, 'trigger', 'days'] });
    }
    last = step.trigger.days;
  });
});
export type Strategy = z.infer<typeof StrategySchema>;
export type StrategyInput = z.input<typeof StrategySchema>;

/** Parses a strategy from untrusted input (API, CLI, a file), naming the first bad field. */
export function parseStrategy(input: unknown): Result<Strategy> {
  const parsed = StrategySchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const first = parsed.error.issues[0];
  const field = first?.path.join('.') ?? '';
  return fail('VALIDATION_FAILED', first?.message ?? 'invalid strategy', field || undefined, parsed.error.issues);
}
