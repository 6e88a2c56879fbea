// Amounts typed into the workspace's forms become exact minor units whatever the locale's marks.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { amountText, parseAmount } from '../web/src/cases/amount.ts';

describe('amounts typed in the workspace', () => {
  it('reads the last mark followed by at most the currency\'s decimals as the decimal mark, the others as grouping', () => {
    assert.equal(parseAmount('1250.50', 'MXN'), 125_050);
    assert.equal(parseAmount('1.250,50', 'BRL'), 125_050);
    assert.equal(parseAmount('1,250.5', 'USD'), 125_050);
    assert.equal(parseAmount('1.250', 'USD'), 125_000);
    assert.equal(parseAmount('1.250', 'CLP'), 1_250);
    assert.equal(parseAmount('1.250', 'KWD'), 1_250);
    assert.equal(parseAmount('$ 1 250,00', 'MXN'), 125_000);
  });

  it('refuses what is not a positive amount', () => {
    for (const text of ['abc', '0', '', '12,34,5x', '-5']) assert.equal(parseAmount(text, 'MXN'), null, text);
  });

  it('writes a starting amount with the locale\'s decimal mark and no grouping, which reads back the same', () => {
    assert.equal(amountText(4_500_000, 'MXN', 'es-MX'), '45000.00');
    assert.equal(amountText(125_050, 'BRL', 'pt-BR'), '1250,50');
    assert.equal(parseAmount(amountText(125_050, 'BRL', 'pt-BR'), 'BRL'), 125_050);
    assert.equal(amountText(90_000, 'CLP', 'es-CL'), '90000');
  });
});
