// The logo check, pure: PNG and JPEG told by their bytes with their pixel size; a GIF, an oversized file, a PNG or JPEG
// cut short, a corrupt chunk and a giant are refused, each naming the field `logo`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GIF, JPEG, JPEG_SIZE, png } from '../../test/support/images.ts';
import { checkLogo, LOGO_MAX_BYTES } from './logo.ts';

const refused = (data: Buffer, message: RegExp) => {
  const r = checkLogo(data);
  assert.ok(!r.ok, 'refused');
  assert.equal(r.error.field, 'logo');
  assert.match(r.error.message, message);
};

describe('the logo check', () => {
  it('takes a PNG and a JPEG with their pixel size', () => {
    assert.deepEqual(checkLogo(png(120, 40)), { ok: true, value: { content_type: 'image/png', width: 120, height: 40 } });
    assert.deepEqual(checkLogo(JPEG), { ok: true, value: { content_type: 'image/jpeg', ...JPEG_SIZE } });
  });

  it('refuses a GIF, an empty file and one over 512 KB', () => {
    refused(GIF, /PNG or JPEG/);
    refused(Buffer.alloc(0), /empty/);
    const big = png(480, 480, true);
    assert.ok(big.length > LOGO_MAX_BYTES, `${big.length} bytes`);
    refused(big, /over 512 KB/);
  });

  it('refuses a PNG or JPEG cut short or corrupt', () => {
    const whole = png(64, 64);
    refused(whole.subarray(0, whole.length - 12), /cut short/);
    refused(whole.subarray(0, whole.length - 40), /cut short/);
    const flipped = Buffer.from(whole);
    flipped[40] = (flipped[40] ?? 0) ^ 0xff;
    refused(flipped, /corrupt/);
    refused(JPEG.subarray(0, JPEG.length - 2), /cut short/);
    refused(JPEG.subarray(0, 200), /cut short/);
  });

  it('refuses a PNG whose header promises more pixels than its data holds, and one over 4096 pixels a side', () => {
    const small = png(8, 8);
    const lying = png(16, 8);
    // the 8×8 image data behind the 16×8 header: every chunk well-formed, the pixels short
    const idat = small.subarray(33, small.length - 12);
    refused(Buffer.concat([lying.subarray(0, 33), idat, lying.subarray(lying.length - 12)]), /does not match its size/);
    refused(png(5000, 1), /5000×1 pixels/);
  });
});
