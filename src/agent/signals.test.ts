// Readings beside the intent model: signals for a person, yes and no, "all of it", bare amounts, days asked, dispute grounds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { answerOf, bareAmount, daysAsked, disputeGround, meansAll, signalsIn } from './signals.ts';

describe('signals for a person', () => {
  const cases: [string, string[]][] = [
    ['voy a demandarlos con mi abogado', ['legal_threat']], ['I will sue you, see you in court', ['legal_threat']], ['vou no procon e processar vocês', ['legal_threat']],
    ['son unos ladrones de mierda', ['abuse']], ['fuck off', ['abuse']], ['seus golpistas', ['abuse']],
    ['mi esposo falleció el mes pasado', ['vulnerability']], ['I am in hospital with cancer', ['vulnerability']], ['minha mãe faleceu', ['vulnerability']],
    ['te pago el viernes', []], ['necesito el link', []], ['gracias', []], ['tengo un juego el sábado', []],
  ];
  for (const [text, want] of cases) it(`reads ${JSON.stringify(text)}`, () => assert.deepEqual(signalsIn(text), want));
});

describe('short answers', () => {
  it('reads yes and no in three languages, and neither', () => {
    for (const y of ['sí', 'si claro', 'Yes please', 'ok', 'dale', 'sim, pode ser', 'De acuerdo', '👍']) assert.equal(answerOf(y), 'yes', y);
    for (const n of ['no', 'No gracias', 'nope', 'não', 'nao posso']) assert.equal(answerOf(n), 'no', n);
    for (const x of ['el viernes', 'cuánto debo?', 'mándame el link']) assert.equal(answerOf(x), null, x);
  });

  it('reads "all of it", bare amounts in both decimal styles, and days asked', () => {
    assert.ok(meansAll('todo') && meansAll('pago tudo') && meansAll('all of it') && !meansAll('una parte'));
    assert.equal(bareAmount('1500', 'MXN'), 150_000);
    assert.equal(bareAmount('$1.500', 'MXN'), 150_000);
    assert.equal(bareAmount('1,500.50', 'USD'), 150_050);
    assert.equal(bareAmount('R$ 200,50', 'BRL'), 20_050);
    assert.equal(bareAmount('el viernes', 'MXN'), null);
    assert.equal(daysAsked('necesito 2 semanas más', 'es'), 14);
    assert.equal(daysAsked('dame una semana', 'es'), 7);
    assert.equal(daysAsked('ten more days please', 'en'), 10);
    assert.equal(daysAsked('preciso de 15 dias', 'pt-BR'), 15);
    assert.equal(daysAsked('más tiempo', 'es'), null);
  });

  it('reads the ground of a dispute', () => {
    assert.equal(disputeGround('me cobraron dos veces la misma factura'), 'duplicate');
    assert.equal(disputeGround('the amount is wrong'), 'wrong_amount');
    assert.equal(disputeGround('no reconozco esa compra'), 'not_mine');
    assert.equal(disputeGround('o produto nunca chegou, não chegou nada'), 'goods_or_service');
    assert.equal(disputeGround('no estoy de acuerdo'), 'other');
  });
});
