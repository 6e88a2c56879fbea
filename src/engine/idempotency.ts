// The idempotency key of a planned action: one per case, strategy version, step, cycle (and event occurrence).

export interface ActionKeyParts {
  caseId: string;
  strategyId: string;
  strategyVersion: number;
  stepId: string;
  cycle: number;
  /** Event steps can fire more than once in a cycle (two broken promises), once per occurrence. */
  occurrence?: string | null;
}

/** `case_1/smb-default@1/after-3/c1`, plus `/prm_9` for an event occurrence. */
export function actionKey(parts: ActionKeyParts): string {
  const base = `${parts.caseId}/${parts.strategyId}@${parts.strategyVersion}/${parts.stepId}/c${parts.cycle}`;
  return parts.occurrence ? `${base}/${parts.occurrence}` : base;
}
