// The lean HTTP/1.1 client answers as request() does: bodies framed by length, chunks or the connection's end, interim
// answers skipped, connections reused and dropped as Node's agents do, failures as values marked sent once the body left.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { http1Request, http1Target } from './http1.ts';
import { request } from './http.ts';
import { STRICT_EGRESS } from './egress.ts';

/**
 * A raw TCP server answering each request (read up to its body's length) with `answer(n)` written in UTF-8 (the n-th
 * request from 0; null: the connection is cut), closing the connection after an answer saying `Connection: close`.
 */
async function rawServer(answer: (n: number, request: string) => string | null) {
  const sockets = new Set<net.Socket>();
  const requests: string[] = [];
  const server = net.createServer((s) => {
    sockets.add(s);
    let buf = '';
    s.setEncoding('latin1');
    s.on('data', (d: string) => {
      buf += d;
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end === -1) return;
        const length = Number(/\r\ncontent-length: (\d+)/i.exec(buf.slice(0, end))?.[1] ?? 0);
        if (buf.length < end + 4 + length) return;
        const one = buf.slice(0, end + 4 + length);
        buf = buf.slice(one.length);
        requests.push(one);
        const out = answer(requests.length - 1, one);
        if (out === null) s.destroy();
        else if (/\r\nconnection: close\r\n/i.test(out)) s.end(out, 'utf8');
        else s.write(out, 'utf8');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/2010-04-01/x.json?a=1`);
  return { url, requests, connections: () => sockets.size, close: () => { for (const s of sockets) s.destroy(); server.close(); } };
}

const headers = { authorization: 'Basic eDp5', 'content-type': 'application/x-www-form-urlencoded' };

describe('the lean HTTP/1.1 client', () => {
  const servers: { close(): void }[] = [];
  after(() => { for (const s of servers) s.close(); });

  it('writes the request as Node does (line, host, headers, length in bytes, the body as is) and reads a chunked answer', async () => {
    const s = await rawServer(() => 'HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nVary: x\r\nVary: y\r\n\r\n'
      + '7;ext=1\r\n{"sid":\r\na\r\n"SM1", "ñ\r\n4\r\n":1}\r\n0\r\nTrailer: t\r\n\r\n'); // ñ: two bytes
    servers.push(s);
    const body = 'To=%2B5255&Body=Se%C3%B1or+P%C3%A9rez';
    const out = await http1Request(http1Target(s.url, 'POST', headers), body);
    assert.ok(out.ok, JSON.stringify(out));
    assert.equal(out.response.status, 201);
    assert.equal(out.response.body, '{"sid":"SM1", "ñ":1}');
    assert.deepEqual(out.response.headers['set-cookie'], ['a=1', 'b=2']);
    assert.equal(out.response.headers['vary'], 'x, y');
    assert.equal(s.requests[0], `POST /2010-04-01/x.json?a=1 HTTP/1.1\r\nhost: ${s.url.host}\r\nconnection: keep-alive\r\nauthorization: Basic eDp5\r\n`
      + `content-type: application/x-www-form-urlencoded\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });

  it('skips interim answers, reads lengths and answers ended by the connection, and reuses a kept-alive connection only', async () => {
    const answers = [
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\nRetry-After: 3\r\nRetry-After: 9\r\n\r\nok',
      'HTTP/1.1 204 No Content\r\n\r\n',
      'HTTP/1.1 503 Unavailable\r\nConnection: close\r\n\r\nbusy, ñ',
      'HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nz',
    ];
    const s = await rawServer((n) => answers[n] ?? null);
    servers.push(s);
    const t = http1Target(s.url, 'POST', headers);
    const first = await http1Request(t, 'x');
    assert.ok(first.ok && first.response.status === 200 && first.response.body === 'ok' && first.response.headers['retry-after'] === '3');
    const second = await http1Request(t, 'x');
    assert.ok(second.ok && second.response.status === 204 && second.response.body === '');
    // no length: the body ends with the connection, which is then not reused
    const third = await http1Request(t, 'x');
    assert.ok(third.ok && third.response.status === 503 && third.response.body === 'busy, ñ', JSON.stringify(third));
    const fourth = await http1Request(t, 'x');
    assert.ok(fourth.ok && fourth.response.body === 'z');
    assert.equal(s.connections(), 2, 'one connection for the three first answers, a new one after the close');
  });

  it('drops a connection once idle past the server\'s announced timeout less a second, and never writes to it again', async () => {
    const s = await rawServer(() => 'HTTP/1.1 200 OK\r\nKeep-Alive: timeout=2\r\nContent-Length: 2\r\n\r\nok');
    servers.push(s);
    const t = http1Target(s.url, 'POST', headers);
    assert.ok((await http1Request(t, 'x')).ok);
    assert.ok((await http1Request(t, 'x')).ok);
    assert.equal(s.connections(), 1);
    await sleep(1_300);
    assert.ok((await http1Request(t, 'x')).ok);
    assert.equal(s.connections(), 2);
  });

  it('gives a connection cut before the answer as a network failure sent, and one refused before anything as not sent', async () => {
    const s = await rawServer(() => null);
    servers.push(s);
    const cut = await http1Request(http1Target(s.url, 'POST', headers), 'x');
    assert.deepEqual(cut, { ok: false, reason: 'network', sent: true, message: 'socket hang up' });
    // the same outcome from Node's client, which request() uses
    const viaNode = await request({ url: s.url.href, headers, body: 'x' });
    assert.deepEqual(viaNode, cut);
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    const refused = await http1Request(http1Target(new URL(`http://127.0.0.1:${port}/x`), 'POST', headers), 'x');
    assert.ok(!refused.ok && refused.reason === 'network' && !refused.sent && /ECONNREFUSED/.test(refused.message), JSON.stringify(refused));
  });

  it('times out a silent server (sent), and refuses a literal address the egress policy does not allow (not sent)', async () => {
    const server = http.createServer(() => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push({ close: () => { server.closeAllConnections(); server.close(); } });
    const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`);
    const slow = await http1Request(http1Target(url, 'POST', headers), 'x', 300);
    assert.deepEqual(slow, { ok: false, reason: 'timeout', sent: true, message: 'timeout' });
    const refused = await http1Request(http1Target(url, 'POST', headers, STRICT_EGRESS), 'x', 300, STRICT_EGRESS);
    assert.ok(!refused.ok && refused.reason === 'refused' && !refused.sent && /^egress refused: /.test(refused.message), JSON.stringify(refused));
    assert.throws(() => http1Target(url, 'POST', { 'x-a': 'b\r\nx-injected: 1' }), /invalid HTTP header/);
  });
});
