// A portfolio of consumer debtors spread over every country cobro has a contact-law pack for, run day by day through
// the real worker (cases, tick, dispatcher with the gate in the sending transaction) with random replies, STOPs and
// payments on the way. What the debtors did is written to a log of its own, for the independent checker.
import type { Db, Queryable } from '../../../src/db/index.ts';
import { addDays, type CalendarDate } from '../../../src/domain/dates.ts';
import { createOrg } from '../../../src/orgs/index.ts';
import { createCustomer, createInvoice, recordPayment } from '../../../src/ledger/index.ts';
import { applyReplyText, recordConsent, setComplianceSettings, setContactProfile } from '../../../src/compliance/index.ts';
import { replanCase } from '../../../src/engine/index.ts';
import { sandboxAdapters, workOnce } from '../../../src/worker/index.ts';
import type { Place, DebtorEvent, SentMessage } from './checker.ts';
import { random } from '../../../src/domain/random.ts';

export const PLACES: readonly (Place & { currency: string; phonePrefix: string })[] = [
  { country: 'US', timeZone: 'America/Chicago', currency: 'USD', phonePrefix: '+1312555' },
  { country: 'US', region: 'MA', timeZone: 'America/New_York', currency: 'USD', phonePrefix: '+1617555' },
  { country: 'IE', timeZone: 'Europe/Dublin', currency: 'EUR', phonePrefix: '+35387' },
  { country: 'ES', timeZone: 'Europe/Madrid', currency: 'EUR', phonePrefix: '+34612' },
  { country: 'CO', timeZone: 'America/Bogota', currency: 'COP', phonePrefix: '+57300' },
  { country: 'MX', timeZone: 'America/Mexico_City', currency: 'MXN', phonePrefix: '+52155' },
  { country: 'BR', region: 'SP', timeZone: 'America/Sao_Paulo', currency: 'BRL', phonePrefix: '+55119' },
  { country: 'BR', region: 'RJ', timeZone: 'America/Sao_Paulo', currency: 'BRL', phonePrefix: '+55219' },
  { country: 'CL', timeZone: 'America/Santiago', currency: 'CLP', phonePrefix: '+56912' },
  { country: 'PE', timeZone: 'America/Lima', currency: 'PEN', phonePrefix: '+51912' },
  { country: 'AR', timeZone: 'America/Argentina/Buenos_Aires', currency: 'ARS', phonePrefix: '+54911' },
];

/** Replies debtors send, with the least each must stop (the channel it came on) or nothing. */
const REPLIES: readonly { channel: 'sms' | 'whatsapp' | 'email'; text: string; stops: boolean }[] = [
  { channel: 'sms', text: 'STOP', stops: true },
  { channel: 'sms', text: ' stopall ', stops: true },
  { channel: 'sms', text: 'please stop texting me', stops: true },
  { channel: 'whatsapp', text: 'no más', stops: true },
  { channel: 'whatsapp', text: 'PARE', stops: true },
  { channel: 'email', text: 'Please stop contacting me about this.', stops: true },
  { channel: 'sms', text: 'ok thanks, I will pay on Friday', stops: false },
  { channel: 'whatsapp', text: 'ya pagué ayer', stops: false },
  { channel: 'email', text: 'Can you send me the invoice again?', stops: false },
];

/** A small deterministic generator, so a failing run can be repeated from its seed. */
export { random };

export interface WorldOptions { debtors: number; days: number; roundHours: number; seed: number; start: Date }

interface Planned { at: Date; customerId: string; apply: (q: Queryable, orgId: string, at: Date) => Promise<DebtorEvent | null> }

export interface WorldRun {
  orgId: string;
  places: Map<string, Place>;
  events: DebtorEvent[];
  messages: SentMessage[];
  rounds: number;
  counts: Record<string, number>;
}

const day = (d: Date): CalendarDate => d.toISOString().slice(0, 10) as CalendarDate;

async function seed(db: Db, orgId: string, o: WorldOptions, rnd: () => number): Promise<{ places: Map<string, Place>; planned: Planned[] }> {
  const places = new Map<string, Place>();
  const planned: Planned[] = [];
  const span = o.days * 86_400_000;
  for (let i = 0; i < o.debtors; i++) {
    const place = PLACES[i % PLACES.length]!;
    const digits = String(1000 + i).padStart(4, '0');
    const c = await createCustomer(db, orgId, 'sim', {
      name: `Debtor ${i}`, external_id: `D-${i}`, email: `d${i}@example.com`, phone: `${place.phonePrefix}${digits}`,
      whatsapp: `${place.phonePrefix}${digits}`, country: place.country, ...(place.region ? { region: place.region } : {}),
      timezone: place.timeZone, language: place.country === 'BR' ? 'pt-BR' : ['US', 'IE'].includes(place.country) ? 'en' : 'es',
    });
    if (!c.ok) throw new Error(c.error.message);
    const id = c.value.id;
    places.set(id, place);
    for (const channel of ['email', 'sms', 'whatsapp'] as const) {
      await recordConsent(db, orgId, 'sim', id, { kind: 'channel', channel, source: 'sim: loan agreement' }, o.start);
    }
    await recordConsent(db, orgId, 'sim', id, { kind: 'whatsapp_opt_in', channel: 'whatsapp', source: 'sim: opted in' }, o.start);
    await setContactProfile(db, orgId, 'sim', id, { debtor_type: 'consumer', lawful_basis: 'contract' }, o.start);
    const invoices = 1 + Math.floor(rnd() * 3);
    let total = 0;
    for (let k = 0; k < invoices; k++) {
      const amount = place.currency === 'CLP' ? 20_000 + Math.floor(rnd() * 200_000) : 5_000 + Math.floor(rnd() * 150_000);
      total += amount;
      const due = addDays(day(o.start), Math.floor(rnd() * 70) - 10);
      const r = await createInvoice(db, orgId, 'sim', { customer_id: id, number: `S-${i}-${k}`, currency: place.currency, amount,
        issue_date: addDays(due, -30), due_date: due });
      if (!r.ok) throw new Error(r.error.message);
    }
    const at = () => new Date(o.start.getTime() + Math.floor(rnd() * span));
    if (rnd() < 0.3) {
      const reply = REPLIES[Math.floor(rnd() * REPLIES.length)]!;
      planned.push({ at: at(), customerId: id, apply: async (q, org, when) => {
        await applyReplyText(q, org, 'sim', id, reply.text, { channel: reply.channel, address: reply.channel === 'email' ? `d${i}@example.com` : `${place.phonePrefix}${digits}` }, when);
        return { at: when, customerId: id, kind: reply.stops ? 'opt_out' : 'reply', channel: reply.channel, text: reply.text };
      } });
    }
    const pay = rnd();
    if (pay < 0.35) {
      const full = pay < 0.25;
      planned.push({ at: at(), customerId: id, apply: async (q, org, when) => {
        const [{ balance } = { balance: 0 }] = await q.query<{ balance: number }>(
          'SELECT COALESCE(sum(balance), 0)::int AS balance FROM invoices WHERE org_id = $1 AND customer_id = $2', [org, id]);
        if (balance <= 0) return null;
        const amount = full ? balance : Math.max(1, Math.floor(balance / 3));
        const r = await recordPayment(q, org, 'sim', { customer_id: id, amount, currency: place.currency, date: day(when) });
        if (!r.ok) throw new Error(r.error.message);
        await replanCase(q, org, id, when);
        return { at: when, customerId: id, kind: full ? 'paid_in_full' : 'paid_part' };
      } });
    }
  }
  planned.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { places, planned };
}

/** Builds the world and runs it: one worker round every `roundHours`, the debtors' own events applied as their time comes. */
export async function runWorld(db: Db, o: WorldOptions): Promise<WorldRun> {
  const rnd = random(o.seed);
  const org = await createOrg(db, { name: 'Contact law simulation', country: 'US', defaultTimezone: 'America/New_York' });
  // the supplier's identification every message to Brazil shows (BR-1); without it those messages are held back
  await setComplianceSettings(db, org.id, 'sim', { company_address: 'Av. Paulista 1000, São Paulo - SP', company_tax_id: '12.345.678/0001-95' }, o.start);
  const { places, planned } = await seed(db, org.id, o, rnd);
  // the planner's statistics, as PostgreSQL's autovacuum gathers them (PGlite runs none, and its tables were never
  // analysed): for the seeded ledger now and, once the first day has run, for its cases, actions and messages. On default
  // guesses the rounds' queries over invoices and cases were planned as nested loops over every row (the retention
  // purge's facts, 110 customers by 208 invoices: 27 ms a day, 5 ms analysed). The plans change, not what they find.
  const analyse = async () => { if (db.kind === 'pglite') await db.exec('ANALYZE'); };
  await analyse();
  const events: DebtorEvent[] = [];
  const messaging = { adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' };
  const log = { info() {}, error(obj: object, msg: string) { throw new Error(`${msg}: ${String((obj as { err?: unknown }).err)}`); } };
  const end = o.start.getTime() + o.days * 86_400_000;
  let next = 0;
  let rounds = 0;
  for (let t = o.start.getTime(); t < end; t += o.roundHours * 3_600_000) {
    while (next < planned.length && planned[next]!.at.getTime() <= t) {
      const p = planned[next++]!;
      const e = await db.transaction((tx) => p.apply(tx, org.id, p.at));
      if (e) events.push(e);
    }
    await workOnce({ db, now: () => new Date(t), messaging, log });
    rounds += 1;
    if (rounds === Math.ceil(24 / o.roundHours)) await analyse();
  }
  const messages = await db.query<SentMessage & { sent_at: string }>(
    `SELECT customer_id AS "customerId", channel, address, sent_at FROM messages
     WHERE org_id = $1 AND sent_at IS NOT NULL ORDER BY sent_at`, [org.id]);
  const counts = Object.fromEntries((await db.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM messages WHERE org_id = $1 GROUP BY status ORDER BY status', [org.id])).map((r) => [r.status, r.n]));
  return { orgId: org.id, places, events, rounds, counts, messages: messages.map((m) => ({ customerId: m.customerId, channel: m.channel, address: m.address, at: new Date(m.sent_at) })) };
}
