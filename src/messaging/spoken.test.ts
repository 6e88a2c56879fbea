// Money and dates for a call's voice, in words of each language, as a person says them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { numberWords, spokenDate, spokenMoney } from './spoken.ts';

describe('spoken money and dates', () => {
  it('says whole numbers as each language does', () => {
    const table: [number, string, string, string][] = [
      [1, 'one', 'uno', 'um'],
      [21, 'twenty-one', 'veintiuno', 'vinte e um'],
      [100, 'one hundred', 'cien', 'cem'],
      [115, 'one hundred fifteen', 'ciento quince', 'cento e quinze'],
      [1_005, 'one thousand five', 'mil cinco', 'mil e cinco'],
      [1_200, 'one thousand two hundred', 'mil doscientos', 'mil e duzentos'],
      [1_234, 'one thousand two hundred thirty-four', 'mil doscientos treinta y cuatro', 'mil duzentos e trinta e quatro'],
      [21_000, 'twenty-one thousand', 'veintiún mil', 'vinte e um mil'],
      [2_500_000, 'two million five hundred thousand', 'dos millones quinientos mil', 'dois milhões e quinhentos mil'],
    ];
    for (const [n, en, es, pt] of table) assert.deepEqual([numberWords(n, 'en'), numberWords(n, 'es'), numberWords(n, 'pt-BR')], [en, es, pt], String(n));
  });

  it('says money with the currency\'s name and its cents, never its symbol or separators', () => {
    assert.equal(spokenMoney({ amount: 123_450, currency: 'USD' }, 'en'), 'one thousand two hundred thirty-four dollars and fifty cents');
    assert.equal(spokenMoney({ amount: 90_000, currency: 'MXN' }, 'es'), 'novecientos pesos');
    assert.equal(spokenMoney({ amount: 2_101, currency: 'MXN' }, 'es'), 'veintiún pesos con un centavo');
    assert.equal(spokenMoney({ amount: 100, currency: 'USD' }, 'es'), 'un dólar');
    assert.equal(spokenMoney({ amount: 123_400, currency: 'BRL' }, 'pt-BR'), 'mil duzentos e trinta e quatro reais');
    assert.equal(spokenMoney({ amount: 100_000_000, currency: 'BRL' }, 'pt-BR'), 'um milhão de reais');
    assert.equal(spokenMoney({ amount: 75, currency: 'BRL' }, 'pt-BR'), 'setenta e cinco centavos');
    assert.equal(spokenMoney({ amount: 15_000, currency: 'CLP' }, 'es'), 'quince mil pesos', 'no minor unit');
    assert.match(spokenMoney({ amount: 500, currency: 'COP' }, 'pt-BR'), /^cinco pesos colombianos$/);
  });

  it('says dates with their weekday, the year only when it is not this one', () => {
    assert.equal(spokenDate('2026-03-27', 'en', '2026-03-17'), 'Friday, March twenty-seventh');
    assert.equal(spokenDate('2026-04-01', 'en', '2026-03-17'), 'Wednesday, April first');
    assert.equal(spokenDate('2027-01-22', 'en', '2026-12-17'), 'Friday, January twenty-second, twenty twenty-seven');
    assert.equal(spokenDate('2026-03-27', 'es', '2026-03-17'), 'viernes veintisiete de marzo');
    assert.equal(spokenDate('2026-04-01', 'es', '2026-03-17'), 'miércoles primero de abril');
    assert.equal(spokenDate('2027-01-01', 'es', '2026-12-17'), 'viernes primero de enero de dos mil veintisiete');
    assert.equal(spokenDate('2026-03-27', 'pt-BR', '2026-03-17'), 'sexta-feira, vinte e sete de março');
    assert.equal(spokenDate('2026-05-01', 'pt-BR', '2026-03-17'), 'sexta-feira, primeiro de maio');
  });
});
