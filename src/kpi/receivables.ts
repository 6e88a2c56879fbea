// The receivables KPIs of one period, per currency (never added across currencies): flows, DSO in its three forms,
// average days delinquent, CEI, aging at both ends and roll rates.
import type { Queryable } from '../db/index.ts';
import { periodDays, openingDate, monthSlices, type Period } from './period.ts';
import { averageDaysDelinquent, bestPossibleDso, countBackDso, standardDso } from './dso.ts';
import { collectionEffectiveness } from './cei.ts';
import { agingAndRoll, type DueDateBalances } from './roll-rates.ts';
import type { Flows, ReceivablesKpi } from './schema.ts';
import { balancesByDueDate, dailyFlows, type FlowKind, type LedgerScope } from './ledger-read.ts';

/** How many months count-back DSO looks back before it gives up (and says its figure is a floor). */
export const COUNT_BACK_MONTHS = 36;

const NO_FLOWS: Record<FlowKind, number> = { invoiced: 0, late_fee: 0, interest: 0, discount: 0, write_off: 0, credit_note: 0, collected: 0 };
const SALES: readonly FlowKind[] = ['invoiced', 'late_fee', 'interest', 'discount', 'credit_note'];

/** Sums signed events into flows shown as positive amounts (a credit note of 100.00 is 10000 in credit_notes). */
export function toFlows(byKind: Record<FlowKind, number>): Flows {
  const sales = SALES.reduce((s, k) => s + byKind[k], 0);
  // 0 - x rather than -x: no -0 in the output
  return { invoiced: byKind.invoiced, late_fees: byKind.late_fee, interest: byKind.interest, credit_notes: 0 - byKind.credit_note,
    discounts: 0 - byKind.discount, write_offs: 0 - byKind.write_off, collected: 0 - byKind.collected, net_credit_sales: sales };
}

export async function receivablesKpis(q: Queryable, scope: LedgerScope, period: Period): Promise<ReceivablesKpi[]> {
  const opening = openingDate(period);
  const days = periodDays(period);
  const slices = monthSlices(period.to, COUNT_BACK_MONTHS);
  const first = [period.from, slices[slices.length - 1]!.after].sort()[0]!;
  const [balances, flows] = await Promise.all([
    balancesByDueDate(q, scope, opening, period.to), dailyFlows(q, scope, first, period.from, period.to)]);
  // a currency with nothing owed at either end and nothing moving in the period has no row (older sales only feed count-back)
  const currencies = [...new Set([...balances.map((b) => b.currency), ...flows.filter((f) => f.d >= period.from).map((f) => f.currency)])].sort();
  return currencies.map((currency) => {
    const inPeriod = { ...NO_FLOWS };
    const sliceSales = slices.map((s) => ({ days: s.days, sales: 0, after: s.after, through: s.through }));
    // collections come only from the period's start: they count in the period's flows, never in count-back's sales
    for (const f of flows) {
      if (f.currency !== currency) continue;
      if (f.d >= period.from) inPeriod[f.kind] += f.amount;
      if (!SALES.includes(f.kind)) continue;
      const slice = sliceSales.find((s) => f.d > s.after && f.d <= s.through);
      if (slice) slice.sales += f.amount;
    }
    const rows: DueDateBalances[] = balances.filter((b) => b.currency === currency);
    const aging = agingAndRoll(rows, opening, period.to);
    const net = toFlows(inPeriod);
    const end = aging.closing.total;
    const current = aging.closing.current;
    const back = countBackDso(end, sliceSales);
    return {
      currency, flows: net, ...aging,
      dso: standardDso(end, net.net_credit_sales, days),
      count_back_dso: back.days, count_back_complete: back.complete,
      best_possible_dso: bestPossibleDso(current, net.net_credit_sales, days),
      average_days_delinquent: averageDaysDelinquent(end, current, net.net_credit_sales, days),
      cei: collectionEffectiveness({ opening: aging.opening.total, netSales: net.net_credit_sales, closing: end, closingCurrent: current,
        writeOffs: net.write_offs }),
    };
  });
}
