// Randomised ledgers for the tests that compare stored totals with figures worked out from the raw rows: a seeded
// generator with its helpers, and a first portfolio of invoices to write against.
import type { Db } from '../../src/db/index.ts';
import { addDays, type CalendarDate } from '../../src/domain/dates.ts';
import { random } from '../../src/domain/random.ts';
import { aCustomer, anInvoice } from './factories.ts';

export interface Dice {
  /** A number in [0, 1). */
  rnd: () => number;
  /** An integer from lo to hi, both included. */
  int: (lo: number, hi: number) => number;
  pick: <T>(xs: readonly T[]) => T;
  /** 2026-01-01 plus `offset` days. */
  day: (offset: number) => CalendarDate;
}

/** The same seed gives the same rolls on every machine. */
export function dice(seed: number): Dice {
  const rnd = random(seed);
  return {
    rnd,
    int: (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(rnd() * xs.length)]!,
    day: (offset) => addDays('2026-01-01', offset),
  };
}

export interface RandomInvoice { id: string; customer: string; currency: string }

/** 40 invoices of three customers in USD and EUR, issued within `issuedWithin` days of 2026-01-01, due up to 45 days later. */
export async function randomInvoices(db: Db, org: string, d: Dice, issuedWithin: number): Promise<RandomInvoice[]> {
  const customers = [await aCustomer(db, org), await aCustomer(db, org), await aCustomer(db, org)];
  const out: RandomInvoice[] = [];
  for (let k = 0; k < 40; k++) {
    const c = d.pick(customers);
    const currency = d.pick(['USD', 'EUR'] as const);
    const issued = d.int(0, issuedWithin);
    const inv = await anInvoice(db, org, { customer_id: c.id, currency, amount: d.int(1, 50) * 1000, issue_date: d.day(issued), due_date: d.day(issued + d.int(0, 45)) });
    out.push({ id: inv.id, customer: c.id, currency });
  }
  return out;
}
