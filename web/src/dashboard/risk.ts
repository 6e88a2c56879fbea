// The open balance by risk band in one currency (GET /v1/dashboard/risk): the latest score run's bands, expected recovery, moves.
import { get } from '../app/api.ts';

export type BandName = 'high' | 'medium' | 'low' | 'unscored';
export interface RiskBand {
  band: BandName; customers: number; movement: { up: number; down: number; same: number; new: number } | null;
  balances: { currency: string; customers: number; amount: number; share: number; scored: number; expected_recovery: number | null }[];
}
export interface Risk {
  as_of: string; currency: string | null; run: { id: string; as_of: string; finished_at: string | null } | null;
  previous_run: { id: string; as_of: string } | null; note: string | null; thresholds: { medium_from: number; high_from: number };
  totals: { currency: string; customers: number; amount: number }[]; bands: RiskBand[];
}

export function loadRisk(currency: string): Promise<Risk> {
  return get<Risk>('/v1/dashboard/risk', { currency });
}
