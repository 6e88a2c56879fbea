// What the audit search's trigram index (migration 094, audit_log_text) costs the dispatcher: the audit entries an SMS
// batch writes, appended through recordAuditBatch as the dispatcher appends them (a `messages.sent` entry naming --sends
// messages and their customers, as sentEntries makes it; a `portal.links_created` entry naming --links customers' links, as
// linksMadeEntries makes it), into two throwaway schemas, one with the index and one without, in alternating rounds; the
// PostgreSQL backends' CPU per entry from /proc (the server must run on this machine). Ids are the dispatcher's forms.
// Usage: node --import tsx bench/audit-text-cost.ts [--rounds N] [--entries N] [--sends N] [--links N] [--prefill N]
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { openDb, type Db } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { newId } from '../src/domain/index.ts';
import { recordAuditBatch } from '../src/audit/index.ts';
import { linksMadeEntries } from '../src/portal/links.ts';
import { sentEntries, type SentRecord } from '../src/worker/record.ts';
import { followBackends } from './cpu.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '4' }, entries: { type: 'string', default: '100' }, sends: { type: 'string', default: '128' },
  links: { type: 'string', default: '500' }, prefill: { type: 'string', default: '300' } } });
const [rounds, entries, sends, links, prefill] = [values.rounds, values.entries, values.sends, values.links, values.prefill].map(Number) as [number, number, number, number, number];
const databaseUrl = loadConfig().databaseUrl ?? 'postgres://root@127.0.0.1:5432/test';
const tag = randomBytes(3).toString('hex');
const NOW = new Date('2026-03-10T17:00:00Z');

/** A messages.sent entry of `n` SMS (each message to its own customer) and a portal.links_created entry of `n` links. */
function sentEntry(orgId: string, n: number) {
  const records = Array.from({ length: n }, () => ({
    // the enqueue's message ids: 'msg_' and 22 hex digits of an md5
    message: { id: `msg_${randomBytes(11).toString('hex')}`, customer_id: newId('customer'), channel: 'sms', template: 'reminder_due' },
    receipt: { provider: 'twilio' } }) as unknown as SentRecord);
  return sentEntries(orgId, records);
}
function linksEntry(orgId: string, n: number) {
  const expires = new Date(NOW.getTime() + 30 * 86_400_000).toISOString();
  return linksMadeEntries(orgId, Array.from({ length: n }, () => ({ id: newId('portalLink'), customer_id: newId('customer'), expires_at: expires })));
}

interface Side { name: string; db: Db; schema: string; orgId: string; cpu: { sent: number[]; links: number[] } }
async function side(name: string, withIndex: boolean): Promise<Side> {
  const schema = `bench_audittext_${tag}_${name}`;
  const db = await openDb({ databaseUrl: `${databaseUrl}${databaseUrl.includes('?') ? '&' : '?'}application_name=${schema}`, schema });
  if (!withIndex) await db.exec('DROP INDEX audit_log_text');
  const orgId = (await createOrg(db, { name: 'Ferretería Luna' })).id;
  // a log that is not empty: the index's trees as after some batches
  for (let i = 0; i < prefill; i++) await recordAuditBatch(db, orgId, i % 2 ? linksEntry(orgId, links) : sentEntry(orgId, sends), NOW);
  return { name, db, schema, orgId, cpu: { sent: [], links: [] } };
}

/** Backend CPU milliseconds per entry appended. */
async function measure(s: Side, make: () => ReturnType<typeof sentEntry>): Promise<number> {
  const made = Array.from({ length: entries }, make);
  const backends = followBackends(s.db, s.schema, 100, { sinceStart: true });
  await backends.started;
  for (const e of made) await recordAuditBatch(s.db, s.orgId, e, NOW);
  return ((await backends.stop()) * 1000) / entries;
}

const sides = [await side('with', true), await side('without', false)];
try {
  for (let r = 0; r < rounds; r++) {
    for (const s of r % 2 ? [...sides].reverse() : sides) {
      s.cpu.sent.push(await measure(s, () => sentEntry(s.orgId, sends)));
      s.cpu.links.push(await measure(s, () => linksEntry(s.orgId, links)));
    }
  }
  const median = (xs: number[]) => { const v = [...xs].sort((a, b) => a - b); return v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2; };
  for (const s of sides) {
    console.log(`${s.name} audit_log_text: messages.sent of ${sends}: ${s.cpu.sent.map((x) => x.toFixed(2)).join(', ')} ms per entry (median ${median(s.cpu.sent).toFixed(2)});`
      + ` portal.links_created of ${links}: ${s.cpu.links.map((x) => x.toFixed(2)).join(', ')} (median ${median(s.cpu.links).toFixed(2)})`);
  }
  const [w, wo] = sides as [Side, Side];
  const perSms = (median(w.cpu.sent) - median(wo.cpu.sent)) / sends + (median(w.cpu.links) - median(wo.cpu.links)) / links;
  console.log(`the index's share: ${(perSms * 1000).toFixed(1)} us of PostgreSQL CPU per SMS (one of each entry's names per SMS)`);
} finally {
  for (const s of sides) {
    await s.db.exec(`DROP SCHEMA ${s.schema} CASCADE`).catch(() => undefined);
    await s.db.close();
  }
}
