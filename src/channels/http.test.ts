// The providers' HTTP client closes pooled connections before the server would: a request is never written to a
// connection the server is closing as idle (which fails with "socket hang up" after the body left: an uncertain send).
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from './http.ts';

/** A server that announces `Keep-Alive: timeout=hint` but keeps connections open far longer; it counts them. */
async function hintingServer(hintSeconds: number) {
  const sockets = new Set<unknown>();
  const server = http.createServer((req, res) => {
    sockets.add(req.socket);
    req.resume();
    req.on('end', () => { res.setHeader('keep-alive', `timeout=${hintSeconds}`); res.end('ok'); });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
  return { url, connections: () => sockets.size, close: () => { server.closeAllConnections(); server.close(); } };
}

describe('the providers\' HTTP client', () => {
  const servers: { close(): void }[] = [];
  after(() => { for (const s of servers) s.close(); });

  it('reuses a connection between close requests, and drops it once idle past the server\'s announced timeout less a second', async () => {
    const s = await hintingServer(2);
    servers.push(s);
    const post = async () => {
      const out = await request({ url: s.url, headers: { 'content-type': 'text/plain' }, body: 'x' });
      assert.ok(out.ok && out.response.status === 200, JSON.stringify(out));
    };
    await post();
    await post();
    assert.equal(s.connections(), 1, 'two requests in a row share the pooled connection');
    await sleep(1_300); // past 2 s - 1 s: the client closed the idle connection itself
    await post();
    assert.equal(s.connections(), 2, 'a connection idle past the hint is not written to again');
  });

  it('sends a parsed URL where it points at each call, and the body\'s length in bytes', async () => {
    const seen: { path: string; length: string; body: string }[] = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => { seen.push({ path: req.url ?? '', length: req.headers['content-length'] ?? '', body: Buffer.concat(chunks).toString('utf8') }); res.end('ok'); });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push({ close: () => { server.closeAllConnections(); server.close(); } });
    const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/a?x=1`);
    const body = 'Body=Se%C3%B1or+P%C3%A9rez&ñ=ü';
    assert.ok((await request({ url, headers: {}, body })).ok);
    // the same URL object changed between calls (the client keeps what it worked out of it)
    url.pathname = '/b';
    assert.ok((await request({ url, headers: {}, body })).ok);
    assert.deepEqual(seen, [{ path: '/a?x=1', length: String(Buffer.byteLength(body)), body }, { path: '/b?x=1', length: String(Buffer.byteLength(body)), body }]);
  });

  it('sends a GET again once on a new connection when a kept-alive one is reset before any answer; a POST is reported sent', async () => {
    // the server answers the first request of each connection and resets the connection at the next (as one closing it as idle)
    const served = new WeakMap<object, number>();
    const requests: string[] = [];
    const server = http.createServer((req, res) => {
      const n = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, n);
      requests.push(`${req.method} ${n}`);
      req.resume();
      if (n > 1) { req.socket.destroy(); return; }
      req.on('end', () => res.end('ok'));
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push({ close: () => { server.closeAllConnections(); server.close(); } });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/payouts`;
    assert.ok((await request({ url, method: 'GET', headers: {} })).ok);
    const get = await request({ url, method: 'GET', headers: {} });
    assert.ok(get.ok && get.response.body === 'ok', `the GET is answered on a new connection: ${JSON.stringify(get)}`);
    const post = await request({ url, headers: {}, body: 'x' });
    assert.ok(!post.ok && post.reason === 'network' && post.sent, `a POST is not sent twice: ${JSON.stringify(post)}`);
    assert.deepEqual(requests, ['GET 1', 'GET 2', 'GET 1', 'POST 2']);
  });
});
