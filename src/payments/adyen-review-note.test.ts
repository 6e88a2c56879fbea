// The note of the review task a Settlement details report made again with other lines opens: in the org's language, the
// file (or the report when it has no name) and every changed batch named.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { changedReportForm, changedReportNote } from './adyen-review-note.ts';

const report = { id: 'asr_1', filename: 'settlement_detail_report_batch_7.csv', changed: ['Acme:7', 'Acme:8'] };

describe('the changed Adyen report\'s review note', () => {
  it('is written in the org\'s language, English for one cobro does not speak', () => {
    assert.match(changedReportNote(changedReportForm('es', report)),
      /^El informe de liquidación de Adyen \(Settlement details\) settlement_detail_report_batch_7\.csv \(asr_1\) trae el lote Acme:7, Acme:8 con otras líneas/);
    assert.match(changedReportNote(changedReportForm('pt-BR', report)),
      /^O relatório de liquidação da Adyen \(Settlement details\) settlement_detail_report_batch_7\.csv \(asr_1\) traz o lote Acme:7, Acme:8 com outras linhas/);
    assert.match(changedReportNote(changedReportForm('fr', report)), /^Adyen's settlement details report settlement_detail_report_batch_7\.csv \(asr_1\) shows batch Acme:7, Acme:8 /);
    assert.equal(changedReportForm(null, report).language, 'en');
  });

  it('names the report when the file has no name', () => {
    assert.match(changedReportNote(changedReportForm('en', { ...report, filename: null })), /report asr_1 \(asr_1\) shows/);
  });
});
