// The reconciliation API: statement upload, statements and lines, the review queue, settings, roles and other orgs.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { mt940, type Mt940Entry } from '../src/reconciliation/testing/mt940-builder.ts';

let t: TestApi;
const ids: Record<string, string> = {};
before(async () => {
  t = await testApi();
  const c = await aCustomer(t.db, t.org, { name: 'Lumen Logistics' });
  for (const [number, amount] of [['LL-20001', 25_000], ['LL-20002', 12_000]] as const) {
    ids[number] = (await anInvoice(t.db, t.org, { customer_id: c.id, number, amount, currency: 'EUR' })).id;
  }
});
after(async () => { await t.close(); });

const boundary = 'cobro-stmt';
function upload(entries: Mt940Entry[] | string, key = t.keys.admin, extra: Record<string, string> = {}) {
  const body = typeof entries === 'string' ? entries : mt940(entries);
  const fields = Object.entries(extra).flatMap(([k, v]) => [`--${boundary}`, `Content-Disposition: form-data; name="${k}"`, '', v]);
  const payload = [...fields, `--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="march.sta"',
    'Content-Type: application/octet-stream', '', body, `--${boundary}--`, ''].join('\r\n');
  return t.app.inject({ method: 'POST', url: '/v1/statements', payload,
    headers: { ...bearer(key), 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

describe('the reconciliation API', () => {
  let statementId = '';
  let proposalId = '';

  it('imports a statement, applies the sure match and queues the other', async () => {
    const res = await upload([{ date: '260310', mark: 'C', amount: '250,00', text: 'Invoice LL 20001', name: 'Lumen Logistics' },
      { date: '260311', mark: 'C', amount: '120,00', text: 'thanks', name: 'Someone' }], t.keys.admin, { format: 'auto' });
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json();
    assert.deepEqual([report.format, report.new_lines, report.reconciliation.matched, report.reconciliation.review], ['mt940', 2, 1, 1]);
    assert.deepEqual([report.cross_format_duplicates, report.reconciliation.duplicate], [[], 0]);
    statementId = report.statements[0].id;
    const again = await upload([{ date: '260310', mark: 'C', amount: '250,00', text: 'Invoice LL 20001', name: 'Lumen Logistics' },
      { date: '260311', mark: 'C', amount: '120,00', text: 'thanks', name: 'Someone' }]);
    assert.deepEqual([again.json().new_lines, again.json().duplicates], [0, 2]);
  });

  it('rejects a file that does not parse with 422, naming the line', async () => {
    const res = await upload(':20:X\r\n:25:A\r\n:60F:C260101EUR0,00\r\n:61:261399C5,00NTRF\r\n-\r\n');
    assert.equal(res.statusCode, 422, res.body);
    assert.match(res.json().error.message, /line 4/);
  });

  it('lists statements and shows a statement with its lines and their match state', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/v1/statements', headers: bearer(t.keys.viewer) });
    assert.equal(list.json().data.length, 1);
    const one = await t.app.inject({ method: 'GET', url: `/v1/statements/${statementId}`, headers: bearer(t.keys.viewer) });
    assert.equal(one.statusCode, 200, one.body);
    const lines = one.json().lines;
    assert.deepEqual(lines.map((l: { match_state: string }) => l.match_state), ['matched', 'review']);
    assert.equal(lines[0].proposal.status, 'applied');
  });

  it('lists the review queue and accepts a proposal', async () => {
    const q = await t.app.inject({ method: 'GET', url: '/v1/reconciliation/proposals?status=proposed', headers: bearer(t.keys.viewer) });
    assert.equal(q.statusCode, 200, q.body);
    const [p] = q.json().data;
    assert.equal(p.line.amount, 12_000);
    assert.ok(p.confidence < 0.9 && p.reasons.length > 0);
    proposalId = p.id;
    const viewer = await t.app.inject({ method: 'POST', url: `/v1/reconciliation/proposals/${p.id}/accept`, headers: bearer(t.keys.viewer) });
    assert.equal(viewer.statusCode, 403);
    const res = await t.app.inject({ method: 'POST', url: `/v1/reconciliation/proposals/${p.id}/accept`, headers: bearer(t.keys.collector) });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'applied');
    const inv = await t.app.inject({ method: 'GET', url: `/v1/invoices/${ids['LL-20002']}`, headers: bearer(t.keys.viewer) });
    assert.equal(inv.json().status, 'paid');
    const twice = await t.app.inject({ method: 'POST', url: `/v1/reconciliation/proposals/${p.id}/reject`, headers: bearer(t.keys.admin) });
    assert.equal(twice.statusCode, 409);
  });

  it('reads and changes the settings, validating them', async () => {
    const get = await t.app.inject({ method: 'GET', url: '/v1/reconciliation/settings', headers: bearer(t.keys.viewer) });
    assert.deepEqual(get.json(), { auto_apply_threshold: 0.9, fee_tolerance_bps: 200, fee_tolerance_max: 2500 });
    const put = await t.app.inject({ method: 'PUT', url: '/v1/reconciliation/settings', payload: { auto_apply_threshold: 0.95 }, headers: bearer(t.keys.manager) });
    assert.equal(put.json().auto_apply_threshold, 0.95);
    const bad = await t.app.inject({ method: 'PUT', url: '/v1/reconciliation/settings', payload: { auto_apply_threshold: 2 }, headers: bearer(t.keys.admin) });
    assert.equal(bad.statusCode, 400);
    const collector = await t.app.inject({ method: 'PUT', url: '/v1/reconciliation/settings', payload: {}, headers: bearer(t.keys.collector) });
    assert.equal(collector.statusCode, 403);
  });

  it("answers 404 for another org's statements and proposals", async () => {
    const other = bearer(t.otherKey);
    assert.equal((await t.app.inject({ method: 'GET', url: `/v1/statements/${statementId}`, headers: other })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'POST', url: `/v1/reconciliation/proposals/${proposalId}/reject`, headers: other })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'POST', url: `/v1/reconciliation/proposals/${proposalId}/change`, headers: other,
      payload: { allocations: [] } })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: '/v1/statements', headers: other })).json().data.length, 0);
    assert.equal((await t.app.inject({ method: 'GET', url: '/v1/reconciliation/proposals', headers: other })).json().data.length, 0);
  });

  it('lists the payer name learned from the accepted proposal and forgets it', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/v1/reconciliation/aliases?kind=name', headers: bearer(t.keys.viewer) });
    assert.equal(list.statusCode, 200, list.body);
    const learned = list.json().data as { id: string; kind: string; value: string; matches: number }[];
    assert.deepEqual(learned.map((a) => [a.kind, a.value, a.matches]), [['name', 'logistics lumen', 1], ['name', 'someone', 1]]);
    const alias = learned[1]!;
    const other = await t.app.inject({ method: 'GET', url: '/v1/reconciliation/aliases', headers: bearer(t.otherKey) });
    assert.equal(other.json().data.length, 0);
    const viewer = await t.app.inject({ method: 'DELETE', url: `/v1/reconciliation/aliases/${alias.id}`, headers: bearer(t.keys.viewer) });
    assert.equal(viewer.statusCode, 403);
    const gone = await t.app.inject({ method: 'DELETE', url: `/v1/reconciliation/aliases/${alias.id}`, headers: bearer(t.keys.collector) });
    assert.deepEqual([gone.statusCode, gone.json()], [200, { forgotten: 1 }]);
    const byValue = await t.app.inject({ method: 'POST', url: '/v1/reconciliation/aliases/forget', headers: bearer(t.keys.admin),
      payload: { kind: 'name', value: 'SOMEONE' } });
    assert.deepEqual([byValue.statusCode, byValue.json().error.code], [404, 'NOT_FOUND']);
    const bad = await t.app.inject({ method: 'POST', url: '/v1/reconciliation/aliases/forget', headers: bearer(t.keys.admin),
      payload: { kind: 'iban', value: 'x' } });
    assert.equal(bad.statusCode, 400);
  });

  it('matches waiting lines again after an invoice arrives, a dry run first', async () => {
    const res = await upload([{ date: '260312', mark: 'C', amount: '80,00', text: 'LL-20009 payment', name: 'Lumen Logistics' }]);
    assert.deepEqual([res.json().reconciliation.matched, res.json().reconciliation.unmatched], [0, 1], 'no such invoice yet');
    const c = await aCustomer(t.db, t.org, { name: 'Lumen Logistics 2' });
    ids['LL-20009'] = (await anInvoice(t.db, t.org, { customer_id: c.id, number: 'LL-20009', amount: 8_000, currency: 'EUR' })).id;
    const viewer = await t.app.inject({ method: 'POST', url: '/v1/statements/rerun', payload: {}, headers: bearer(t.keys.viewer) });
    assert.equal(viewer.statusCode, 403);
    const dry = await t.app.inject({ method: 'POST', url: '/v1/statements/rerun', payload: { dry_run: true }, headers: bearer(t.keys.collector) });
    assert.equal(dry.statusCode, 200, dry.body);
    assert.deepEqual([dry.json().lines, dry.json().matched, dry.json().dry_run], [1, 1, true]);
    const run = await t.app.inject({ method: 'POST', url: '/v1/statements/rerun', payload: {}, headers: bearer(t.keys.collector) });
    assert.deepEqual([run.json().lines, run.json().matched, run.json().dry_run], [1, 1, false]);
    const inv = await t.app.inject({ method: 'GET', url: `/v1/invoices/${ids['LL-20009']}`, headers: bearer(t.keys.viewer) });
    assert.equal(inv.json().status, 'paid');
    const missing = await t.app.inject({ method: 'POST', url: '/v1/statements/rerun', payload: { statement_id: 'stm_nope' }, headers: bearer(t.keys.admin) });
    assert.equal(missing.statusCode, 404);
  });

  it('changes a proposal with a bank fee and validates the fee', async () => {
    const c = await aCustomer(t.db, t.org, { name: 'Orbital Dental' });
    ids['OD-1'] = (await anInvoice(t.db, t.org, { customer_id: c.id, number: 'OD-1', amount: 30_000, currency: 'EUR' })).id;
    await upload([{ date: '260313', mark: 'C', amount: '290,00', text: 'dental', name: 'ORBITAL DENTAL' }]);
    const q = await t.app.inject({ method: 'GET', url: '/v1/reconciliation/proposals?status=proposed', headers: bearer(t.keys.viewer) });
    const p = q.json().data.find((x: { line: { amount: number } }) => x.line.amount === 29_000);
    assert.ok(p, q.body);
    const negative = await t.app.inject({ method: 'POST', url: `/v1/reconciliation/proposals/${p.id}/change`, headers: bearer(t.keys.collector),
      payload: { allocations: [{ invoice_id: 'OD-1', amount: 29_000, fee: -1 }] } });
    assert.equal(negative.statusCode, 400);
    const res = await t.app.inject({ method: 'POST', url: `/v1/reconciliation/proposals/${p.id}/change`, headers: bearer(t.keys.collector),
      payload: { allocations: [{ invoice_id: 'OD-1', amount: 29_000, fee: 1_000 }] } });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().status, res.json().fee, res.json().allocations[0].fee], ['applied', 1_000, 1_000]);
    const inv = await t.app.inject({ method: 'GET', url: `/v1/invoices/${ids['OD-1']}`, headers: bearer(t.keys.viewer) });
    assert.deepEqual([inv.json().status, inv.json().balance], ['paid', 0]);
  });

  it('answers 409 when releasing a line that was not held back, 404 for an unknown one', async () => {
    const one = await t.app.inject({ method: 'GET', url: `/v1/statements/${statementId}`, headers: bearer(t.keys.viewer) });
    const line = one.json().lines[0];
    assert.equal(line.duplicate_of, null);
    const res = await t.app.inject({ method: 'POST', url: `/v1/statements/lines/${line.id}/release`, headers: bearer(t.keys.collector) });
    assert.deepEqual([res.statusCode, res.json().error.code], [409, 'INVALID_STATE']);
    const none = await t.app.inject({ method: 'POST', url: '/v1/statements/lines/stl_nope/release', headers: bearer(t.keys.collector) });
    assert.equal(none.statusCode, 404);
  });

  it('documents its routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const p of ['/v1/statements', '/v1/statements/{id}', '/v1/reconciliation/proposals', '/v1/reconciliation/proposals/{id}/change',
      '/v1/reconciliation/settings', '/v1/statements/rerun', '/v1/statements/lines/{id}/release', '/v1/reconciliation/aliases',
      '/v1/reconciliation/aliases/{id}', '/v1/reconciliation/aliases/forget']) assert.ok(doc.paths[p], p);
  });
});
