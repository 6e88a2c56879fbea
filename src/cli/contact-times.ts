// `cobro compliance times CUSTOMER`: the contact times a debtor stated that hold (the gate keeps to them) and the older ones
// a newer statement or a person replaced, with when and by what.
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { getContactProfile, type ReplacedTime, type StoredTime } from '../compliance/index.ts';
import { customerIdOf, withOrg } from './session.ts';
import { table } from './output.ts';

const DAYS = ['', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** One time as a table row: its days (every day when none), its span of local time, its channels (all when none). */
function row(t: StoredTime | ReplacedTime, state: 'holds' | 'replaced') {
  const r = 'replaced_at' in t ? t : undefined;
  return { state, days: t.weekdays ? t.weekdays.map((d) => DAYS[d] ?? String(d)).join(',') : 'every day',
    hours: t.from === '00:00' && t.to === '00:00' ? 'all day' : `${t.from}-${t.to}`, channels: t.channels?.join(',') ?? 'all',
    replaced_at: r ? r.replaced_at : '', replaced_by: r ? r.replaced_by : '' };
}

export function registerContactTimes(compliance: Command, config: Config): void {
  compliance.command('times').description('the inconvenient contact times a customer stated: those that hold, then those replaced')
    .argument('<customer>', 'customer id or external id').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((customer: string, o: { json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const p = await getContactProfile(db, org.id, await customerIdOf(db, org.id, customer));
      if (!p.ok) throw new Error(p.error.message);
      const { inconvenient_times: holding, replaced_times: replaced } = p.value;
      if (o.json) { process.stdout.write(`${JSON.stringify({ inconvenient_times: holding, replaced_times: replaced }, null, 2)}\n`); return; }
      const rows = [...holding.map((t) => row(t, 'holds')), ...[...replaced].reverse().map((t) => row(t, 'replaced'))];
      process.stdout.write(rows.length ? `${table(rows, ['state', 'days', 'hours', 'channels', 'replaced_at', 'replaced_by'])}\n` : 'no contact times stated\n');
    }));
}
