// Properties of deferrals: the instant given is allowed, and the minute before it and random instants before it are not.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { aChannel, aContact, aDebtor, decideAt, type Scenario } from './fixtures.ts';
import type { ChannelKind } from './types.ts';

const PLACES: Array<[country: string, zone: string, region?: string]> = [
  ['US', 'America/Chicago'], ['US', 'America/New_York', 'MA'], ['IE', 'Europe/Dublin'], ['ES', 'Europe/Madrid'],
  ['CO', 'America/Bogota'], ['MX', 'America/Mexico_City'], ['BR', 'America/Sao_Paulo', 'SP'], ['BR', 'America/Sao_Paulo', 'RJ'],
  ['CL', 'America/Santiago'], ['PE', 'America/Lima'], ['AR', 'America/Argentina/Buenos_Aires'], ['JP', 'Asia/Tokyo'],
];
const CHANNELS: ChannelKind[] = ['call', 'sms', 'email', 'whatsapp'];
const START = Date.parse('2026-01-01T00:00:00Z');
const YEAR_MINUTES = 365 * 24 * 60;

const scenario = fc.record({
  place: fc.constantFrom(...PLACES),
  channel: fc.constantFrom(...CHANNELS),
  minute: fc.integer({ min: 0, max: YEAR_MINUTES }),
  past: fc.array(fc.record({ minutesAgo: fc.integer({ min: 1, max: 14 * 24 * 60 }), channel: fc.constantFrom(...CHANNELS),
    conversation: fc.boolean() }), { maxLength: 8 }),
  probes: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
});

describe('deferrals', () => {
  it('always name an allowed instant with nothing allowed before it', () => {
    fc.assert(fc.property(scenario, ({ place: [country, timeZone, region], channel, minute, past, probes }) => {
      const now = new Date(START + minute * 60_000);
      const s: Scenario = {
        debtor: aDebtor({ country, timeZone, ...(region ? { region } : {}) }),
        channel: aChannel(channel),
        events: past.map((p) => aContact(new Date(now.getTime() - p.minutesAgo * 60_000), p.channel,
          p.conversation && p.channel === 'call' ? { outcome: 'conversation' } : {})),
      };
      const d = decideAt(now, s);
      if (d.kind !== 'defer') return;
      const until = d.until.getTime();
      assert.equal(decideAt(d.until, s).kind, 'allow', `allowed at ${d.until.toISOString()}`);
      assert.notEqual(decideAt(new Date(until - 60_000), s).kind, 'allow', 'not allowed a minute before');
      for (const p of probes) {
        const probe = new Date(now.getTime() + Math.floor((until - now.getTime()) * p));
        if (probe.getTime() < until) assert.notEqual(decideAt(probe, s).kind, 'allow', `not allowed at ${probe.toISOString()}`);
      }
    }), { numRuns: 400, seed: 20260407 });
  });
});
