// Numbers of instalments a debtor asks for or offers, with their frequency when said.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalise } from '../normalise.ts';
import type { AgentLanguage } from '../types.ts';
import { readEntities } from './index.ts';

const instalmentsOf = (text: string, language: AgentLanguage) =>
  readEntities(normalise(text), language, '2026-03-11').entities.instalments.map((i) => (i.frequency ? [i.count, i.frequency] : [i.count]));

describe('instalments', () => {
  const rows: Array<[string, AgentLanguage, Array<[number] | [number, string]>]> = [
    ['¿puedo pagar en 3 cuotas?', 'es', [[3]]],
    ['can I pay in 4 payments', 'en', [[4]]],
    ['posso pagar em 6 parcelas?', 'pt-BR', [[6]]],
    ['three instalments please', 'en', [[3]]],
    ['can I split it into 3 monthly payments', 'en', [[3, 'monthly']]],
    ['parcela em 10x no cartão', 'pt-BR', [[10]]],
    ['pagar em 3 vezes', 'pt-BR', [[3]]],
    ['a 6 meses sin intereses', 'es', [[6, 'monthly']]],
    ['can I pay it over 6 months', 'en', [[6, 'monthly']]],
    ['puedo pagarlo en 3 meses?', 'es', [[3, 'monthly']]],
    ['4 pagos semanales', 'es', [[4, 'weekly']]],
    ['4 mensualidades de 250', 'es', [[4, 'monthly']]],
    ['em 4 parcelas mensais', 'pt-BR', [[4, 'monthly']]],
    ['2 pagos quincenales', 'es', [[2, 'biweekly']]],
    ['en dos partes', 'es', [[2]]],
    ['se vcs dividirem em 5 eu pago', 'pt-BR', [[5]]],
    ['te pago en 2 meses', 'es', []],
    ['daqui a 2 semanas', 'pt-BR', []],
    ['in one payment', 'en', []],
    ['a segunda parcela', 'pt-BR', []],
  ];
  for (const [text, language, expected] of rows) {
    it(`reads "${text}" as ${JSON.stringify(expected)}`, () => assert.deepEqual(instalmentsOf(text, language), expected));
  }
});
