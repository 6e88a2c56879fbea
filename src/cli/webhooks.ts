// `cobro webhooks`: endpoints that receive events (the signing secret is printed once), the events, their deliveries and
// attempts, replays, and a delivery pass now.
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { inTransaction } from '../db/index.ts';
import { createEndpoint, deleteEndpoint, EVENT_TYPES, eventDeliveries, eventRetention, listEndpoints, listEvents, replayEvent, updateEndpoint } from '../events/index.ts';
import { vaultKey } from '../vault/index.ts';
import { deliverWebhooks } from '../worker/index.ts';
import { withOrg } from './session.ts';
import { table } from './output.ts';

type Json = { json?: boolean; org?: string };
const print = (o: Json, value: unknown, text: () => string) => process.stdout.write(o.json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export function registerWebhooks(program: Command, config: Config): void {
  const w = program.command('webhooks').description(`event webhooks for integrators (${EVENT_TYPES.length} event types; HMAC-SHA256 signed)`);
  w.command('list').description('the org\'s endpoints').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: Json) => withOrg(config, o.org, async (db, org) => {
      const rows = await listEndpoints(db, org.id);
      print(o, rows, () => rows.length === 0 ? 'no webhook endpoints' : table(rows.map((r) => ({ id: r.id, url: r.url, events: r.event_types.join(','),
        enabled: r.enabled ? 'yes' : 'no', secret: r.secret_hint })), ['id', 'url', 'events', 'enabled', 'secret']));
    }));
  w.command('add').description('subscribe a URL to events; prints the signing secret once')
    .requiredOption('--url <url>', 'where to POST events').option('--events <list>', `comma-separated types, or * for all: ${EVENT_TYPES.join(', ')}`, '*')
    .option('--description <text>', 'a label').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: Json & { url: string; events: string; description?: string }) => withOrg(config, o.org, async (db, org) => {
      const key = await vaultKey(db, config.secretKey);
      // the database, not a transaction: the URL's name is resolved (COBRO_EGRESS_ALLOW) before the endpoint is written in one
      const r = unwrap(await createEndpoint(db, key, org.id, 'cli', { url: o.url, event_types: list(o.events),
        ...(o.description ? { description: o.description } : {}) }, new Date(), config.egress));
      print(o, r, () => `endpoint ${r.id} for ${r.event_types.join(', ')}\nsigning secret (shown once, keep it safe): ${r.secret}`);
    }));
  w.command('update').description('change an endpoint').argument('<id>', 'endpoint id').option('--url <url>', 'new URL')
    .option('--events <list>', 'new comma-separated types, or *').option('--enable', 'start delivering').option('--disable', 'stop delivering')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((id: string, o: Json & { url?: string; events?: string; enable?: boolean; disable?: boolean }) => withOrg(config, o.org, async (db, org) => {
      if (o.enable && o.disable) throw new Error('--enable or --disable, not both');
      const r = unwrap(await updateEndpoint(db, org.id, 'cli', id, { ...(o.url ? { url: o.url } : {}),
        ...(o.events ? { event_types: list(o.events) } : {}), ...(o.enable ? { enabled: true } : o.disable ? { enabled: false } : {}) }, new Date(), config.egress));
      print(o, r, () => `endpoint ${r.id}: ${r.url} for ${r.event_types.join(', ')} (${r.enabled ? 'enabled' : 'disabled'})`);
    }));
  w.command('delete').description('delete an endpoint').argument('<id>', 'endpoint id').option('--org <id>', 'org to work in')
    .action((id: string, o: Json) => withOrg(config, o.org, async (db, org) => {
      unwrap(await inTransaction(db, (tx) => deleteEndpoint(tx, org.id, 'cli', id, new Date())));
      process.stdout.write(`endpoint ${id} deleted\n`);
    }));
  w.command('events').description('events, newest first').option('--type <type>', 'one event type').option('--limit <n>', 'how many', '20')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: Json & { type?: string; limit: string }) => withOrg(config, o.org, async (db, org) => {
      const page = await listEvents(db, org.id, { limit: Number(o.limit) || 20, ...(o.type ? { type: o.type } : {}) });
      print(o, page.data, () => table(page.data.map((e) => ({ id: e.id, type: e.type, subject: e.subject ?? '', customer: e.customer_id ?? '',
        at: e.created_at })), ['id', 'type', 'subject', 'customer', 'at']));
    }));
  w.command('deliveries').description('an event\'s deliveries with every attempt').argument('<event>', 'event id')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((eventId: string, o: Json) => withOrg(config, o.org, async (db, org) => {
      const rows = unwrap(await eventDeliveries(db, org.id, eventId));
      print(o, rows, () => rows.length === 0 ? 'no deliveries: no endpoint was subscribed to it' : rows.map((d) =>
        [`${d.id} to ${d.endpoint_id}${d.replay ? ' (replay)' : ''}: ${d.status}, ${d.attempts} attempt(s)`,
          ...d.attempt_log.map((a) => `  #${a.attempt} ${a.at} ${a.status} ${a.response_code ?? '-'} ${a.duration_ms} ms${a.error ? ` ${a.error}` : ''}`)].join('\n')).join('\n'));
    }));
  w.command('replay').description('send an event again (on the next delivery pass)').argument('<event>', 'event id')
    .option('--endpoint <id>', 'only to this endpoint').option('--org <id>', 'org to work in')
    .action((eventId: string, o: Json & { endpoint?: string }) => withOrg(config, o.org, async (db, org) => {
      const ids = unwrap(await inTransaction(db, (tx) => replayEvent(tx, org.id, 'cli', eventId, o.endpoint ?? null, new Date())));
      process.stdout.write(`queued ${ids.length} delivery(ies): ${ids.join(', ')}\n`);
    }));
  w.command('retention').description('how long events and their delivery attempts are kept (COBRO_EVENT_RETENTION_DAYS)').option('--json', 'print JSON')
    .action((o: Json) => {
      const r = eventRetention(config.eventRetentionDays, new Date());
      print(o, r, () => `events and their delivery attempts are kept ${r.days} days (COBRO_EVENT_RETENTION_DAYS); the worker deletes those before ${r.delete_before} with no delivery pending`);
    });
  w.command('deliver').description('deliver what is due now (the worker does it every round)').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: Json) => withOrg(config, o.org, async (db) => {
      const r = await deliverWebhooks({ db, now: () => new Date(), egress: config.egress, ...(config.secretKey ? { secretKey: config.secretKey } : {}) });
      print(o, r, () => `attempted ${r.attempted}: ${r.succeeded} succeeded, ${r.retrying} to retry, ${r.failed} given up`);
    }));
}
