// COBRO_MAILBOX_CONNECTIONS: how many IMAP mailboxes a worker process is connected to at once, 50 unless set, at least 1.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from './config.ts';

describe('COBRO_MAILBOX_CONNECTIONS', () => {
  it('is 50 unless set, a whole number of at least 1 otherwise', () => {
    assert.equal(loadConfig({}).mailboxConnections, 50);
    assert.equal(loadConfig({ COBRO_MAILBOX_CONNECTIONS: '8' }).mailboxConnections, 8);
    assert.throws(() => loadConfig({ COBRO_MAILBOX_CONNECTIONS: '0' }), /COBRO_MAILBOX_CONNECTIONS/);
    assert.throws(() => loadConfig({ COBRO_MAILBOX_CONNECTIONS: '2.5' }), /COBRO_MAILBOX_CONNECTIONS/);
  });
});
