// How KPI figures are rounded: shares to four decimals (0.3333), days and percentages to two.

/** part / whole to four decimals; none when the whole is empty. */
export const ratio = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

export const round2 = (x: number): number => Math.round(x * 100) / 100;
