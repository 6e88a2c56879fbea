// Seeds a realistic demo portfolio: about 300 customers and 1,500 invoices in six currencies, some paid, some late.
import { gatherStatistics, type Db } from '../db/index.ts';
import { addDays, dateInZone } from '../domain/dates.ts';
import { exponentOf } from '../domain/money.ts';
import { createCustomer, createInvoice, recordPayment, setInvoiceDisputed } from '../ledger/index.ts';
import { PROFILES } from './names.ts';
import { recordConsent, setComplianceSettings, setContactProfile } from '../compliance/index.ts';
import { setAgentSettings } from '../agent/index.ts';

/** A small deterministic generator, so the demo is the same on every machine. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedSummary { customers: number; invoices: number; payments: number }

/** Typical invoice sizes per currency, in major units. */
const SIZE: Record<string, [number, number]> = { MXN: [800, 60_000], COP: [150_000, 12_000_000], BRL: [200, 18_000], CLP: [40_000, 3_000_000], USD: [90, 9_000], EUR: [80, 8_000] };

export async function seedDemo(db: Db, orgId: string, now: Date, customers = 300): Promise<SeedSummary> {
  const rnd = random(20261124);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const today = dateInZone(now, 'UTC');
  const summary: SeedSummary = { customers: 0, invoices: 0, payments: 0 };
  await db.transaction(async (tx) => {
    // the legal identity messages show: every message to Brazil must name the supplier's address and CNPJ (BR-1)
    await setComplianceSettings(tx, orgId, 'demo', { company_address: 'Av. Paulista 1000, São Paulo - SP, 01310-100', company_tax_id: '12.345.678/0001-95' }, now);
    // the demo answers replies with the agent (an org turns it on with `cobro agent settings --on`)
    const agent = await setAgentSettings(tx, orgId, 'demo', { enabled: true }, now);
    if (!agent.ok) throw new Error(agent.error.message);
    for (let c = 0; c < customers; c++) {
      const p = PROFILES[c % PROFILES.length]!;
      const name = `${pick(p.kinds)} ${pick(p.words)} ${c + 1}`;
      const phone = `${p.phonePrefix}${String(1_000_000 + Math.floor(rnd() * 8_999_999))}`;
      const channel = pick(['email', 'whatsapp', 'whatsapp', 'sms', 'email']);
      const created = await createCustomer(tx, orgId, 'demo', {
        external_id: `DEMO-${String(c + 1).padStart(4, '0')}`, name, email: `cuentas${c + 1}@example.${p.country.toLowerCase()}`,
        phone, whatsapp: phone, country: p.country, region: pick(p.regions), timezone: p.timezone, language: p.language,
        preferred_channel: channel as 'email', tags: rnd() < 0.2 ? ['key-account'] : [],
      });
      if (!created.ok) throw new Error(created.error.message);
      summary.customers++;
      // what a real book holds: the contract authorises email and WhatsApp, most customers opted in to WhatsApp
      for (const channel of ['email', 'whatsapp'] as const) {
        await recordConsent(tx, orgId, 'demo', created.value.id, { kind: 'channel', channel, source: 'demo: signed supply contract' }, now);
      }
      if (rnd() < 0.7) await recordConsent(tx, orgId, 'demo', created.value.id, { kind: 'whatsapp_opt_in', channel: 'whatsapp', source: 'demo: opted in at checkout' }, now);
      await setContactProfile(tx, orgId, 'demo', created.value.id, { debtor_type: 'business', lawful_basis: 'contract' }, now);
      const habit = rnd(); // how this customer pays: on time, late, or not at all
      const [lo, hi] = SIZE[p.currency]!;
      for (let i = 0; i < 5; i++) {
        const due = addDays(today, Math.floor(rnd() * 181) - 120);
        const amountMajor = lo + Math.floor(rnd() ** 2 * (hi - lo));
        const inv = await createInvoice(tx, orgId, 'demo', {
          customer_id: created.value.id, number: `${p.country}-${String(c + 1).padStart(4, '0')}-${i + 1}`, currency: p.currency,
          amount: amountMajor * 10 ** exponentOf(p.currency), issue_date: addDays(due, -30), due_date: due,
        });
        if (!inv.ok) throw new Error(inv.error.message);
        summary.invoices++;
        const daysLate = habit < 0.45 ? Math.floor(rnd() * 5) : habit < 0.8 ? 10 + Math.floor(rnd() * 50) : 9999;
        const paidOn = addDays(due, daysLate);
        if (paidOn < today) {
          const partial = rnd() < 0.15;
          const amount = partial ? Math.floor(inv.value.amount * (0.3 + rnd() * 0.4)) : inv.value.amount;
          const r = await recordPayment(tx, orgId, 'demo', { customer_id: created.value.id, amount, currency: p.currency, date: paidOn,
            method: pick(['bank_transfer', 'card', 'cash', 'pix']), reference: `REF-${inv.value.number}`, source: 'demo',
            allocations: [{ invoice_id: inv.value.id, amount }] });
          if (!r.ok) throw new Error(r.error.message);
          summary.payments++;
        } else if (rnd() < 0.03) {
          await setInvoiceDisputed(tx, orgId, 'demo', inv.value.id, true);
        }
      }
    }
  });
  // on PGlite, which runs no autovacuum, the planner's statistics of the tables just filled (nothing on PostgreSQL)
  await gatherStatistics(db);
  return summary;
}
