// Configuration of egress and event retention: COBRO_EGRESS_ALLOW read and checked at start-up, the retention's default.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getHeapStatistics } from 'node:v8';
import { loadConfig } from './config.ts';
import { budgetFor } from './reconciliation/copy-limits.ts';
import { refusedAddress, STRICT_EGRESS } from './channels/index.ts';

describe('egress and event retention configuration', () => {
  it('allows only public addresses and keeps events 90 days unless told otherwise', () => {
    const c = loadConfig({});
    assert.equal(c.egress, STRICT_EGRESS);
    assert.equal(c.eventRetentionDays, 90);
    assert.deepEqual(c.matchCopy, { maxOpen: 1_000_000, maxTotal: budgetFor(getHeapStatistics().heap_size_limit) });
    assert.equal(budgetFor(4_345_298_944), 1_414_485, 'a third of a 4 GB heap, at about 1 KB an invoice');
    assert.equal(budgetFor(16e9), 1_500_000);
    assert.deepEqual(loadConfig({ COBRO_MATCH_COPY_MAX_OPEN: '0', COBRO_MATCH_COPY_BUDGET: '200000' }).matchCopy, { maxOpen: 0, maxTotal: 200_000 });
    assert.throws(() => loadConfig({ COBRO_MATCH_COPY_MAX_OPEN: '-1' }), /COBRO_MATCH_COPY_MAX_OPEN/);
  });
  it('reads the operator\'s allowance and retention', () => {
    const c = loadConfig({ COBRO_EGRESS_ALLOW: '127.0.0.1/32, 10.0.0.0/8,erp.internal', COBRO_EVENT_RETENTION_DAYS: '30' });
    assert.equal(refusedAddress('10.4.5.6', c.egress), null);
    assert.equal(refusedAddress('127.0.0.1', c.egress), null);
    assert.match(refusedAddress('192.168.1.1', c.egress) ?? '', /private/);
    assert.deepEqual(c.egress.hosts, ['erp.internal']);
    assert.equal(c.eventRetentionDays, 30);
  });
  it('refuses at start-up an allowance it cannot read, and a retention under a day', () => {
    assert.throws(() => loadConfig({ COBRO_EGRESS_ALLOW: '10.0.0.0/40' }), /COBRO_EGRESS_ALLOW: bad prefix length/);
    assert.throws(() => loadConfig({ COBRO_EGRESS_ALLOW: 'http://x' }), /COBRO_EGRESS_ALLOW/);
    assert.throws(() => loadConfig({ COBRO_EVENT_RETENTION_DAYS: '0' }), /COBRO_EVENT_RETENTION_DAYS/);
  });
});
