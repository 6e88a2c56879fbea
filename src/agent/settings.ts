// The org's agent settings: whether it answers replies, the confidence below which it hands over at once, and whether
// the configured LLM may read the debtors' replies. Off by default; the demo turns it on.
import { z } from 'zod';
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';

export const DEFAULT_CONFIDENCE_THRESHOLD = 0.5;

export interface AgentSettings {
  enabled: boolean;
  /** Below this confidence the agent hands the conversation over at once. */
  confidenceThreshold: number;
  /** Ask the configured OpenAI-compatible endpoint to read replies (the text leaves cobro). */
  useLlm: boolean;
  /** Business days a claimed payment holds reminders while it is verified (then they resume). */
  claimHoldDays: number;
}

export const DEFAULT_CLAIM_HOLD_DAYS = 5;
export const DEFAULT_AGENT_SETTINGS: AgentSettings = { enabled: false, confidenceThreshold: DEFAULT_CONFIDENCE_THRESHOLD, useLlm: false,
  claimHoldDays: DEFAULT_CLAIM_HOLD_DAYS };

export const AgentSettingsPatch = z.object({
  enabled: z.boolean().optional(),
  confidence_threshold: z.number().min(0).max(1).optional(),
  use_llm: z.boolean().optional(),
  claim_hold_days: z.number().int().min(0).max(30).optional(),
}).strict();
export type AgentSettingsPatch = z.infer<typeof AgentSettingsPatch>;

export async function getAgentSettings(q: Queryable, orgId: string): Promise<AgentSettings> {
  const [row] = await q.query<{ enabled: boolean; confidence_threshold: number; use_llm: boolean }>(
    'SELECT enabled, confidence_threshold::float8 AS confidence_threshold, use_llm FROM agent_settings WHERE org_id = $1', [orgId]);
  const [hold] = await q.query<{ hold_business_days: number }>('SELECT hold_business_days FROM agent_claim_settings WHERE org_id = $1', [orgId]);
  const claimHoldDays = hold ? Number(hold.hold_business_days) : DEFAULT_CLAIM_HOLD_DAYS;
  return row ? { enabled: row.enabled, confidenceThreshold: Number(row.confidence_threshold), useLlm: row.use_llm, claimHoldDays }
    : { ...DEFAULT_AGENT_SETTINGS, claimHoldDays };
}

/** Changes the settings named (the others keep their values), with an audit entry. */
export async function setAgentSettings(q: Queryable, orgId: string, actor: string, input: unknown, now: Date): Promise<Result<AgentSettings>> {
  const parsed = AgentSettingsPatch.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'settings';
    return fail('VALIDATION_FAILED', `${field}: ${issue?.message ?? 'is not valid'}`, field);
  }
  const before = await getAgentSettings(q, orgId);
  const p = parsed.data;
  const next: AgentSettings = {
    enabled: p.enabled ?? before.enabled,
    confidenceThreshold: p.confidence_threshold ?? before.confidenceThreshold,
    useLlm: p.use_llm ?? before.useLlm,
    claimHoldDays: p.claim_hold_days ?? before.claimHoldDays,
  };
  await q.query(
    `INSERT INTO agent_settings (org_id, enabled, confidence_threshold, use_llm, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (org_id) DO UPDATE SET enabled = EXCLUDED.enabled, confidence_threshold = EXCLUDED.confidence_threshold,
       use_llm = EXCLUDED.use_llm, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [orgId, next.enabled, next.confidenceThreshold, next.useLlm, now.toISOString(), actor]);
  await q.query(
    `INSERT INTO agent_claim_settings (org_id, hold_business_days, updated_at, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (org_id) DO UPDATE SET hold_business_days = EXCLUDED.hold_business_days, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [orgId, next.claimHoldDays, now.toISOString(), actor]);
  await recordAudit(q, { orgId, actor, action: 'agent.settings_changed', entity: 'org', entityId: orgId,
    data: { enabled: next.enabled, confidence_threshold: next.confidenceThreshold, use_llm: next.useLlm, claim_hold_days: next.claimHoldDays } }, now);
  return ok(next);
}

export const agentSettingsJson = (s: AgentSettings) => ({ enabled: s.enabled, confidence_threshold: s.confidenceThreshold, use_llm: s.useLlm,
  claim_hold_days: s.claimHoldDays });
