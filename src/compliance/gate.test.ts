// The gate as a whole: failing closed, choosing packs, and deferring to the first instant every pack allows.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ORG_POLICY, DEFAULT_POLICY } from './policy.ts';
import { week } from './rules/window.ts';
import { aChannel, aContact, aDebtor, aPurpose, decideAt, localAt, summary } from './fixtures.ts';

const CHI = 'America/Chicago';

describe('failing closed', () => {
  const now = localAt('2026-04-07 12:00', CHI);
  it('blocks when the time zone is unknown', () => {
    assert.equal(summary(decideAt(now, { debtor: aDebtor({ timeZone: 'America/Gotham' }) }), CHI), 'block TIME_ZONE_UNKNOWN');
  });
  it('blocks when a candidate time zone is unknown', () => {
    assert.equal(summary(decideAt(now, { debtor: aDebtor({ otherTimeZones: [''] }) }), CHI), 'block TIME_ZONE_UNKNOWN');
  });
  for (const country of ['', 'XQ', 'USA', 'ZZ']) {
    it(`blocks when the country is "${country}"`, () => {
      assert.equal(summary(decideAt(now, { debtor: aDebtor({ country }) }), CHI), 'block JURISDICTION_UNKNOWN');
    });
  }
  it('reads a lower-case country code', () => {
    assert.deepEqual(decideAt(now, { debtor: aDebtor({ country: 'us' }) }).packs, ['COMMON', 'US']);
  });
  it('blocks when no instant in the horizon is allowed', () => {
    const closed = { ...DEFAULT_POLICY, org: { ...DEFAULT_ORG_POLICY, hours: week({ monFri: null }) } };
    const d = decideAt(now, { debtor: aDebtor({ country: 'JP', timeZone: 'Asia/Tokyo' }), policy: closed });
    assert.equal(summary(d, CHI), 'block NO_ALLOWED_TIME');
  });
});

describe('choosing packs', () => {
  const now = localAt('2026-04-07 12:00', CHI);
  const table: Array<[string, string | undefined, string[]]> = [
    ['US', undefined, ['COMMON', 'US']], ['IE', undefined, ['COMMON', 'EU', 'IE']], ['DE', undefined, ['COMMON', 'EU', 'ORG']],
    ['GB', undefined, ['COMMON', 'EU', 'ORG']], ['CO', undefined, ['COMMON', 'CO']], ['MX', undefined, ['COMMON', 'MX']],
    ['BR', 'SP', ['COMMON', 'BR']], ['CL', undefined, ['COMMON', 'CL']], ['PE', undefined, ['COMMON', 'PE']],
    ['AR', undefined, ['COMMON', 'AR']], ['JP', undefined, ['COMMON', 'ORG']],
  ];
  for (const [country, region, packs] of table) {
    it(`applies ${packs.join(' + ')} to a consumer in ${country}`, () => {
      const debtor = aDebtor({ country, ...(region ? { region } : {}) });
      assert.deepEqual(decideAt(now, { debtor }).packs, packs);
    });
  }
  it('layers the org policy on a pack when the org asks, and the strictest wins', () => {
    const policy = { ...DEFAULT_POLICY, org: { ...DEFAULT_ORG_POLICY, layerOnPacks: true } };
    const d = decideAt(localAt('2026-04-07 20:30', CHI), { policy });
    assert.deepEqual(d.packs, ['COMMON', 'US', 'ORG']);
    assert.equal(summary(d, CHI), 'defer OUTSIDE_HOURS until 2026-04-08 08:00');
  });
});

describe('the first allowed instant', () => {
  const BOG = 'America/Bogota';
  it('moves past a cap that ends at midnight to the opening hour after it', () => {
    const debtor = aDebtor({ country: 'CO', timeZone: BOG });
    const events = [aContact(localAt('2026-04-11 09:00', BOG), 'sms')];
    const d = decideAt(localAt('2026-04-11 11:00', BOG), { debtor, events });
    assert.equal(summary(d, BOG), 'defer DAILY_CAP until 2026-04-13 07:00');
    assert.equal(d.kind === 'defer' && d.reasons.map((r) => r.code).join(','), 'DAILY_CAP,ONE_CHANNEL_PER_WEEK');
  });
  it('gives the sentence and the rule with the code', () => {
    const d = decideAt(localAt('2026-04-07 07:59', CHI));
    assert.equal(d.kind, 'defer');
    if (d.kind !== 'defer') return;
    assert.equal(d.reason.rule, 'US-1');
    assert.match(d.reason.message, /08:00 to 21:00/);
  });
});

describe('WhatsApp', () => {
  const inbound = aContact(new Date('2026-04-07T15:00:00Z'), 'whatsapp', { direction: 'inbound' });
  const freeForm = aPurpose({ kind: 'reply', whatsappFormat: 'free_form' });
  const wa = aChannel('whatsapp');
  it('WA-1 blocks a WhatsApp message without an opt-in on record', () => {
    assert.equal(summary(decideAt(new Date('2026-04-07T17:00:00Z'), { channel: wa, debtor: aDebtor({ consents: [] }) }), CHI), 'block CONSENT_MISSING');
  });
  it('WA-2 allows free-form text inside the 24-hour window', () => {
    assert.equal(summary(decideAt(new Date('2026-04-08T15:00:00Z'), { channel: wa, purpose: freeForm, events: [inbound] }), CHI), 'allow');
  });
  it('WA-2 blocks free-form text 24h00m01s after the last inbound message, but allows a template', () => {
    const late = new Date('2026-04-08T15:00:01Z');
    assert.equal(summary(decideAt(late, { channel: wa, purpose: freeForm, events: [inbound] }), CHI), 'block WA_TEMPLATE_REQUIRED');
    assert.equal(summary(decideAt(late, { channel: wa, events: [inbound] }), CHI), 'allow');
  });
  it('WA-2 blocks free-form text whose first allowed hour falls after the window closes', () => {
    const lateInbound = aContact(localAt('2026-04-07 07:00', CHI), 'whatsapp', { direction: 'inbound' });
    const d = decideAt(localAt('2026-04-07 21:30', CHI), { channel: wa, purpose: freeForm, events: [lateInbound] });
    assert.equal(summary(d, CHI), 'block WA_TEMPLATE_REQUIRED');
  });
});
