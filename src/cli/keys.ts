// `cobro keys status|enable|disable|resume|rotate`: an org's field encryption, its data key versions and how many values
// each seals, re-encryption batch by batch (resumable), and re-wrapping every data key under a new master key.
import { InvalidArgumentError, type Command } from 'commander';
import type { Config } from '../config.ts';
import { asSystem, type Db, type Queryable } from '../db/index.ts';
import type { Org } from '../orgs/index.ts';
import { openDatabase } from '../app.ts';
import {
  fieldEncryptionStatus, masterKeyId, rewrapUnderCurrentMaster, rotateDataKey, runFieldJob, setFieldEncryption, type FieldEncryptionStatus, type JobCounts,
} from '../vault/index.ts';
import { recordAudit } from '../audit/index.ts';
import { withOrg } from './session.ts';

/** Where the commands print and how they reach the database (a test passes its own). */
export interface KeysCliIo {
  out(text: string): void;
  withOrg<T>(orgId: string | undefined, fn: (db: Db, org: Org) => Promise<T>): Promise<T>;
  withDb<T>(fn: (db: Db) => Promise<T>): Promise<T>;
}

function positive(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number above 0');
  return n;
}

export function describeStatus(s: FieldEncryptionStatus): string {
  const lines = [`field encryption: ${s.enabled ? 'on' : 'off'}${s.job ? ` (${s.job === 'seal' ? 'sealing' : 'opening'} values: run \`cobro keys resume\`)` : ''}`,
    `master key:       ${s.master_key_id ?? 'not configured (COBRO_FIELD_KEY)'}`,
    `active version:   ${s.active_version ?? 'none'}`];
  for (const k of s.keys) lines.push(`  v${k.version}${k.version === s.active_version ? ' (active)' : ''}: ${k.values} values, wrapped by master ${k.master_id}, made ${k.created_at}`);
  lines.push(`in the clear:     ${s.plaintext_values} values`);
  if (s.row_unbound_values > 0) lines.push(`old format (v1):  ${s.row_unbound_values} values not bound to their customer (\`cobro keys enable\` or \`rotate\` re-seals them)`);
  const copies = Object.entries(s.plaintext_copies).filter(([, n]) => n > 0);
  lines.push(`copies in clear:  ${copies.length ? copies.map(([f, n]) => `${f} ${n}`).join(', ') : 'none'}`);
  return `${lines.join('\n')}\n`;
}

const describeJob = (j: JobCounts) => `${j.values} values in ${j.rows} rows re-written in ${j.batches} batches${j.done ? '' : ' (not finished: run `cobro keys resume`)'}\n`;

export function registerKeys(program: Command, config: Config, io: KeysCliIo = {
  out: (text) => { process.stdout.write(text); }, withOrg: (orgId, fn) => withOrg(config, orgId, fn),
  withDb: async (fn) => { const db = await openDatabase(config); try { return await fn(db); } finally { await db.close(); } },
}): void {
  const out = (text: string) => io.out(text);
  const keys = program.command('keys').description('field encryption of customers\' emails, phone numbers and tax ids: status, switch, key rotation');
  keys.command('status').description('on or off, the data key versions and how many values each seals, values still in the clear')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { json?: boolean; org?: string }) => io.withOrg(o.org, async (db, org) => {
      const s = await fieldEncryptionStatus(db, org.id);
      out(o.json ? `${JSON.stringify(s, null, 2)}\n` : describeStatus(s));
    }));
  const job = (name: string, description: string, run: (db: Db, org: Org) => Promise<string>) =>
    keys.command(name).description(description).option('--batch <n>', 'customers per transaction', positive, 500)
      .option('--max-batches <n>', 'stop after this many batches (resume later)', positive).option('--org <id>', 'org to work in')
      .action((o: { batch: number; maxBatches?: number; org?: string }) => io.withOrg(o.org, async (db, org) => {
        const head = await run(db, org);
        const j = await runFieldJob(db, org.id, { batchSize: o.batch, ...(o.maxBatches ? { maxBatches: o.maxBatches } : {}) });
        out(head + describeJob(j) + describeStatus(await fieldEncryptionStatus(db, org.id)));
      }));
  const change = async (db: Db, fn: (tx: Queryable) => Promise<{ ok: boolean; error?: { message: string } }>) => {
    const r = await db.transaction(fn);
    if (!r.ok) throw new Error(r.error?.message ?? 'failed');
  };
  job('enable', 'turn field encryption on and seal the stored values', async (db, org) => {
    await change(db, (tx) => setFieldEncryption(tx, org.id, 'cli', true, new Date()));
    return `field encryption on for ${org.name}\n`;
  });
  job('disable', 'turn field encryption off and store the values in the clear again', async (db, org) => {
    await change(db, (tx) => setFieldEncryption(tx, org.id, 'cli', false, new Date()));
    return `field encryption off for ${org.name}\n`;
  });
  job('resume', 'carry on an interrupted sealing or opening of the stored values', async () => '');
  keys.command('rotate').description('a new data key version re-seals every value; with --master, re-wrap the data keys under COBRO_FIELD_KEY instead')
    .option('--master', 'after setting COBRO_FIELD_KEY to the new master key and COBRO_FIELD_KEY_PREVIOUS to the old one: re-wrap every org\'s keys')
    .option('--batch <n>', 'customers per transaction', positive, 500).option('--max-batches <n>', 'stop after this many batches (resume later)', positive)
    .option('--org <id>', 'org to work in')
    .action(async (o: { master?: boolean; batch: number; maxBatches?: number; org?: string }) => {
      if (o.master) {
        await io.withDb((db) => asSystem('the master key re-wraps the keys of every org', async () => {
          const r = await db.transaction(async (tx) => {
            const counts = await rewrapUnderCurrentMaster(tx);
            const orgs = await tx.query<{ org_id: string }>('SELECT org_id FROM field_encryption ORDER BY org_id');
            for (const { org_id } of orgs) {
              await recordAudit(tx, { orgId: org_id, actor: 'cli', action: 'field_encryption.master_rewrapped', entity: 'org', entityId: org_id, data: counts });
            }
            return counts;
          });
          out(`re-wrapped ${r.data_keys} data keys and ${r.index_keys} index keys under master key ${masterKeyId()}; `
            + 'COBRO_FIELD_KEY_PREVIOUS can now be removed\n');
        }));
        return;
      }
      await io.withOrg(o.org, async (db, org) => {
        let version = 0;
        await change(db, async (tx) => { const r = await rotateDataKey(tx, org.id, 'cli', new Date()); if (r.ok) version = r.value.active_version; return r; });
        const j = await runFieldJob(db, org.id, { batchSize: o.batch, ...(o.maxBatches ? { maxBatches: o.maxBatches } : {}) });
        out(`data key version ${version} is active\n${describeJob(j)}${describeStatus(await fieldEncryptionStatus(db, org.id))}`);
      });
    });
}
