// Egress policy: which addresses URLs an org supplies may reach, and the allowance an operator gives.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { guardedLookup, ipBytes, parseEgressAllow, refusedAddress, refusedUrl, STRICT_EGRESS } from './egress.ts';

const refused = (a: string, list?: string) => refusedAddress(a, list ? parseEgressAllow(list) : STRICT_EGRESS);

describe('egress policy', () => {
  it('reads IPv4 and IPv6 addresses, with brackets, elisions and a dotted tail', () => {
    assert.deepEqual([...ipBytes('10.1.2.3')!], [10, 1, 2, 3]);
    assert.deepEqual([...ipBytes('[::1]')!], [...new Array<number>(15).fill(0), 1]);
    assert.deepEqual([...ipBytes('::ffff:127.0.0.1')!], [...ipBytes('::ffff:7f00:1')!]);
    assert.deepEqual([...ipBytes('2001:db8::8:800:200c:417a')!].slice(8), [0, 8, 8, 0, 32, 12, 65, 122]);
    assert.equal(ipBytes('example.com'), null);
  });

  const cases: [string, RegExp | null][] = [
    ['127.0.0.1', /loopback/], ['127.255.0.9', /loopback/], ['10.20.30.40', /private/], ['172.16.0.1', /private/], ['172.31.255.255', /private/],
    ['192.168.1.1', /private/], ['169.254.169.254', /link-local/], ['100.64.0.1', /CGNAT/], ['0.0.0.0', /unspecified/], ['224.0.0.1', /multicast/],
    ['255.255.255.255', /reserved/], ['::1', /loopback/], ['::', /unspecified/], ['fe80::1', /link-local/], ['fd00::1', /unique-local/],
    ['fc00::7', /unique-local/], ['ff02::1', /multicast/], ['::ffff:127.0.0.1', /loopback/], ['::ffff:7f00:1', /loopback/],
    ['::ffff:169.254.169.254', /link-local/], ['::ffff:a00:1', /private/], ['64:ff9b::10.0.0.1', /private/],
    ['8.8.8.8', null], ['172.32.0.1', null], ['100.128.0.1', null], ['2606:4700::1111', null], ['::ffff:8.8.8.8', null],
  ];
  for (const [address, why] of cases) {
    it(`${why ? 'refuses' : 'allows'} ${address}`, () => {
      const r = refused(address);
      if (why) assert.match(r ?? '', why); else assert.equal(r, null);
    });
  }

  it('allows what the operator lists (CIDRs, addresses, host names), and nothing more', () => {
    assert.equal(refused('127.0.0.1', '127.0.0.1/32'), null);
    assert.equal(refused('::ffff:127.0.0.1', '127.0.0.1'), null, 'the mapped form of an allowed address');
    assert.match(refused('127.0.0.2', '127.0.0.1/32') ?? '', /loopback/);
    assert.equal(refused('10.9.8.7', '10.0.0.0/8'), null);
    assert.match(refused('192.168.0.1', '10.0.0.0/8') ?? '', /private/);
    assert.equal(refused('fd12::5', 'fd12::/16'), null);
    const named = parseEgressAllow('erp.internal,*.corp.example');
    assert.equal(refusedUrl('http://erp.internal/hooks', named), null);
    assert.deepEqual(named.hosts, ['erp.internal', '*.corp.example']);
    assert.throws(() => parseEgressAllow('10.0.0.0/33'), /prefix/);
    assert.throws(() => parseEgressAllow('not a host!'), /not an address/);
  });

  it('checks the host of a URL at save time: literal addresses now, names when they are resolved', () => {
    assert.match(refusedUrl('http://127.0.0.1:8080/x', STRICT_EGRESS) ?? '', /loopback/);
    assert.match(refusedUrl('http://[::1]/x', STRICT_EGRESS) ?? '', /loopback/);
    assert.match(refusedUrl('http://[::ffff:127.0.0.1]/x', STRICT_EGRESS) ?? '', /loopback/);
    assert.match(refusedUrl('http://2130706433/x', STRICT_EGRESS) ?? '', /loopback/, 'a decimal address is read as 127.0.0.1');
    assert.match(refusedUrl('http://0x7f.1/x', STRICT_EGRESS) ?? '', /loopback/);
    assert.match(refusedUrl('http://169.254.169.254/latest/meta-data', STRICT_EGRESS) ?? '', /link-local/);
    assert.equal(refusedUrl('https://hooks.example.com/x', STRICT_EGRESS), null);
  });

  it('fails the lookup of a name that resolves to a private address, and answers one allowed', async () => {
    const look = (policy = STRICT_EGRESS, all = false) => new Promise<{ err: (Error & { code?: string }) | null; address: unknown }>((resolve) =>
      guardedLookup(policy)('localhost', { all }, (err, address) => resolve({ err, address })));
    const no = await look();
    assert.equal(no.err?.code, 'EGRESS_REFUSED');
    assert.match(no.err?.message ?? '', /localhost resolves to .* loopback/);
    const yes = await look(parseEgressAllow('127.0.0.1,::1'));
    assert.equal(yes.err, null);
    assert.match(String(yes.address), /^(127\.0\.0\.1|::1)$/);
    const list = await look(parseEgressAllow('localhost'), true);
    assert.ok(Array.isArray(list.address) && list.address.length > 0);
  });
});
