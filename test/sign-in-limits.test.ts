// Sign-in throttling: five wrong passwords lock the email for fifteen minutes (even the right password waits), thirty
// from one address lock the address; a success clears the email's count.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, TEST_PASSWORD_COST, type TestApi } from './support/api.ts';
import { createUser } from '../src/orgs/index.ts';

let t: TestApi;
let clock = new Date('2026-03-15T12:00:00Z');
before(async () => { t = await testApi(() => clock); });
after(async () => { await t.close(); });

const PASSWORD = 'correct horse battery';
const signIn = (email: string, password: string, remoteAddress = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password }, remoteAddress });
const later = (minutes: number) => { clock = new Date(clock.getTime() + minutes * 60_000); };

async function aUser(email: string) {
  const r = await createUser(t.db, t.org, { email, role: 'collector', password: PASSWORD, passwordCost: TEST_PASSWORD_COST });
  assert.ok(r.ok);
}

describe('sign-in limits', () => {
  it('lock an email after five wrong passwords, even against the right one, until fifteen minutes after the last', async () => {
    await aUser('ana@acme.test');
    for (let i = 0; i < 5; i++) assert.equal((await signIn('Ana@acme.test', 'wrong')).statusCode, 401, `attempt ${i + 1}`);
    const locked = await signIn('ana@acme.test', PASSWORD);
    assert.equal(locked.statusCode, 429);
    assert.equal(locked.json().error.code, 'RATE_LIMITED');
    assert.equal(locked.headers['retry-after'], '900');
    later(14);
    assert.equal((await signIn('ana@acme.test', PASSWORD)).statusCode, 429, 'still locked after 14 minutes');
    later(2);
    assert.equal((await signIn('ana@acme.test', PASSWORD)).statusCode, 201, 'open again after 16');
  });

  it('a success clears the count: four wrong, one right, four wrong is not locked', async () => {
    await aUser('bo@acme.test');
    for (let i = 0; i < 4; i++) await signIn('bo@acme.test', 'wrong', '10.0.0.2');
    assert.equal((await signIn('bo@acme.test', PASSWORD, '10.0.0.2')).statusCode, 201);
    for (let i = 0; i < 4; i++) await signIn('bo@acme.test', 'wrong', '10.0.0.2');
    assert.equal((await signIn('bo@acme.test', PASSWORD, '10.0.0.2')).statusCode, 201);
  });

  it('lock an address after thirty failures over many emails; another address is not affected', async () => {
    await aUser('cy@acme.test');
    for (let i = 0; i < 30; i++) await signIn(`guess${i}@acme.test`, 'wrong', '10.9.9.9');
    const r = await signIn('cy@acme.test', PASSWORD, '10.9.9.9');
    assert.equal(r.statusCode, 429);
    assert.match(r.json().error.message, /from this address/);
    assert.equal((await signIn('cy@acme.test', PASSWORD, '10.1.1.1')).statusCode, 201);
  });
});
