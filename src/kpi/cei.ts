// The collection effectiveness index, pure: of what could be collected in the period, the share that was.

export interface CeiInputs {
  /** Receivables at the end of the day before the period. */
  opening: number;
  /** Net credit sales of the period: invoices, fees and interest, less credit notes and discounts. */
  netSales: number;
  /** Receivables at the end of the period, and the part of them not yet due. */
  closing: number;
  closingCurrent: number;
  /** Written off in the period: gone from the receivables, but not collected. */
  writeOffs: number;
}

/**
 * CEI = (opening + sales - closing - write-offs) / (opening + sales - closing current) x 100, as a percentage to two
 * decimals. The usual formula leaves write-offs in the numerator, counting them as collected; here they are not.
 * None when nothing was collectable (the denominator is zero or less).
 */
export function collectionEffectiveness(x: CeiInputs): number | null {
  const collectable = x.opening + x.netSales - x.closingCurrent;
  if (collectable <= 0) return null;
  const collected = x.opening + x.netSales - x.closing - x.writeOffs;
  return Math.round((collected / collectable) * 10_000) / 100;
}
