// Shapes of match proposals and reconciliation settings in the API, shared by the statement and review routes.
import { z } from 'zod';
import { ALIAS_KINDS, MATCH_STATES, PROPOSAL_STATUSES } from '../../reconciliation/index.ts';

const minor = z.number().int().meta({ description: 'integer minor units of the currency' });

export const proposalSchema = z.object({
  id: z.string(), line_id: z.string(), customer_id: z.string().nullable(), currency: z.string(),
  allocations: z.array(z.object({ invoice_id: z.string(), amount: minor, fee: minor.meta({ description: 'bank fee written off as a discount' }) })),
  fee: minor, credit: minor.meta({ description: 'what the line leaves as customer credit' }),
  confidence: z.number().min(0).max(1), reasons: z.array(z.string()), status: z.enum(PROPOSAL_STATUSES),
  payment_id: z.string().nullable(), decided_by: z.string().nullable(), decided_at: z.string().nullable(), created_at: z.string(),
  line: z.object({ id: z.string(), statement_id: z.string(), booking_date: z.string().nullable(), amount: minor, currency: z.string(),
    counterparty_name: z.string().nullable(), counterparty_account: z.string().nullable(), remittance_text: z.string().nullable(),
    structured_reference: z.string().nullable(), match_state: z.enum(MATCH_STATES) }),
}).meta({ id: 'MatchProposal' });

export const settingsSchema = z.object({
  auto_apply_threshold: z.number().min(0).max(1).meta({ description: 'proposals at or above this confidence are applied without review' }),
  fee_tolerance_bps: z.number().int().min(0).max(10_000).meta({ description: 'a shortfall up to this share (basis points) of what was owed is a bank fee...' }),
  fee_tolerance_max: z.number().int().min(0).meta({ description: '...and up to this many minor units' }),
}).meta({ id: 'ReconciliationSettings' });

export const aliasSchema = z.object({
  id: z.string().meta({ description: 'stable handle: forget the alias with DELETE /v1/reconciliation/aliases/{id}' }),
  kind: z.enum(ALIAS_KINDS), value: z.string().meta({ description: 'the account or name as the matcher compares it' }),
  customer_id: z.string(), matches: z.number().int().meta({ description: 'accepted matches that taught it' }), updated_at: z.string(),
}).meta({ id: 'PayerAlias' });
