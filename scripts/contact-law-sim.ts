// The full-size contact-law simulation (issue 5): `npm run sim:contact-law -- --debtors 10000 [--days 90] [--round-hours 2]
// [--seed N]`: consumer debtors in every country with a pack, the real worker through the gate, random replies, STOPs
// and payments; then the independent checker reads the message log. PostgreSQL when DATABASE_URL is set (a schema of
// its own, dropped after), otherwise in-memory PGlite. Prints what was sent and every violation; exits 1 on any.
import { parseArgs } from 'node:util';
import { testDb } from '../test/support/db.ts';
import { runWorld } from '../test/support/contact-law/world.ts';
import { checkContactLog } from '../test/support/contact-law/checker.ts';

const { values } = parseArgs({ options: { debtors: { type: 'string', default: '10000' }, days: { type: 'string', default: '90' },
  'round-hours': { type: 'string', default: '2' }, seed: { type: 'string', default: '20261124' } } });
const started = performance.now();
const db = await testDb();
try {
  const run = await runWorld(db, { debtors: Number(values.debtors), days: Number(values.days), roundHours: Number(values['round-hours']),
    seed: Number(values.seed), start: new Date('2026-01-05T00:00:00Z') });
  const violations = checkContactLog(run.places, run.messages, run.events);
  const kinds = new Map<string, number>();
  for (const e of run.events) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
  console.log(`${values.debtors} debtors in ${new Set([...run.places.values()].map((p) => p.country)).size} countries, ${values.days} days, `
    + `${run.rounds} worker rounds in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  console.log(`debtors' events: ${JSON.stringify(Object.fromEntries(kinds))}`);
  console.log(`messages by state: ${JSON.stringify(run.counts)}; ${run.messages.length} sent`);
  console.log(`independent checker: ${violations.length} violations`);
  for (const v of violations.slice(0, 20)) console.log(`  ${v.rule}: ${v.customerId} ${v.channel} at ${v.at}: ${v.detail}`);
  process.exitCode = violations.length === 0 ? 0 : 1;
} finally {
  await db.close();
}
