// The lean HTTP/1.1 client answers as request() does: bodies framed by length, chunks or the connection's end, interim
// answers skipped, connections reused and dropped as Node's agents do, failures as values marked sent once the body left.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { http1Request, http1Target } from './http1.ts';
import { request, type HttpOutcome } from './http.ts';
import { STRICT_EGRESS } from './egress.ts';

/**
 * A raw TCP server handing each request (read up to its body's length), its number (from 0) and its socket to `on`,
 * which answers as it likes. `connections()`: how many were ever made.
 */
async function socketServer(on: (s: net.Socket, n: number, request: string) => void, port = 0) {
  const sockets = new Set<net.Socket>();
  let made = 0;
  let n = 0;
  const server = net.createServer((s) => {
    sockets.add(s);
    made++;
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    let buf = '';
    s.setEncoding('latin1');
    s.on('data', (d: string) => {
      buf += d;
      for (let end = buf.indexOf('\r\n\r\n'); end !== -1; end = buf.indexOf('\r\n\r\n')) {
        const length = Number(/\r\ncontent-length: (\d+)/i.exec(buf.slice(0, end))?.[1] ?? 0);
        if (buf.length < end + 4 + length) return;
        const one = buf.slice(0, end + 4 + length);
        buf = buf.slice(one.length);
        on(s, n++, one);
      }
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/2010-04-01/x.json?a=1`);
  return { url, connections: () => made, close: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }) };
}

/**
 * Answers each request with `answer(n)` written in UTF-8 (the n-th request from 0; null: the connection is cut), closing
 * the connection after an answer saying `Connection: close`.
 */
async function rawServer(answer: (n: number, request: string) => string | null) {
  const requests: string[] = [];
  const s = await socketServer((sock, n, one) => {
    requests.push(one);
    const out = answer(n, one);
    if (out === null) sock.destroy();
    else if (/\r\nconnection: close\r\n/i.test(out)) sock.end(out, 'utf8');
    else sock.write(out, 'utf8');
  });
  return { ...s, requests };
}

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';

/** Waits (up to 10 s: a loaded machine connects slowly) until `done` holds. */
async function until(done: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 10_000; !done() && Date.now() < deadline;) await sleep(10);
}

/** Each call's outcome and how long it took to settle (ms). */
async function timed(calls: Promise<HttpOutcome>[]): Promise<{ outcome: HttpOutcome; ms: number }[]> {
  const start = performance.now();
  return Promise.all(calls.map((c) => c.then((outcome) => ({ outcome, ms: performance.now() - start }))));
}

const headers = { authorization: 'Basic eDp5', 'content-type': 'application/x-www-form-urlencoded' };

describe('the lean HTTP/1.1 client', () => {
  const servers: { close(): void | Promise<void> }[] = [];
  after(async () => { await Promise.all(servers.map((s) => s.close())); });

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

  it('bounds each call by its timeout in every state: waiting for a free connection (not sent), and an answer dribbled slower', async () => {
    // a server that never answers: 64 calls take every connection, the 65th waits for one
    let asked = 0;
    const silent = await socketServer(() => { asked++; });
    servers.push(silent);
    const t = http1Target(silent.url, 'POST', headers);
    const busy = Array.from({ length: 64 }, () => http1Request(t, 'x', 12_000));
    await until(() => asked === 64);
    const [waited] = await timed([http1Request(t, 'x', 150)]);
    // (before its own timer, the waiting call got the first connection freed, at 12 s, and then timed out on it, sent)
    assert.deepEqual(waited!.outcome, { ok: false, reason: 'timeout', sent: false, message: 'timeout' });
    assert.ok(waited!.ms < 6_000, `settled after ${Math.round(waited!.ms)} ms`);
    await silent.close();
    // the server gone, the calls on its connections end as cut, sent
    for (const o of await Promise.all(busy)) assert.ok(!o.ok && o.reason === 'network' && o.sent, JSON.stringify(o));
    // a byte of the answer every 50 ms never left the socket idle for its timeout: the call's timer ends it all the same
    const dribbling = await socketServer((s) => {
      s.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n');
      const tick = setInterval(() => (s.destroyed ? clearInterval(tick) : s.write('.')), 50);
    });
    servers.push(dribbling);
    const [slow] = await timed([http1Request(http1Target(dribbling.url, 'POST', headers), 'x', 400)]);
    assert.deepEqual(slow!.outcome, { ok: false, reason: 'timeout', sent: true, message: 'timeout' });
    assert.ok(slow!.ms < 2_500, `settled after ${Math.round(slow!.ms)} ms`);
  });

  it('settles every call, more of them than connections, when the server closes kept-alive connections after answering or cuts them mid-answer', async () => {
    // answers at random: kept alive, then ended or destroyed at once or a little later; cut before or in the body; late
    const s = await socketServer((sock, n) => {
      const r = (n * 7919) % 10;
      if (r < 3) sock.write(OK);
      else if (r < 5) sock.end(OK);
      else if (r === 5) { sock.write(OK); setImmediate(() => sock.destroy()); }
      else if (r === 6) sock.destroy();
      else if (r === 7) { sock.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nok'); setImmediate(() => sock.destroy()); }
      else if (r === 8) setTimeout(() => sock.write(OK), n % 5);
      else { sock.write(OK); setTimeout(() => sock.destroy(), n % 3); }
    });
    servers.push(s);
    const t = http1Target(s.url, 'POST', headers);
    for (let round = 0; round < 5; round++) {
      const outcomes = await timed(Array.from({ length: 150 }, () => http1Request(t, 'x', 20_000)));
      const kinds = new Set(outcomes.map(({ outcome: o }) => (o.ok ? `ok ${o.response.body}` : `${o.reason}: ${o.message}`)));
      // every call answered or failed by its connection, none left to its timer
      assert.ok([...kinds].every((k) => /^(ok ok|network: (socket hang up|aborted|read ECONNRESET))$/.test(k)), [...kinds].join(' | '));
      assert.ok(kinds.has('ok ok'));
    }
  });

  it('answers the calls waiting for a connection when the server goes away, and connects again once it is back', async () => {
    let held: net.Socket[] = [];
    const first = await socketServer((sock) => { held.push(sock); });
    const port = Number(first.url.port);
    const t = http1Target(first.url, 'POST', headers);
    const calls = timed(Array.from({ length: 100 }, () => http1Request(t, 'x', 20_000)));
    await until(() => held.length === 64);
    assert.equal(held.length, 64, 'the pool\'s 64 connections each carry a call; 36 calls wait');
    await first.close();
    const outcomes = await calls;
    // the 64 cut after their request was written, the 36 refused a connection; none waits for its timer
    assert.equal(outcomes.filter(({ outcome: o }) => !o.ok && o.reason === 'network' && o.sent).length, 64);
    assert.ok(outcomes.every(({ outcome: o, ms }) => !o.ok && o.reason === 'network' && ms < 15_000), JSON.stringify(outcomes.find(({ outcome: o }) => o.ok || o.reason !== 'network')));
    held = [];
    const again = await socketServer((sock) => sock.write(OK), port);
    servers.push(again);
    const back = await Promise.all(Array.from({ length: 80 }, () => http1Request(t, 'x', 20_000)));
    assert.ok(back.every((o) => o.ok && o.response.body === 'ok'));
  });
});
