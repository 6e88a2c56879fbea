// Segments: ordered rules that send each customer to one strategy, and the pure assignment with its reason.
import { z } from 'zod';
import { checkCondition, ConditionSchema, type CustomerFacts } from './condition.ts';
import { SlugSchema } from './vocabulary.ts';

export const SegmentSchema = z.object({
  id: SlugSchema,
  name: z.string().min(1).max(120),
  strategyId: SlugSchema,
  /** An empty condition catches everyone; put it last. */
  when: ConditionSchema,
});
export type Segment = z.infer<typeof SegmentSchema>;

/** Segments are tried in order; the first whose condition holds wins. */
export const SegmentListSchema = z.array(SegmentSchema).superRefine((segments, ctx) => {
  const seen = new Set<string>();
  segments.forEach((s, i) => {
    if (seen.has(s.id)) ctx.addIssue({ code: 'custom', message: `segment id "${s.id}" repeats`, path: [i, 'id'] });
    seen.add(s.id);
  });
});

export type SegmentAssignment =
  | { assigned: true; segmentId: string; strategyId: string; position: number; reason: string }
  | { assigned: false; reason: string };

/** Puts a customer in the first segment whose rule holds, with a sentence saying why (for the record). */
export function assignSegment(facts: CustomerFacts, segments: readonly Segment[]): SegmentAssignment {
  for (const [i, segment] of segments.entries()) {
    const check = checkCondition(segment.when, facts);
    if (!check.holds) continue;
    const why = check.reasons.length > 0 ? check.reasons.join('; ') : 'catches every customer';
    return {
      assigned: true,
      segmentId: segment.id,
      strategyId: segment.strategyId,
      position: i + 1,
      reason: `segment "${segment.name}" (rule ${i + 1} of ${segments.length}): ${why}`,
    };
  }
  return { assigned: false, reason: `no segment matched (${segments.length} checked)` };
}
