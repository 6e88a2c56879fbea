// Portal confirmations by SMS stay within three segments for the longest realistic debtors of each language: a long legal
// name, a long address (Brazil's supplier line), the US collector notice, big amounts, a year-long plan, a long portal link.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SEGMENTS, previewTemplate, sampleContext, type Language, type MessageContext } from './index.ts';

const CONFIRMATIONS = ['portal-promise-confirmed', 'portal-extension-confirmed', 'portal-plan-confirmed', 'portal-promise-cancelled', 'portal-plan-cancelled',
  'portal-promise-cancelled-by-staff', 'portal-plan-cancelled-by-staff'];

interface Place { language: Language; country: string; currency: string; company: string; address: string }

const PLACES: Place[] = [
  { language: 'es', country: 'MX', currency: 'MXN', company: 'Servicios Financieros y Comerciales del Bajío, S.A.P.I. de C.V.',
    address: 'Blvd. Adolfo López Mateos 2009, Col. Los Alpes, Álvaro Obregón, 01010 Ciudad de México' },
  { language: 'es', country: 'US', currency: 'USD', company: 'Southwest Consumer Credit Services of America, LLC', address: '1200 Main Street, Suite 400, Dallas, TX 75202' },
  { language: 'pt-BR', country: 'BR', currency: 'BRL', company: 'Companhia Brasileira de Distribuição e Comércio Atacadista Ltda.',
    address: 'Av. Brigadeiro Faria Lima, 3477, 14º andar, Itaim Bibi, São Paulo - SP, 04538-133' },
  { language: 'en', country: 'US', currency: 'USD', company: 'Southwest Consumer Credit Services of America, LLC', address: '1200 Main Street, Suite 400, Dallas, TX 75202' },
];

/** A deployment's own domain, the portal path and a token as long as they come (22 + 1 + 22 characters). */
const PORTAL = `https://cobranca.exemplo.com.br/p/${'x'.repeat(22)}.${'y'.repeat(22)}`;

/** The longest debtor of a place: its longest month names in dates, nine-digit amounts, a plan of `count` payments. */
function worst(p: Place, count: number): MessageContext {
  const base = sampleContext(p.language);
  const money = (amount: number) => ({ amount, currency: p.currency });
  // monthly from September (the longest month names come first and last), the 28th
  const monthly = (i: number) => `${2026 + Math.floor((8 + i) / 12)}-${String(((8 + i) % 12) + 1).padStart(2, '0')}-28`;
  return {
    ...base,
    customer: { ...base.customer, name: 'Comercializadora y Distribuidora Internacional del Pacífico Norte', country: p.country, debtorType: 'consumer' },
    company: { ...base.company, name: p.company, address: p.address, taxId: '12.345.678/0001-90' },
    invoices: Array.from({ length: 6 }, (_, i) => ({ number: `FAC-2026-00${i}`, dueDate: '2026-09-30', balance: money(98_765_432) })),
    links: { ...base.links, portal: PORTAL },
    promise: { amount: money(987_654_321), date: '2026-09-30' },
    arrangement: { changed: true, instalments: Array.from({ length: count }, (_, i) =>
      ({ amount: money(98_765_432), dueDate: monthly(i) })) },
  };
}

describe('portal confirmation SMS length', () => {
  for (const p of PLACES) {
    it(`fits three segments in ${p.language} for a debtor in ${p.country}, whatever the plan's length`, () => {
      for (const count of [2, 6, 12, 24]) for (const id of CONFIRMATIONS) {
        const r = previewTemplate(id, 'sms', { language: p.language, context: worst(p, count) });
        assert.ok(r.ok && r.value.channel === 'sms', id);
        assert.ok(r.value.segments.segments <= MAX_SEGMENTS, `${id}, ${count} payments: ${r.value.segments.segments} segments: ${r.value.text}`);
        assert.deepEqual(r.value.warnings, []);
        assert.ok(r.value.text.includes(PORTAL), 'the portal link is whole');
      }
    });
  }
  it('says in staff\'s cancellations that the creditor cancelled it, never "as you asked", in every language', () => {
    const asked = /as you asked|como (lo )?pidió|como (você )?pediu/i;
    // (the sample debtor of Portuguese is in Brazil: the supplier line at the end names the creditor)
    const said: Record<string, RegExp> = { en: /^Demo Supplies: we have cancelled your (promise to pay|payment plan)/, es: /^Demo Supplies: cancelamos su (promesa|plan)/,
      'pt-BR': /^Cancelamos s(ua promessa|eu parcelamento).* Credor: Demo Supplies,/ };
    for (const language of ['en', 'es', 'pt-BR'] as const) for (const id of ['portal-promise-cancelled-by-staff', 'portal-plan-cancelled-by-staff']) {
      const r = previewTemplate(id, 'sms', { language });
      assert.ok(r.ok && r.value.channel === 'sms', `${id} ${language}`);
      assert.match(r.value.text, said[language]!, r.value.text);
      assert.doesNotMatch(r.value.text, asked);
    }
  });
  it('goes folded into GSM-7 when that saves a segment, and keeps every accent with sms_fold never (even past three segments)', () => {
    const { bankTransfer: _, ...plain } = sampleContext('es');
    const folded = previewTemplate('portal-extension-confirmed', 'sms', { language: 'es', context: plain });
    assert.ok(folded.ok && folded.value.channel === 'sms');
    assert.deepEqual(folded.value.segments, { encoding: 'GSM-7', units: 170, segments: 2 });
    assert.match(folded.value.text, /Responda BAJA para no recibir mas\.$/);
    const kept = previewTemplate('portal-extension-confirmed', 'sms', { language: 'es', context: { ...plain, smsFold: 'never' } });
    assert.ok(kept.ok && kept.value.channel === 'sms');
    assert.deepEqual(kept.value.segments, { encoding: 'UCS-2', units: 170, segments: 3 });
    assert.match(kept.value.text, /Responda BAJA para no recibir más\.$/);
    const long = previewTemplate('portal-promise-confirmed', 'sms', { language: 'es', context: worst(PLACES[0]!, 12) });
    assert.ok(long.ok && long.value.channel === 'sms');
    assert.equal(long.value.segments.encoding, 'GSM-7');
    assert.match(long.value.text, /^Servicios Financieros y Comerciales del Bajio, S\.A\.P\.I\. de C\.V\.: anotamos su promesa de pagar \$9,876,543\.21 a mas tardar/);
    const longKept = previewTemplate('portal-promise-confirmed', 'sms', { language: 'es', context: { ...worst(PLACES[0]!, 12), smsFold: 'never' } });
    assert.ok(longKept.ok && longKept.value.channel === 'sms');
    assert.equal(longKept.value.segments.encoding, 'UCS-2');
    assert.match(longKept.value.text, /del Bajío/);
    assert.match(longKept.value.warnings[0] ?? '', /SMS_OVER_3_SEGMENTS: \d+ segments \(UCS-2\)/);
  });
  it('names the creditor once in Brazil, in the supplier line, and opens with the name elsewhere', () => {
    const br = previewTemplate('portal-plan-confirmed', 'sms', { language: 'pt-BR', context: worst(PLACES[2]!, 12) });
    assert.ok(br.ok && br.value.channel === 'sms');
    assert.match(br.value.text, /^Parcelamento combinado em 12 parcelas, R\$ 11\.851\.851,84 no total, de 28 de set\. de 2026 a 28 de ago\. de 2027\./);
    assert.match(br.value.text, /Credor: Companhia Brasileira de Distribuicao e Comércio Atacadista Ltda\., Av\. Brigadeiro Faria Lima, 3477, 14o andar/);
    const mx = previewTemplate('portal-plan-confirmed', 'sms', { language: 'pt-BR', context: { ...worst(PLACES[2]!, 12), customer: { ...worst(PLACES[2]!, 12).customer, country: 'PT' } } });
    assert.ok(mx.ok && mx.value.channel === 'sms');
    assert.match(mx.value.text, /^Companhia Brasileira de Distribui[cç][aã]o e Com[eé]rcio Atacadista Ltda\.: parcelamento combinado/);
  });
});
