// A gateway dispute's task note and outcome in the org's language, amounts written as its locale writes numbers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { amountText, closedText, fraudLapsedText, openingNote, outcomeText, unknownPaymentNote, wordingFor } from './gateway-dispute-text.ts';

const held = [{ payment_ref: 'pi_1', currency: 'BRL', amount: 123_450 }];
const dispute = { id: 'dp_1', reason: 'fraudulent', respondBy: '2026-03-17T17:00:00.000Z' };

describe('gateway dispute words', () => {
  it('writes amounts as the locale writes numbers, with the currency code', () => {
    assert.deepEqual([amountText(123_450, 'BRL', 'pt-BR'), amountText(123_450, 'MXN', 'es-MX'), amountText(123_450, 'ARS', 'es-AR'),
      amountText(123_450, 'USD', 'en-US'), amountText(1_500, 'CLP', 'es-CL')], ['1.234,50 BRL', '1,234.50 MXN', '1.234,50 ARS', '1,234.50 USD', '1.500 CLP']);
  });

  it('takes the org\'s language and, for Spanish, its country\'s numbers', () => {
    assert.deepEqual(wordingFor('es', 'AR', 'America/Argentina/Buenos_Aires'), { language: 'es', locale: 'es-AR', zone: 'America/Argentina/Buenos_Aires' });
    assert.deepEqual(wordingFor('pt', 'BR', 'America/Sao_Paulo').language, 'pt-BR');
    assert.deepEqual(wordingFor('en', 'MX', 'UTC'), { language: 'en', locale: 'en-US', zone: 'UTC' });
    assert.equal(wordingFor(undefined, undefined, 'UTC').language, 'en');
  });

  it('writes the note and the outcome in Portuguese, the deadline in the org\'s zone', () => {
    const w = wordingFor('pt', 'BR', 'America/Sao_Paulo');
    // (how the date and time are joined, "às" or a comma, is the ICU version's)
    const note = openingNote(w, 'stripe', dispute, held);
    assert.match(note, /^Chargeback em Stripe, disputa dp_1: 1\.234,50 BRL retidos \(pagamento estornado, o restante mantido\) no pagamento pi_1 \(1\.234,50 BRL\)\. /);
    assert.match(note, / Motivo: fraudulent\. Provas devidas em Stripe até 17 de março de 2026\D+14:00 \(America\/Sao_Paulo\): responda lá antes disso ou a disputa é perdida\.$/);
    assert.equal(outcomeText(w, 'stripe', { status: 'lost', amount: 123_450 }, true, 'pi_1', 'BRL'), 'perdida em Stripe: 1.234,50 BRL do pagamento pi_1 continuam estornados');
    assert.equal(closedText(w, 'stripe', 'dp_1', 'ganha em Stripe: …', 'tsk_1'), 'Disputa dp_1 em Stripe ganha em Stripe: …; tarefa de revisão tsk_1 concluída');
  });

  it('writes an inquiry and an Adyen notice in Spanish', () => {
    const w = wordingFor('es', 'MX', 'America/Mexico_City');
    const inquiry = openingNote(w, 'stripe', { ...dispute, kind: 'inquiry', held: false }, [{ payment_ref: 'pi_2', currency: 'MXN', amount: 90_00 }]);
    assert.match(inquiry, /^Consulta en Stripe, disputa dp_1: 90\.00 MXN cuestionados, sin dinero retenido, en el pago pi_2 \(90\.00 MXN\)\. Motivo: fraudulent\. /);
    assert.match(inquiry, /Respuesta a dar en Stripe antes del 17 de marzo de 2026\D+11:00[^(]*\(America\/Mexico_City\): .* puede convertirse en contracargo\.$/);
    const notice = openingNote(w, 'adyen', { id: 'D1', held: false }, [{ payment_ref: 'P1', currency: 'MXN', amount: 70_00 }]);
    assert.match(notice, /^Contracargo en Adyen, disputa D1: 70\.00 MXN en disputa en el pago P1 \(70\.00 MXN\), aún no descontados .* Motivo: la pasarela no indica ninguno\. Adyen no indica plazo/);
    assert.equal(outcomeText(w, 'stripe', { status: 'won', amount: 90_00, outcome: 'warning_closed' }, false, 'pi_2', 'MXN'),
      'cerrada en Stripe (warning_closed): no se descontó dinero del pago pi_2');
  });

  it('says a dispute the issuer let lapse is settled in the merchant\'s favour, and a fraud notice no chargeback followed is closed, in each language', () => {
    const silent = { status: 'won' as const, amount: 70_00, settledBy: 'issuer_timeout' as const };
    const [en, es, pt] = [wordingFor('en', 'ES', 'UTC'), wordingFor('es', 'ES', 'Europe/Madrid'), wordingFor('pt', 'BR', 'America/Sao_Paulo')];
    assert.equal(outcomeText(en, 'adyen', silent, false, 'P1', 'EUR'),
      'settled in the merchant\'s favour at Adyen: the card\'s issuer did not respond in time; nothing was debited from payment P1');
    assert.equal(outcomeText(en, 'adyen', silent, true, 'P1', 'EUR'),
      'settled in the merchant\'s favour at Adyen: the card\'s issuer did not respond in time; the money held on payment P1 is recorded again');
    assert.equal(outcomeText(es, 'adyen', silent, false, 'P1', 'EUR'),
      'resuelta a favor del comercio en Adyen: el emisor de la tarjeta no respondió a tiempo; no se descontó nada del pago P1');
    assert.equal(outcomeText(pt, 'adyen', silent, false, 'P1', 'EUR'),
      'resolvida a favor do lojista em Adyen: o emissor do cartão não respondeu no prazo; nada foi debitado do pagamento P1');
    assert.equal(outcomeText(en, 'adyen', { status: 'won', amount: 70_00 }, false, 'P1', 'EUR'), 'closed at Adyen: no money was taken on payment P1');
    assert.equal(fraudLapsedText(en, 'adyen', 'P1', 120, '2026-08-04T09:00:00.000Z'),
      'no chargeback came at Adyen on payment P1 within the 120 days the card schemes allow for a fraud chargeback (until 2026-08-04T09:00:00.000Z): closed, nothing was debited');
    assert.match(fraudLapsedText(es, 'adyen', 'P1', 120, '2026-08-04T09:00:00.000Z'),
      /^no llegó ningún contracargo en Adyen por el pago P1 en los 120 días .* \(hasta el 4 de agosto de 2026\D+11:00 \(Europe\/Madrid\)\): cerrado, no se descontó nada$/);
    assert.match(fraudLapsedText(pt, 'adyen', 'P1', 120, '2026-08-04T09:00:00.000Z'), /^nenhum chargeback chegou em Adyen para o pagamento P1 nos 120 dias .*: encerrado, nada foi debitado$/);
  });

  it('says a dispute on a payment cobro does not know as such, before the usual note, in each language', () => {
    const eur = [{ payment_ref: 'PSP1', currency: 'EUR', amount: 70_00 }];
    const d = { id: 'DPSP1', held: false as const, reason: 'Fraudulent transaction (visa 10.4)', respondBy: '2026-04-26T09:00:00.000Z' };
    assert.match(unknownPaymentNote(wordingFor('en', 'ES', 'Europe/Madrid'), 'adyen', d, eur),
      /^A dispute at Adyen on a payment cobro does not know \(made outside its payment links; no customer found\): Chargeback at Adyen, dispute DPSP1: 70\.00 EUR in dispute on payment PSP1 .* Evidence due at Adyen by 2026-04-26T09:00:00\.000Z/);
    assert.match(unknownPaymentNote(wordingFor('es', 'ES', 'Europe/Madrid'), 'adyen', d, eur), /^Una disputa en Adyen sobre un pago que cobro no conoce .*: Contracargo en Adyen, disputa DPSP1: 70,00 EUR/);
    assert.match(unknownPaymentNote(wordingFor('pt', 'BR', 'America/Sao_Paulo'), 'adyen', d, eur), /^Uma disputa em Adyen sobre um pagamento que o cobro não conhece .*: Chargeback em Adyen, disputa DPSP1: 70,00 EUR/);
  });
});
