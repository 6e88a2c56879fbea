import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger, requestId, safeText, safeUrl } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
  return { lines, log: createLogger({ level: 'info', role: 'worker' }, stream) };
}

describe('structured logs', () => {
  it('redact secrets by key at any of the first three levels, and headers that carry credentials', () => {
    const { lines, log } = capture();
    log.info({ password: 'hunter2-plain', provider: { authToken: 'tw-auth-123456', account: 'AC1' },
      err: { config: { headers: { authorization: 'Bearer sk_live_abcdef', accept: 'json' } } },
      req: { headers: { cookie: 'cobro_session=s3cr3t', 'x-portal-token': 'ptk_abcdef' } }, org_id: 'org_1' }, 'provider call');
    const text = lines.join('');
    for (const secret of ['hunter2-plain', 'tw-auth-123456', 'sk_live_abcdef', 's3cr3t', 'ptk_abcdef']) assert.ok(!text.includes(secret), `${secret} leaked: ${text}`);
    const line = JSON.parse(lines[0]!);
    assert.equal(line.provider.account, 'AC1', 'what is not secret stays');
    assert.equal(line.err.config.headers.accept, 'json');
    assert.equal(line.password, '[REDACTED]');
    assert.equal(line.role, 'worker');
    assert.equal(line.org_id, 'org_1');
  });

  it('mask API keys and bearer credentials written into a message or an error', () => {
    const { lines, log } = capture();
    log.error({ err: new Error('provider said 401 for Bearer abcdefghijklmnop') }, 'sending with cobro_sk_ABCDEF1234567890 failed');
    const text = lines.join('');
    assert.ok(!text.includes('cobro_sk_ABCDEF1234567890') && !text.includes('abcdefghijklmnop'), text);
    assert.match(text, /cobro_sk_\[REDACTED\]/);
    assert.equal(safeText('Basic dXNlcjpwYXNzd29yZA=='), 'Basic [REDACTED]');
  });

  it('mask tokens in addresses: portal and unsubscribe links, secret query values', () => {
    assert.equal(safeUrl('/p/ptk.abc.def?lang=es'), '/p/[REDACTED]?lang=es');
    assert.equal(safeUrl('/u/unsub-token'), '/u/[REDACTED]');
    assert.equal(safeUrl('/webhooks/meta/org_1/whatsapp?hub.mode=subscribe&hub.verify_token=vt-123&hub.challenge=9'),
      '/webhooks/meta/org_1/whatsapp?hub.mode=subscribe&hub.verify_token=[REDACTED]&hub.challenge=9');
    assert.equal(safeUrl('/v1/cases/case_1?limit=5'), '/v1/cases/case_1?limit=5');
  });

  it('take the caller\'s request id when it is a plain short token, and make one otherwise', () => {
    assert.equal(requestId('req-42.a:b'), 'req-42.a:b');
    assert.match(requestId('bad id\n{"level":60}'), /^[0-9a-f-]{36}$/);
    assert.match(requestId(undefined), /^[0-9a-f-]{36}$/);
    assert.match(requestId('x'.repeat(101)), /^[0-9a-f-]{36}$/);
  });
});
