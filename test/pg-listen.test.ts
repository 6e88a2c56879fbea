// LISTEN on PostgreSQL: notifications reach the listener once their transaction commits, and a connection the server cuts
// comes back by itself, telling the listener to read again (null) and hearing what is notified after. Needs PostgreSQL
// (PGlite's own listen is used there): npm test runs it only when DATABASE_URL is set.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { pgListener } from '../src/db/pg-listen.ts';

const url = loadConfig().databaseUrl;
if (!url) throw new Error('test/pg-listen.test.ts runs on PostgreSQL: set DATABASE_URL (npm test leaves it out without one)');
const name = `cobro-listen-test-${randomBytes(4).toString('hex')}`;
const channel = `t_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: url });
after(async () => { await admin.end(); });

const until = async (ok: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('LISTEN on PostgreSQL', () => {
  it('hears a committed NOTIFY, and after the server cuts its connection, comes back saying so (null) and hears the next', async () => {
    await admin.connect();
    const l = pgListener(url, name);
    const heard: (string | null)[] = [];
    const stop = await l.listen(channel, (p) => heard.push(p));
    try {
      await admin.query('BEGIN');
      await admin.query('SELECT pg_notify($1, $2)', [channel, 'one']);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(heard.length, 0, 'nothing before the commit');
      await admin.query('COMMIT');
      await until(() => heard.length === 1);
      const cut = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [name]);
      assert.equal(cut.rowCount, 1);
      await until(() => heard.includes(null));
      await admin.query('SELECT pg_notify($1, $2)', [channel, 'two']);
      await until(() => heard.includes('two'));
      assert.deepEqual(heard, ['one', null, 'two']);
      await stop();
      await admin.query('SELECT pg_notify($1, $2)', [channel, 'three']);
      await new Promise((r) => setTimeout(r, 200));
      assert.ok(!heard.includes('three'), 'stopped');
    } finally {
      await l.close();
    }
  });
});
