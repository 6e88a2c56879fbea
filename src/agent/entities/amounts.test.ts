// Amounts with their currency, in minor units: symbols, codes and words, local separators, number words, the case's currency.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalise } from '../normalise.ts';
import type { AgentLanguage } from '../types.ts';
import { readEntities } from './index.ts';

const amountsOf = (text: string, language: AgentLanguage, currency?: string) =>
  readEntities(normalise(text), language, '2026-03-11', currency).entities.amounts.map((a) => [a.amount, a.currency, a.explicit]);

describe('amounts read in minor units', () => {
  const rows: Array<[string, AgentLanguage, string | undefined, Array<[number, string | null, boolean]>]> = [
    ['$500', 'en', 'USD', [[50_000, 'USD', false]]],
    ['$500', 'en', undefined, [[50_000, null, false]]],
    ['$500', 'pt-BR', 'BRL', [[50_000, null, false]]],
    ['R$ 1.234,56', 'pt-BR', undefined, [[123_456, 'BRL', true]]],
    ['paguei R$1.234,56 ontem', 'pt-BR', 'BRL', [[123_456, 'BRL', true]]],
    ['1,234.56 USD', 'en', undefined, [[123_456, 'USD', true]]],
    ['US$ 200', 'es', 'MXN', [[20_000, 'USD', true]]],
    ['500 pesos', 'es', 'COP', [[50_000, 'COP', false]]],
    ['500 pesos', 'es', undefined, [[50_000, 'MXN', false]]],
    ['quinientos pesos', 'es', 'MXN', [[50_000, 'MXN', false]]],
    ['mil quinientos pesos', 'es', 'MXN', [[150_000, 'MXN', false]]],
    ['dois mil reais', 'pt-BR', undefined, [[200_000, 'BRL', true]]],
    ['2,5 mil reais', 'pt-BR', undefined, [[250_000, 'BRL', true]]],
    ['five hundred dollars', 'en', undefined, [[50_000, 'USD', true]]],
    ['12.000 CLP', 'es', undefined, [[12_000, 'CLP', true]]],
    ['$ 1.500,50', 'es', 'ARS', [[150_050, 'ARS', false]]],
    ['€50', 'es', undefined, [[5_000, 'EUR', true]]],
    ['150 conto', 'pt-BR', undefined, [[15_000, 'BRL', true]]],
    ['puedo pagar 300 el viernes', 'es', 'MXN', [[30_000, 'MXN', false]]],
    ['I can pay 200 now and 300 on Friday', 'en', 'USD', [[20_000, 'USD', false], [30_000, 'USD', false]]],
    ['3 cuotas de 500', 'es', 'MXN', [[50_000, 'MXN', false]]],
    ['uns 200 por semana', 'pt-BR', 'BRL', [[20_000, 'BRL', false]]],
    ['I can send 1.5k', 'en', 'USD', [[150_000, 'USD', false]]],
  ];
  for (const [text, language, hint, expected] of rows) {
    it(`reads "${text}"${hint ? ` for a ${hint} case` : ''} as ${JSON.stringify(expected)}`, () => assert.deepEqual(amountsOf(text, language, hint), expected));
  }
});

describe('numbers that are not money', () => {
  const rows: Array<[string, AgentLanguage]> = [
    ['mi tarjeta es 4111 1111 1111 1111', 'es'], ['my number is 312 555 0188', 'en'], ['te pago el 15', 'es'], ['en 3 cuotas', 'es'],
    ['pago em 10 dias', 'pt-BR'], ['call me at 5 pm', 'en'], ['me pueden dar una prórroga de unos días?', 'es'], ['invoice 1043', 'en'],
    ['pagar el 50%', 'es'],
  ];
  for (const [text, language] of rows) it(`finds no amount in "${text}"`, () => assert.deepEqual(amountsOf(text, language, 'USD'), []));
});
