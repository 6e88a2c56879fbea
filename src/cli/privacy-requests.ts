// `cobro privacy record|list|extend|refuse|fulfil`: data-subject requests, due by the debtor's country rule, overdue listed first.
import { InvalidArgumentError, type Command } from 'commander';
import type { Config } from '../config.ts';
import type { Result } from '../domain/result.ts';
import { isCalendarDate } from '../domain/dates.ts';
import { inTransaction } from '../db/index.ts';
import {
  REQUEST_KINDS, REQUEST_STATUSES, extendDataRequest, fulfilDataRequest, listDataRequests, recordDataRequest, refuseDataRequest,
  type DataRequest, type RequestKind, type RequestStatus,
} from '../compliance/index.ts';
import { customerPatchSchema } from '../api/schemas.ts';
import { customerIdOf, withOrg } from './session.ts';
import { table } from './output.ts';

type CustomerPatch = ReturnType<typeof customerPatchSchema.parse>;

const instant = (v: string): Date => {
  if (Number.isNaN(Date.parse(v)) || !/^\d{4}-\d\d-\d\dT/.test(v)) throw new InvalidArgumentError('an ISO instant such as 2026-03-11T15:00:00Z');
  return new Date(v);
};
const date = (v: string): string => {
  if (!isCalendarDate(v)) throw new InvalidArgumentError('a date as YYYY-MM-DD');
  return v;
};
const oneOf = <T extends string>(values: readonly T[]) => (v: string): T => {
  if (!(values as readonly string[]).includes(v)) throw new InvalidArgumentError(`one of ${values.join(', ')}`);
  return v as T;
};

/** The value, or an error naming the field the command refused. */
function valueOf<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.error.field ? `${r.error.field}: ${r.error.message}` : r.error.message);
  return r.value;
}

function show(rows: DataRequest[], json: boolean | undefined): string {
  if (json) return `${JSON.stringify(rows.length === 1 ? rows[0] : rows, null, 2)}\n`;
  return `${table(rows.map((r) => ({ id: r.id, customer: r.customer_id, kind: r.kind, status: r.overdue ? `${r.status} OVERDUE` : r.status,
    rule: r.rule, received: r.received_on, answer_by: r.answer_by })), ['id', 'customer', 'kind', 'status', 'rule', 'received', 'answer_by'])}\n`;
}

interface Common { org?: string; now?: Date; json?: boolean }

export function registerPrivacyRequests(program: Command, config: Config): void {
  const privacy = program.command('privacy').description('data-subject requests: access, erasure, rectification, with their legal due dates');
  const common = (c: Command) => c.option('--now <instant>', 'the instant to act at (ISO), now by default', instant)
    .option('--json', 'print JSON').option('--org <id>', 'org to work in');
  const run = async (o: Common, fn: Parameters<typeof withOrg<void>>[2]): Promise<void> => withOrg(config, o.org, fn);

  common(privacy.command('record').description('record a request; its due date follows the debtor\'s country and the kind (GDPR, LGPD, CCPA, Mexico, Colombia, Argentina, Peru, Chile)')
    .argument('<customer>', 'customer id or external id')
    .requiredOption('--kind <kind>', REQUEST_KINDS.join(', '), oneOf(REQUEST_KINDS))
    .requiredOption('--requester <who>', 'who asked: the person, or who acts for them')
    .requiredOption('--identity <how>', 'how the requester\'s identity was verified')
    .option('--received-at <instant>', 'when the request came in (ISO), now by default', instant))
    .action(async (customer: string, o: Common & { kind: RequestKind; requester: string; identity: string; receivedAt?: Date }) => run(o, async (db, org) => {
      const customer_id = await customerIdOf(db, org.id, customer);
      const input = { customer_id, kind: o.kind, requester: o.requester, identity_check: o.identity, received_at: o.receivedAt };
      const r = valueOf(await inTransaction(db, (tx) => recordDataRequest(tx, org.id, 'cli', input, o.now ?? new Date())));
      process.stdout.write(show([r], o.json));
    }));

  common(privacy.command('list').description('the org\'s requests, overdue first, then the rest to answer by due date')
    .option('--status <status>', REQUEST_STATUSES.join(', '), oneOf(REQUEST_STATUSES)).option('--kind <kind>', REQUEST_KINDS.join(', '), oneOf(REQUEST_KINDS)))
    .action(async (o: Common & { status?: RequestStatus; kind?: RequestKind }) => run(o, async (db, org) => {
      const rows = await listDataRequests(db, org.id, { status: o.status, kind: o.kind }, o.now ?? new Date());
      process.stdout.write(o.json ? `${JSON.stringify(rows, null, 2)}\n` : show(rows, false));
    }));

  common(privacy.command('extend').description('extend a request once, within its law, told to the person with the reason')
    .argument('<request>', 'request id').requiredOption('--reason <text>', 'why more time is needed (told to the person)')
    .option('--until <date>', 'the new due date (YYYY-MM-DD); the law\'s limit by default', date)
    .option('--told-on <date>', 'the day the person was told (YYYY-MM-DD); today by default', date))
    .action(async (id: string, o: Common & { reason: string; until?: string; toldOn?: string }) => run(o, async (db, org) => {
      const e = { reason: o.reason, until: o.until, told_on: o.toldOn };
      process.stdout.write(show([valueOf(await inTransaction(db, (tx) => extendDataRequest(tx, org.id, 'cli', id, e, o.now ?? new Date())))], o.json));
    }));

  common(privacy.command('refuse').description('refuse a request, with the reason the person is given')
    .argument('<request>', 'request id').requiredOption('--reason <text>', 'the reason'))
    .action(async (id: string, o: Common & { reason: string }) => run(o, async (db, org) => {
      process.stdout.write(show([valueOf(await inTransaction(db, (tx) => refuseDataRequest(tx, org.id, 'cli', id, o.reason, o.now ?? new Date())))], o.json));
    }));

  common(privacy.command('fulfil').description('do what a request asks and record it: prints the export, the erasure, or the rectified request as JSON')
    .argument('<request>', 'request id').option('--changes <json>', 'for a rectification: the corrected customer fields, as JSON'))
    .action(async (id: string, o: Common & { changes?: string }) => run(o, async (db, org) => {
      let changes: CustomerPatch | undefined;
      if (o.changes !== undefined) {
        const parsed = customerPatchSchema.safeParse((() => { try { return JSON.parse(o.changes!); } catch { throw new Error('changes: not JSON'); } })());
        if (!parsed.success) throw new Error(`changes.${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
        changes = parsed.data;
      }
      const done = valueOf(await inTransaction(db, (tx) => fulfilDataRequest(tx, org.id, 'cli', id, changes, o.now ?? new Date())));
      process.stdout.write(`${JSON.stringify(done, null, 2)}\n`);
    }));
}
