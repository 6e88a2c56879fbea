// The new words of a reply, without the quoted message or the signature.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stripQuotedText } from './email-quotes.ts';

describe('stripQuotedText', () => {
  it('cuts a Spanish Gmail attribution and the quoted reminder below it', () => {
    const text = 'Les pago el viernes 13, disculpen la demora.\n\nEl mar, 10 mar 2026 a las 11:00, Cobranza <cobranza@sol.example> escribió:\n> Su factura A-1 vence...\n> Saludos';
    assert.equal(stripQuotedText(text), 'Les pago el viernes 13, disculpen la demora.');
  });

  it('cuts an attribution wrapped over two lines, and the signature', () => {
    assert.equal(stripQuotedText('I paid yesterday.\n-- \nAna\n'), 'I paid yesterday.');
    assert.equal(stripQuotedText('Paid.\n\nOn Tue, Mar 10, 2026 at 11:00 AM Billing <billing@x.example>\nwrote:\n> Your invoice'), 'Paid.');
  });

  it('cuts an Outlook header block in Portuguese and a separator line', () => {
    assert.equal(stripQuotedText('Vou pagar amanhã.\n\nDe: Cobrança <c@x.example>\nEnviado: terça-feira\nAssunto: Fatura'), 'Vou pagar amanhã.');
    assert.equal(stripQuotedText('ok\r\n-----Original Message-----\r\nFrom: x'), 'ok');
  });

  it('keeps quoted lines the sender answers between, and the whole text when nothing is new', () => {
    assert.equal(stripQuotedText('> ¿Cuándo paga?\nEl lunes.\n> ¿Cuánto?\nTodo.'), '> ¿Cuándo paga?\nEl lunes.\n> ¿Cuánto?\nTodo.');
    assert.equal(stripQuotedText('> only quoted'), '> only quoted');
  });
});
