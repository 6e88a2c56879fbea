// The QR code as a PNG: a valid 1-bit grayscale image (signature, CRC-checked chunks, deflated rows) of the modules
// with their quiet zone, that a QR reader decodes back to the EPC and PIX payloads at every scale an email uses.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pngPixels, readPng } from '../../../test/support/qr-read.ts';
import { epcPayload, pixPayload } from './qr-payload.ts';
import { qrMatrix, QUIET_ZONE } from './qr-code.ts';
import { pngSide, qrPng } from './qr-png.ts';

const EPC = epcPayload({ name: 'Demo Supplies GmbH', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', amount: 173_050, reference: 'F-1001 F-1002' });
const PIX = pixPayload({ key: '11222333000181', name: 'Demo Supplies Ltda', city: 'São Paulo', amount: 173_050, txid: 'F1001', description: 'F-1001 F-1002' });

describe('qrPng', () => {
  it('decodes back to the EPC payload and the PIX copia e cola, accents and line breaks included', () => {
    for (const payload of [EPC, PIX, epcPayload({ name: 'Ação Distribuidora Ñandú', iban: 'ES9121000418450200051332', amount: 1, reference: 'RF18539007547034' })]) {
      for (const scale of [2, 4, 7]) assert.equal(readPng(qrPng(qrMatrix(payload), scale)), payload, `scale ${scale}`);
    }
  });
  it('draws each module as scale x scale pixels inside a white quiet zone of four modules', () => {
    const m = qrMatrix(PIX);
    const scale = 3;
    const { rgba, width, height } = pngPixels(qrPng(m, scale));
    assert.equal(width, (m.size + 2 * QUIET_ZONE) * scale);
    assert.equal(height, width);
    assert.equal(pngSide(m, scale), width);
    const dark = (x: number, y: number) => rgba[(y * width + x) * 4] === 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const r = Math.floor(y / scale) - QUIET_ZONE;
        const c = Math.floor(x / scale) - QUIET_ZONE;
        if (dark(x, y) !== (m.dark[r]?.[c] === true)) assert.fail(`pixel ${x},${y} (module ${r},${c})`);
      }
    }
  });
  it('is small: the EPC code at 7 pixels a module under 3 kB', () => {
    const png = qrPng(qrMatrix(EPC), 7);
    assert.ok(png.length < 3000, `${png.length} bytes`);
    assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
    assert.deepEqual([...png.subarray(24, 29)], [1, 0, 0, 0, 0]);
  });
  it('refuses a scale outside 1 to 32', () => {
    assert.throws(() => qrPng(qrMatrix('x'), 0), /scale/);
    assert.throws(() => qrPng(qrMatrix('x'), 1.5), /scale/);
  });
});
