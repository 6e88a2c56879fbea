// One real object of every kind a route names by id, made in the first org of a test API, so that the route walk can
// call each route with another org's key on an id that exists. Made through the API where one call does it, otherwise
// written as the product writes it (a row carrying the org's marker text so that a leak of it shows in a body).
import assert from 'node:assert/strict';
import { newId } from '../../src/domain/ids.ts';
import { listApiKeys } from '../../src/orgs/index.ts';
import { bearer, type TestApi } from './api.ts';

export const MARKER = 'Muralla';

/** Route prefix (the part before `/:id`) -> the id of an object of the first org. */
export async function walkObjects(t: TestApi): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const at = new Date('2026-03-15T12:00:00Z');
  const call = async (method: 'POST' | 'GET', url: string, payload?: object | string, headers: Record<string, string> = {}) => {
    const res = await t.app.inject({ method, url, ...(payload === undefined ? {} : { payload }), headers: { ...bearer(t.keys.admin), ...headers } });
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const post = async (url: string, payload: object) => (await call('POST', url, payload)).id as string;
  const first = async (url: string) => {
    const [row] = (await call('GET', url)).data as { id: string }[];
    assert.ok(row, `${url} listed nothing`);
    return row.id;
  };
  const insert = (sql: string, params: unknown[]) => t.db.query(sql, params);

  const customer = ids['/v1/customers'] = await post('/v1/customers', { name: `Ferretería ${MARKER}`, email: 'muralla@acme.test',
    phone: '+5215512340001', external_id: 'MURALLA-1', country: 'MX' });
  ids['/v1/invoices'] = await post('/v1/invoices', { customer_id: customer, number: 'MURALLA-INV-1', currency: 'MXN',
    amount: 150000, issue_date: '2026-02-01', due_date: '2026-03-01' });
  await post('/v1/invoices', { customer_id: customer, number: 'MURALLA-INV-2', currency: 'MXN', amount: 80000, issue_date: '2026-02-10', due_date: '2026-04-10' });
  ids['/v1/payments'] = await post('/v1/payments', { customer_id: customer, amount: 50000, currency: 'MXN', date: '2026-03-10' });
  ids['/v1/adjustments'] = await post('/v1/adjustments', { invoice_id: ids['/v1/invoices'], kind: 'late_fee', amount: 100, date: '2026-03-15' });
  ids['/v1/api-keys'] = (await listApiKeys(t.db, t.org)).find((k) => k.role === 'viewer')!.id;
  ids['/v1/disputes'] = await post('/v1/disputes', { customer_id: customer, invoice_ids: ['MURALLA-INV-1'], reason: 'goods_or_service',
    text: `Half the boxes arrived broken at ${MARKER}` });
  ids['/v1/webhook-endpoints'] = await post('/v1/webhook-endpoints', { url: 'https://hooks.example.test/cobro', event_types: ['invoice.paid'] });
  ids['/v1/events'] = await first('/v1/events');
  ids['/v1/portal-links'] = await post(`/v1/customers/${customer}/portal-link`, {});
  await call('POST', '/v1/ticks', {});
  ids['/v1/cases'] = await first('/v1/cases');
  ids['/v1/consents'] = await post(`/v1/customers/${customer}/consents`, { kind: 'channel', channel: 'whatsapp', address: '+5215512340001', source: `signed at ${MARKER}` });
  ids['/v1/suppressions'] = await post(`/v1/customers/${customer}/opt-out`, { scope: 'channel', channel: 'sms', reason: `asked at ${MARKER}` });
  ids['/v1/privacy/requests'] = await post('/v1/privacy/requests', { customer_id: customer, kind: 'access', requester: `${MARKER} owner`,
    identity_check: `seen at ${MARKER}` });
  // strategy ids are the org's own names (every org has its 'smb-default'): one only this org has, in two versions
  const strategy = ids['/v1/strategies'] = 'muralla-strategy';
  for (const version of [1, 2]) {
    await insert(`INSERT INTO strategies (org_id, id, version, name, definition) SELECT org_id, $2, $3, $4, definition FROM strategies
      WHERE org_id = $1 ORDER BY id, version LIMIT 1`, [t.org, strategy, version, `${MARKER} strategy`]);
  }
  ids['/v1/calendars/org-holidays'] = await post('/v1/calendars/org-holidays', { date: '2026-03-18', name: `${MARKER} anniversary` });
  ids['/v1/experiments'] = await post('/v1/experiments', { name: `${MARKER} test`, strategy_id: ids['/v1/strategies'], champion_version: 1,
    challenger_version: 2, share: 0.5, min_per_arm: 5 });

  const boundary = 'cobro-walk';
  const form = (fields: [string, string][], file: string, name: string) => [...fields.flatMap(([k, v]) => [`--${boundary}`,
    `Content-Disposition: form-data; name="${k}"`, '', v]), `--${boundary}`, `Content-Disposition: form-data; name="file"; filename="${name}"`,
  'Content-Type: application/octet-stream', '', file, `--${boundary}--`, ''].join('\r\n');
  const multipart = { 'content-type': `multipart/form-data; boundary=${boundary}` };
  ids['/v1/imports'] = (await call('POST', '/v1/imports', form([['kind', 'customers']], `external_id,name,email\nMURALLA-2,${MARKER} Norte,norte@acme.test\n`, 'c.csv'), multipart)).id;
  const mt940 = [':20:WALK', ':25:MX12BANK0001', ':28C:1/1', ':60F:C260301MXN0,00',
    ':61:2603100310C250,00NTRFNONREF', `:86:Pago factura MURALLA-INV-1 ${MARKER}`,
    ':61:2603110311C120,00NTRFNONREF', `:86:Transferencia ${MARKER} Ferreteria`, ':62F:C260311MXN370,00', '-', ''].join('\r\n');
  const report = await call('POST', '/v1/statements', form([], mt940, 'march.sta'), multipart);
  ids['/v1/statements'] = report.statements[0].id;
  const lines = (await call('GET', `/v1/statements/${ids['/v1/statements']}`)).lines as { id: string }[];
  ids['/v1/statements/lines'] = ids['/v1/reconciliation/lines'] = lines[lines.length - 1]!.id;
  const proposal = newId('match', at.getTime());
  await insert(`INSERT INTO match_proposals (id, org_id, line_id, currency, confidence) VALUES ($1, $2, $3, 'MXN', 0.5)`, [proposal, t.org, lines[0]!.id]);
  ids['/v1/reconciliation/proposals'] = proposal;
  await insert(`INSERT INTO payer_aliases (org_id, kind, value, customer_id) VALUES ($1, 'name', $2, $3)`, [t.org, `ferreteria ${MARKER.toLowerCase()}`, customer]);
  ids['/v1/reconciliation/aliases'] = await first('/v1/reconciliation/aliases');

  const caseId = ids['/v1/cases'];
  const task = newId('task', at.getTime());
  await insert(`INSERT INTO tasks (id, org_id, case_id, customer_id, action_key, idempotency_key, kind, priority, due_date, created_at)
    VALUES ($1, $2, $3, $4, 'walk', $1, 'call', 'normal', '2026-03-16', $5)`, [task, t.org, caseId, customer, at]);
  ids['/v1/tasks'] = task;
  const action = { id: newId('action', at.getTime()) };
  await insert(`INSERT INTO actions (id, org_id, case_id, customer_id, idempotency_key, strategy_id, strategy_version, step_id, cycle, kind, channels,
    scheduled_for, status, reason, created_at, updated_at) VALUES ($1, $2, $3, $4, $1, $5, 1, 'after-7', 1, 'message', '{email}', '2026-03-15', 'sent',
    'walk', $6, $6)`, [action.id, t.org, caseId, customer, ids['/v1/strategies'], at]);
  const message = newId('message', at.getTime());
  await insert(`INSERT INTO messages (id, org_id, action_id, customer_id, channel, status, next_attempt_at, created_at, updated_at)
    VALUES ($1, $2, $3, $4, 'email', 'sent', $5, $5, $5)`, [message, t.org, action.id, customer, at]);
  ids['/v1/messages'] = message;
  const reply = newId('inboundMessage', at.getTime());
  await insert(`INSERT INTO inbound_messages (id, org_id, customer_id, channel, provider, from_address, text, received_at, created_at)
    VALUES ($1, $2, $3, 'sms', 'twilio', '+5215512340001', $4, $5, $5)`, [reply, t.org, customer, `pago el viernes, ${MARKER}`, at]);
  ids['/v1/agent/replies'] = ids['/v1/replies'] = reply;
  const turn = newId('agentTurn', at.getTime());
  const claim = newId('paymentClaim', at.getTime());
  await insert(`INSERT INTO agent_claims (id, org_id, customer_id, case_id, turn_id, task_id, invoice_ids, status, hold_until, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', '2026-03-18', $8)`, [claim, t.org, customer, caseId, turn, task, [ids['/v1/invoices']], at]);
  ids['/v1/agent/claims'] = claim;
  const handover = newId('handover', at.getTime());
  await insert(`INSERT INTO agent_handovers (id, org_id, customer_id, turn_id, task_id, reason, summary, details, created_at)
    VALUES ($1, $2, $3, $4, $5, 'asked_for_person', $6, '{}', $7)`, [handover, t.org, customer, turn, task, `${MARKER} wants a person`, at]);
  ids['/v1/agent/handovers'] = handover;
  ids['/v1/plans'] = await post('/v1/plans', { customer_id: customer, instalments: 2 }).catch(async () => {
    const id = newId('plan', at.getTime());
    await insert(`INSERT INTO plans (id, org_id, customer_id, currency, principal, total, instalment_count, frequency, start_date, grace_days, invoice_ids, source, actor, created_at)
      VALUES ($1, $2, $3, 'MXN', 100000, 100000, 2, 'monthly', '2026-04-01', 3, $4, 'api', 'walk', $5)`, [id, t.org, customer, [ids['/v1/invoices']], at]);
    return id;
  });
  const promise = newId('promise', at.getTime());
  await insert(`INSERT INTO promises (id, org_id, customer_id, amount, currency, made_on, due_date, grace_days, source, actor, status, paid, created_at)
    VALUES ($1, $2, $3, 50000, 'MXN', '2026-03-10', '2026-03-25', 2, 'api', 'walk', 'pending', 0, $4)`, [promise, t.org, customer, at]);
  ids['/v1/promises'] = promise;
  const link = newId('paymentLink', at.getTime());
  await insert(`INSERT INTO payment_links (id, org_id, customer_id, provider, status, amount, currency, invoice_ids, content_hash, idempotency_key, source, actor,
    expires_at, created_at, updated_at) VALUES ($1, $2, $3, 'stripe', 'open', 100000, 'MXN', $4, 'walk', $1, 'api', $5, $6, $6, $6)`,
  [link, t.org, customer, [ids['/v1/invoices']], `${MARKER} desk`, at]);
  ids['/v1/payment-links'] = link;
  await insert(`INSERT INTO gateway_payouts (org_id, gateway, payout_id, amount, currency, arrival_date, statement_descriptor, received_at)
    VALUES ($1, 'stripe', 'po_muralla', 64000, 'MXN', '2026-03-12', $2, $3)`, [t.org, `${MARKER} payout`, at]);
  ids['/v1/reconciliation/reported-payouts'] = 'stripe:po_muralla';
  const mpReport = newId('gatewayCheck', at.getTime()).replace(/^[a-z]+_/, 'mpr_');
  await insert(`INSERT INTO mp_release_reports (org_id, id, begin_at, end_at, state, trigger, created_at, updated_at)
    VALUES ($1, $2, $3, $3, 'failed', 'api', $3, $3)`, [t.org, mpReport, at]);
  ids['/v1/reconciliation/mercadopago/release-reports'] = mpReport;
  for (const [prefix, id] of Object.entries(ids)) assert.ok(id, `no ${prefix} object was made for the walk`);
  return ids;
}
