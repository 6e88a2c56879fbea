// Checks a DKIM-Signature (rsa-sha256, relaxed/relaxed, RFC 6376 §3.4) on a raw message as a receiving mail server would.
import { createHash, verify, type KeyObject } from 'node:crypto';

/** The header fields of the top block, in order, each as it came (folded lines kept). */
function fields(head: string): { name: string; raw: string }[] {
  const out: { name: string; raw: string }[] = [];
  for (const line of head.split('\r\n')) {
    if (/^[ \t]/.test(line) && out.length) out[out.length - 1]!.raw += `\r\n${line}`;
    else out.push({ name: line.slice(0, line.indexOf(':')).toLowerCase(), raw: line });
  }
  return out;
}

const relaxedHeader = (raw: string) => {
  const i = raw.indexOf(':');
  return `${raw.slice(0, i).trim().toLowerCase()}:${raw.slice(i + 1).replace(/\r\n/g, '').replace(/[ \t]+/g, ' ').trim()}`;
};

const relaxedBody = (body: string) => {
  const lines = body.split('\r\n').map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.length ? `${lines.join('\r\n')}\r\n` : '';
};

/** The header names the signature covers when it verifies (body hash and signature), or the reason it does not. */
export function verifyDkim(raw: string, publicKey: KeyObject): { ok: true; signed: string[] } | { ok: false; reason: string } {
  const split = raw.indexOf('\r\n\r\n');
  const all = fields(raw.slice(0, split));
  const sig = all.find((f) => f.name === 'dkim-signature');
  if (!sig) return { ok: false, reason: 'no DKIM-Signature' };
  const tags = new Map(sig.raw.slice(sig.raw.indexOf(':') + 1).replace(/\s+/g, '').split(';').filter(Boolean)
    .map((t) => [t.slice(0, t.indexOf('=')), t.slice(t.indexOf('=') + 1)] as const));
  if (tags.get('a') !== 'rsa-sha256' || tags.get('c') !== 'relaxed/relaxed') return { ok: false, reason: `a=${tags.get('a')} c=${tags.get('c')}` };
  const bh = createHash('sha256').update(relaxedBody(raw.slice(split + 4))).digest('base64');
  if (bh !== tags.get('bh')) return { ok: false, reason: 'body hash differs' };
  const signed = (tags.get('h') ?? '').split(':').map((h) => h.toLowerCase());
  const used = new Map<string, number>();
  const lines = signed.map((name) => {
    const same = all.filter((f) => f.name === name);
    const n = (used.get(name) ?? 0) + 1;
    used.set(name, n);
    const f = same[same.length - n]; // the last instance first (§5.4.2)
    return f ? `${relaxedHeader(f.raw)}\r\n` : '';
  });
  const unsigned = relaxedHeader(sig.raw.replace(/(^|[;\s])b=[^;]*/, '$1b='));
  const ok = verify('sha256', Buffer.from(lines.join('') + unsigned), publicKey, Buffer.from(tags.get('b') ?? '', 'base64'));
  return ok ? { ok: true, signed } : { ok: false, reason: 'signature does not verify' };
}
