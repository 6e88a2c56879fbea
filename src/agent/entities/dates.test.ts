// Dates debtors write, resolved in their own time zone relative to the instant passed in: zones, month ends, weekdays, spans.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalise } from '../normalise.ts';
import type { AgentLanguage } from '../types.ts';
import { debtorToday, readEntities } from './index.ts';

/** Wednesday 11 March 2026, mid-morning in the Americas. */
const WED = '2026-03-11T15:00:00Z';
type Row = [text: string, language: AgentLanguage, now: string, zone: string, expected: Array<string | [string, string]>];

function datesOf(text: string, language: AgentLanguage, now: string, zone: string): Array<string | [string, string]> {
  return readEntities(normalise(text), language, debtorToday(new Date(now), zone)).entities.dates.map((d) => (d.until ? [d.date, d.until] : d.date));
}

function table(title: string, rows: Row[]): void {
  describe(title, () => {
    for (const [text, language, now, zone, expected] of rows) {
      it(`reads "${text}" at ${now} in ${zone} as ${JSON.stringify(expected)}`, () => assert.deepEqual(datesOf(text, language, now, zone), expected));
    }
  });
}

table('the debtor\'s time zone decides what today is', [
  ['I\'ll pay tomorrow', 'en', '2026-03-12T04:00:00Z', 'America/Los_Angeles', ['2026-03-12']],
  ['I\'ll pay tomorrow', 'en', '2026-03-12T04:00:00Z', 'Europe/Madrid', ['2026-03-13']],
  ['amanhã eu pago', 'pt-BR', '2026-03-12T02:30:00Z', 'America/Sao_Paulo', ['2026-03-12']],
  ['amanhã eu pago', 'pt-BR', '2026-03-12T02:30:00Z', 'UTC', ['2026-03-13']],
  ['hoy pago', 'es', '2026-01-01T03:00:00Z', 'America/Mexico_City', ['2025-12-31']],
  ['today', 'en', '2026-03-11T16:00:00Z', 'Asia/Tokyo', ['2026-03-12']],
  ['mañana', 'es', '2026-03-08T06:30:00Z', 'America/New_York', ['2026-03-09']],
  ['el viernes', 'es', '2026-03-14T04:30:00Z', 'America/Bogota', ['2026-03-20']],
  ['el viernes', 'es', '2026-03-14T04:30:00Z', 'Europe/Madrid', ['2026-03-20']],
  ['el viernes', 'es', '2026-03-13T04:30:00Z', 'America/Bogota', ['2026-03-13']],
]);

table('month ends, leap years and the turn of the year', [
  ['a fin de mes', 'es', '2026-02-10T15:00:00Z', 'America/Mexico_City', ['2026-02-28']],
  ['a fin de mes', 'es', '2028-02-10T15:00:00Z', 'America/Mexico_City', ['2028-02-29']],
  ['by the end of the month', 'en', '2026-04-30T15:00:00Z', 'America/New_York', ['2026-04-30']],
  ['no fim do mês que vem', 'pt-BR', '2026-01-31T15:00:00Z', 'America/Sao_Paulo', ['2026-02-28']],
  ['el 31', 'es', '2026-04-10T15:00:00Z', 'America/Lima', ['2026-04-30']],
  ['dia 5', 'pt-BR', '2026-12-20T15:00:00Z', 'America/Sao_Paulo', ['2027-01-05']],
  ['el 15 del mes que viene', 'es', '2026-12-03T15:00:00Z', 'America/Santiago', ['2027-01-15']],
  ['in 2 weeks', 'en', '2026-12-25T15:00:00Z', 'America/Chicago', ['2027-01-08']],
  ['en un mes', 'es', '2026-01-31T15:00:00Z', 'America/Mexico_City', ['2026-02-28']],
  ['el 15/12', 'es', '2026-12-20T15:00:00Z', 'America/Mexico_City', ['2027-12-15']],
  ['12/15', 'en', '2026-03-11T15:00:00Z', 'America/New_York', ['2026-12-15']],
  ['3/4', 'en', WED, 'America/New_York', ['2027-03-04']],
  ['3/4', 'es', WED, 'America/Mexico_City', ['2026-04-03']],
  ['15/12/2026', 'pt-BR', WED, 'America/Sao_Paulo', ['2026-12-15']],
  ['December 3rd', 'en', WED, 'America/New_York', ['2026-12-03']],
  ['el 3 de diciembre', 'es', WED, 'America/Mexico_City', ['2026-12-03']],
  ['até 1º de abril', 'pt-BR', WED, 'America/Sao_Paulo', ['2026-04-01']],
  ['paguei dia 2 de março', 'pt-BR', WED, 'America/Sao_Paulo', ['2026-03-02']],
  ['I paid on March 20', 'en', WED, 'America/New_York', ['2025-03-20']],
]);

table('weekdays from a Wednesday, ahead or behind as the verb says', [
  ['te pago el viernes', 'es', WED, 'America/Mexico_City', ['2026-03-13']],
  ['el miércoles', 'es', WED, 'America/Mexico_City', ['2026-03-18']],
  ['ya pagué el miércoles', 'es', WED, 'America/Mexico_City', ['2026-03-04']],
  ['ya pagué el viernes', 'es', WED, 'America/Mexico_City', ['2026-03-06']],
  ['el viernes pasado', 'es', WED, 'America/Mexico_City', ['2026-03-06']],
  ['next Monday', 'en', WED, 'America/New_York', ['2026-03-16']],
  ['I paid last Sunday', 'en', WED, 'America/New_York', ['2026-03-08']],
  ['na sexta-feira', 'pt-BR', WED, 'America/Sao_Paulo', ['2026-03-13']],
  ['fiz o pix na segunda', 'pt-BR', WED, 'America/Sao_Paulo', ['2026-03-09']],
  ['el viernes de la semana que viene', 'es', WED, 'America/Mexico_City', ['2026-03-20']],
  ['friday next week', 'en', WED, 'America/New_York', ['2026-03-20']],
  ['on Thursday the 19th', 'en', WED, 'America/New_York', ['2026-03-19']],
  ['I get paid Friday', 'en', WED, 'America/New_York', ['2026-03-13']],
  ['see you on sat', 'en', WED, 'America/New_York', ['2026-03-14']],
]);

table('relative days and spans', [
  ['pasado mañana', 'es', WED, 'America/Mexico_City', ['2026-03-13']],
  ['depois de amanhã', 'pt-BR', WED, 'America/Sao_Paulo', ['2026-03-13']],
  ['anteontem', 'pt-BR', WED, 'America/Sao_Paulo', ['2026-03-09']],
  ['pagué hace 3 días', 'es', WED, 'America/Mexico_City', ['2026-03-08']],
  ['2 weeks ago', 'en', WED, 'America/New_York', ['2026-02-25']],
  ['em 10 dias', 'pt-BR', WED, 'America/Sao_Paulo', ['2026-03-21']],
  ['daqui a duas semanas', 'pt-BR', WED, 'America/Sao_Paulo', ['2026-03-25']],
  ['en dos semanas', 'es', WED, 'America/Mexico_City', ['2026-03-25']],
  ['la semana que viene', 'es', WED, 'America/Mexico_City', [['2026-03-16', '2026-03-22']]],
  ['semana que vem', 'pt-BR', WED, 'America/Sao_Paulo', [['2026-03-16', '2026-03-22']]],
  ['last week', 'en', WED, 'America/New_York', [['2026-03-02', '2026-03-08']]],
  ['this week', 'en', WED, 'America/New_York', [['2026-03-11', '2026-03-15']]],
  ['this weekend', 'en', WED, 'America/New_York', [['2026-03-14', '2026-03-15']]],
  ['next weekend', 'en', '2026-03-15T15:00:00Z', 'America/New_York', [['2026-03-21', '2026-03-22']]],
  ['next month', 'en', WED, 'America/New_York', [['2026-04-01', '2026-04-30']]],
  ['em dezembro', 'pt-BR', WED, 'America/Sao_Paulo', [['2026-12-01', '2026-12-31']]],
  ['I paid in January', 'en', WED, 'America/New_York', [['2026-01-01', '2026-01-31']]],
  ['a principios del mes que viene', 'es', WED, 'America/Mexico_City', [['2026-04-01', '2026-04-05']]],
  ['cuando me paguen la quincena', 'es', WED, 'America/Mexico_City', ['2026-03-15']],
  ['will pay by end of next week', 'en', WED, 'America/New_York', ['2026-03-20']],
]);

table('words that look like dates but are not', [
  ['I may pay', 'en', WED, 'America/New_York', []],
  ['te llamo por la mañana', 'es', WED, 'America/Mexico_City', []],
  ['puedo pagar el 50%', 'es', WED, 'America/Mexico_City', []],
  ['me manda a segunda via do boleto', 'pt-BR', WED, 'America/Sao_Paulo', []],
  ['já paguei a quinta parcela', 'pt-BR', WED, 'America/Sao_Paulo', []],
  ['tem como estender o prazo em 10 dias?', 'pt-BR', WED, 'America/Sao_Paulo', []],
  ['pagar 400 cada quincena', 'es', WED, 'America/Mexico_City', []],
  ['a que número les marco', 'es', WED, 'America/Mexico_City', []],
  ['em 3 parcelas', 'pt-BR', WED, 'America/Sao_Paulo', []],
]);

table('a day number with a unit after it is not a day', [
  ['pago el 15% ahora', 'es', WED, 'America/Mexico_City', []],
  ['pago el 15 por ciento', 'es', WED, 'America/Mexico_City', []],
  ['the 3 payments', 'en', WED, 'America/New_York', []],
]);
