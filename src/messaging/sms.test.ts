// SMS encodings and segments: GSM-7 160/153, UCS-2 70/67, extension characters count two, emoji two code units.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countSegments, previewTemplate, sampleContext } from './index.ts';

describe('SMS segments', () => {
  it('fits 160 GSM-7 characters in one segment and splits 161 into two of 153', () => {
    assert.deepEqual(countSegments('a'.repeat(160)), { encoding: 'GSM-7', units: 160, segments: 1 });
    assert.deepEqual(countSegments('a'.repeat(161)), { encoding: 'GSM-7', units: 161, segments: 2 });
    assert.equal(countSegments('a'.repeat(306)).segments, 2);
    assert.equal(countSegments('a'.repeat(307)).segments, 3);
  });
  it('keeps ñ, é and ü in GSM-7 but counts € and [ as two septets', () => {
    assert.equal(countSegments('Pagué señor über').encoding, 'GSM-7');
    assert.equal(countSegments('€[').units, 4);
  });
  it('switches to UCS-2 for á, ç, ã and emoji, where an emoji takes two units', () => {
    assert.equal(countSegments('Está vencida').encoding, 'UCS-2');
    assert.equal(countSegments('não').encoding, 'UCS-2');
    assert.deepEqual(countSegments('ok 👍'), { encoding: 'UCS-2', units: 5, segments: 1 });
    assert.equal(countSegments('á'.repeat(70)).segments, 1);
    assert.equal(countSegments('á'.repeat(71)).segments, 2);
  });
  it('warns over three segments', () => {
    const ctx = previewTemplate('due-today', 'sms', { language: 'es' });
    assert.ok(ctx.ok && ctx.value.channel === 'sms');
    assert.deepEqual(ctx.value.warnings, []);
    const base = ctx.value;
    const many = Array.from({ length: 40 }, (_, i) => ({ number: `FAC-${1000 + i}`, dueDate: '2026-03-01', balance: { amount: 1000, currency: 'MXN' } }));
    const r = previewTemplate('due-today', 'sms', { language: 'es', context: { ...sampleContext('es'), invoices: many } });
    assert.ok(r.ok && r.value.channel === 'sms');
    assert.ok(r.value.segments.segments > 3, String(r.value.segments.segments));
    assert.match(r.value.warnings[0] ?? '', /SMS_OVER_3_SEGMENTS/);
    assert.equal(base.segments.encoding, 'GSM-7', 'folded: fewer segments than in UCS-2');
  });
});

