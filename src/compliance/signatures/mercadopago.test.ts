// WH-4 Mercado Pago signatures against the COMPLIANCE.md §5 vector (row 34 of §8).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mercadoPagoManifest, mercadoPagoSignature, verifyMercadoPago } from './mercadopago.ts';

const REQUEST_ID = 'bb56a2f1-6aae-46ac-982e-9dcd3581d08e';
const TS = '1742505638683';
const V1 = '776a361739f250949fc75c476481d013d1d9b7f203c775a755ff1510c3798c68';

describe('WH-4 Mercado Pago', () => {
  it('WH-4 builds the document manifest', () => {
    assert.equal(mercadoPagoManifest({ dataId: '123456', requestId: REQUEST_ID, ts: TS }), `id:123456;request-id:${REQUEST_ID};ts:${TS};`);
  });
  it('WH-4 computes and accepts the document vector', () => {
    assert.equal(mercadoPagoSignature('your_secret', { dataId: '123456', requestId: REQUEST_ID, ts: TS }), V1);
    const check = verifyMercadoPago({ signature: `ts=${TS},v1=${V1}`, requestId: REQUEST_ID, dataId: '123456', secrets: ['your_secret'] });
    assert.deepEqual(check, { ok: true });
  });
  it('WH-4 lowers an uppercase alphanumeric data.id', () => {
    assert.equal(mercadoPagoManifest({ dataId: 'ABC123', ts: TS }), `id:abc123;ts:${TS};`);
    const v1 = mercadoPagoSignature('your_secret', { dataId: 'abc123', requestId: REQUEST_ID, ts: TS });
    assert.equal(verifyMercadoPago({ signature: `ts=${TS},v1=${v1}`, requestId: REQUEST_ID, dataId: 'ABC123', secrets: ['your_secret'] }).ok, true);
  });
  it('WH-4 drops a missing request-id part', () => {
    assert.equal(mercadoPagoManifest({ dataId: '123456', ts: TS }), `id:123456;ts:${TS};`);
    const v1 = mercadoPagoSignature('your_secret', { dataId: '123456', ts: TS });
    assert.equal(verifyMercadoPago({ signature: `ts=${TS},v1=${v1}`, requestId: undefined, dataId: '123456', secrets: ['your_secret'] }).ok, true);
  });
  it('WH-4 rejects a changed data.id', () => {
    const check = verifyMercadoPago({ signature: `ts=${TS},v1=${V1}`, requestId: REQUEST_ID, dataId: '123457', secrets: ['your_secret'] });
    assert.deepEqual(check, { ok: false, code: 'SIGNATURE_MISMATCH' });
  });
  it('WH-4 enforces a tolerance only when one is given', () => {
    const base = { signature: `ts=${TS},v1=${V1}`, requestId: REQUEST_ID, dataId: '123456', secrets: ['your_secret'] };
    const later = new Date(Number(TS) + 10 * 60_000);
    assert.equal(verifyMercadoPago({ ...base, tolerance: { now: later, milliseconds: 5 * 60_000 } }).ok, false);
    assert.equal(verifyMercadoPago({ ...base, tolerance: { now: later, milliseconds: 15 * 60_000 } }).ok, true);
  });
  it('WH-5 rejects a missing or malformed x-signature', () => {
    assert.deepEqual(verifyMercadoPago({ signature: undefined, requestId: REQUEST_ID, dataId: '1', secrets: ['s'] }), { ok: false, code: 'SIGNATURE_MISSING' });
    assert.deepEqual(verifyMercadoPago({ signature: 'v1=abc', requestId: REQUEST_ID, dataId: '1', secrets: ['s'] }), { ok: false, code: 'MALFORMED_HEADER' });
  });
});
