// Bench of the compliance gate: 1,000,000 decisions over debtors in every supported country with realistic histories.
// Usage: node --import tsx bench/gate.bench.ts [--decisions N]   (goal: over 200,000 decisions per second per core)
import { parseArgs } from 'node:util';
import { decideContact, type ChannelKind, type ContactEvent, type Debtor, type Debt, type ChannelTarget, type Purpose } from '../src/compliance/index.ts';

const GOAL_PER_SECOND = 200_000;
const { values } = parseArgs({ options: { decisions: { type: 'string', default: '1000000' } } });
const decisions = Number(values.decisions);

const PLACES: [string, string, string | undefined][] = [
  ['US', 'America/Chicago', 'IL'], ['US', 'America/New_York', 'NY'], ['MX', 'America/Mexico_City', undefined], ['CO', 'America/Bogota', undefined],
  ['BR', 'America/Sao_Paulo', 'SP'], ['CL', 'America/Santiago', undefined], ['PE', 'America/Lima', undefined],
  ['AR', 'America/Argentina/Buenos_Aires', undefined], ['ES', 'Europe/Madrid', undefined], ['IE', 'Europe/Dublin', undefined], ['DE', 'Europe/Berlin', undefined],
];
const CHANNELS: ChannelKind[] = ['sms', 'email', 'whatsapp', 'call'];
const EPOCH = new Date('2020-01-01T00:00:00Z');

/** A small deterministic generator, so every run decides on the same inputs. */
let seed = 42;
const rnd = () => { seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31; return seed / 2 ** 31; };

interface Case { debtor: Debtor; debt: Debt; target: ChannelTarget; purpose: Purpose; history: { events: ContactEvent[] }; now: Date }

function aCase(i: number): Case {
  const [country, timeZone, region] = PLACES[i % PLACES.length]!;
  const now = new Date(Date.UTC(2026, 2, 2) + Math.floor(rnd() * 28 * 24) * 3_600_000 + Math.floor(rnd() * 60) * 60_000);
  const kind = CHANNELS[Math.floor(rnd() * CHANNELS.length)]!;
  const events: ContactEvent[] = [];
  const n = Math.floor(rnd() * 10);
  for (let e = 0; e < n; e++) {
    events.push({ at: new Date(now.getTime() - Math.floor(rnd() * 35 * 24) * 3_600_000), channel: CHANNELS[Math.floor(rnd() * 4)]!, direction: rnd() < 0.8 ? 'outbound' : 'inbound',
      outcome: rnd() < 0.6 ? 'delivered' : rnd() < 0.5 ? 'unanswered' : 'conversation' });
  }
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  const debtor: Debtor = { id: `cus_${i}`, country, timeZone, ...(region ? { region } : {}), lawfulBasis: 'contract',
    consents: [{ kind: 'channel', grantedAt: EPOCH }, { kind: 'whatsapp_opt_in', grantedAt: EPOCH }, { kind: 'automated_calls', grantedAt: EPOCH }],
    suppressions: rnd() < 0.05 ? [{ scope: { kind: 'channel', channel: 'sms' }, at: EPOCH }] : [] };
  return {
    debtor, debt: { id: `inv_${i}`, consumer: true, balance: { amount: 10_000 + Math.floor(rnd() * 1_000_000), currency: 'USD' } },
    target: { kind, address: kind === 'email' ? `d${i}@example.com` : '+13125550100', recipient: 'debtor', lineType: 'mobile', dialing: 'manual', givenByDebtor: true },
    purpose: { kind: 'collection', tags: [], whatsappFormat: 'template' }, history: { events }, now,
  };
}

const cases = Array.from({ length: 10_000 }, (_, i) => aCase(i));
for (let i = 0; i < 20_000; i++) { const c = cases[i % cases.length]!; decideContact(c.debtor, c.debt, c.target, c.purpose, c.history, c.now); }

const counts: Record<string, number> = {};
const started = performance.now();
const cpuAtStart = process.cpuUsage();
for (let i = 0; i < decisions; i++) {
  const c = cases[i % cases.length]!;
  const d = decideContact(c.debtor, c.debt, c.target, c.purpose, c.history, c.now);
  counts[d.kind] = (counts[d.kind] ?? 0) + 1;
}
const seconds = (performance.now() - started) / 1000;
const perSecond = decisions / seconds;
// the process's own CPU time: what one core does when other work shares the machine (wall time then understates it)
const cpu = process.cpuUsage(cpuAtStart);
const perCpuSecond = decisions / ((cpu.user + cpu.system) / 1e6);
console.log(`gate: ${decisions} decisions in ${seconds.toFixed(2)} s = ${Math.round(perSecond / 1000)}k decisions/s on one core; `
  + `ratio to the goal ${(perSecond / GOAL_PER_SECOND).toFixed(2)} (goal >= 1, ${GOAL_PER_SECOND / 1000}k/s); `
  + `allow ${counts.allow ?? 0}, defer ${counts.defer ?? 0}, block ${counts.block ?? 0}; `
  + `${Math.round(perCpuSecond / 1000)}k decisions per CPU-second (ratio ${(perCpuSecond / GOAL_PER_SECOND).toFixed(2)})`);
