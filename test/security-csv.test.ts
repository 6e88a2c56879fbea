// CSV formula injection: every CSV cobro writes (the web app's list exports, the score backtest's predictions) defuses formula cells.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toCsv } from '../web/src/app/csv.ts';
import { csvCell } from '../src/domain/csv.ts';
import { predictionsCsv, type PredictionRow } from '../src/scoring/index.ts';

const HOSTILE = ['=HYPERLINK("http://evil.test","x")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A2)', '\tTAB', '\rCR'];

/** Reads one RFC 4180 line back into cells (quoted cells may hold commas and doubled quotes). */
function cells(line: string): string[] {
  const out: string[] = [];
  const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
  for (let m = re.exec(line); m && m.index < line.length; m = re.exec(line)) {
    const raw = m[1]!;
    out.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
    if (!m[2]) break;
  }
  return out;
}

describe('CSV formula injection', () => {
  it('prefixes a quote to every cell starting with = + - @, a tab or a carriage return', () => {
    for (const h of HOSTILE) {
      const cell = csvCell(h);
      const text = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
      assert.equal(text, `'${h}`, JSON.stringify(h));
    }
  });

  it('leaves ordinary text and numbers alone, negative amounts included', () => {
    assert.deepEqual([csvCell('Ferretería Luna'), csvCell(-1500), csvCell(0.25), csvCell(true), csvCell(null)], ['Ferretería Luna', '-1500', '0.25', 'true', '']);
    assert.equal(csvCell('a "b", c'), '"a ""b"", c"');
  });

  it('defuses the web app export of a list', () => {
    const rows = HOSTILE.map((name, i) => ({ name, amount: -i }));
    const lines = toCsv(rows, [{ header: 'name', value: (r) => r.name }, { header: 'amount', value: (r) => r.amount }]).split('\r\n');
    assert.deepEqual(lines[0], 'name,amount');
    // a raw CR inside a quoted cell still belongs to that cell, so the rows are read back as one text
    const body = lines.slice(1).join('\r\n');
    for (const h of HOSTILE) {
      const line = body;
      assert.ok(line.includes(csvCell(h)), `${JSON.stringify(h)} not defused in ${JSON.stringify(line)}`);
      assert.ok(!new RegExp(`(^|\\r\\n|,)"?${h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(line), `${JSON.stringify(h)} written raw`);
    }
    assert.deepEqual(cells(lines[1]!), [`'${HOSTILE[0]}`, '0']);
  });

  it('defuses the score backtest predictions file', () => {
    const row: PredictionRow = { invoice_id: 'inv_1', number: '=1+2', customer: '@evil', issue_date: '2026-01-01', due_date: '2026-02-01',
      probability_late: 0.5, expected_days_late: -3, baseline_late_share: 0.2, late: false, days_late: 0, still_open: true,
      reasons: [{ feature: 'days_to_due' as PredictionRow['reasons'][number]['feature'], effect: 1, text: '-paid late twice' }] };
    const line = predictionsCsv([row]).split('\n')[1]!;
    assert.deepEqual(cells(line), ['inv_1', "'=1+2", "'@evil", '2026-01-01', '2026-02-01', '0.5', '-3', '0.2', 'false', '0', 'true', "'-paid late twice"]);
  });
});
