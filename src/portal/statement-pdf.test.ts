// The PDF statement, pure: a well-formed file (xref offsets, trailer, page tree), its text recoverable in the debtor's
// language with the accents intact, the paper by the org's country, and long invoice lists on several pages; names outside
// WinAnsi in an embedded DejaVu Sans, read back through its ToUnicode map and laid out with its widths.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readPdf, type ReadPdf, type Run } from '../../test/support/pdf.ts';
import { readTrueType } from './truetype.ts';
import type { PortalAccount, PortalInvoice } from './account.ts';
import { JPEG, png } from '../../test/support/images.ts';
import { paperFor, pdfText, statementPdf } from './statement-pdf.ts';
import { DEJAVU } from './statement-fonts.ts';
import { statementHtml } from './statement.ts';

const NOW = new Date('2026-03-15T12:00:00Z');

function anInvoice(o: Partial<PortalInvoice> = {}): PortalInvoice {
  return { id: 'inv_1', number: 'F-0001', issue_date: '2026-01-10', due_date: '2026-02-10', currency: 'USD', amount: 123456, balance: 100000,
    status: 'partially_paid', days_overdue: 33, disputed: false, adjustments: [], ...o };
}

function anAccount(o: Partial<PortalAccount> = {}): PortalAccount {
  const invoices = o.invoices ?? [anInvoice()];
  return {
    customer: { name: 'Acme Retail' }, org: { name: 'Cobros del Norte', country: null }, language: 'en', locale: 'en-US', today: '2026-03-15',
    totals: [{ currency: 'USD', balance: invoices.reduce((a, i) => a + i.balance, 0), overdue: 0 }], invoices,
    payments: [{ date: '2026-03-01', amount: 23456, currency: 'USD' }], promise: null, plan: null, disputes: [], online_payment: false,
    limits: { promise_last_date: '2026-04-15', promise_min_share_bp: 1000, extension_max_days: 30 }, ...o,
  };
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('the PDF statement', () => {
  it('is a well-formed one-page PDF whose invoice, totals and payments can be read back', async () => {
    const pdf = readPdf(await statementPdf(anAccount(), NOW));
    assert.equal(pdf.pages, 1);
    assert.deepEqual(new Set(pdf.encodings), new Set(['WinAnsiEncoding']));
    for (const part of ['Statement of account', 'Cobros del Norte', 'Acme Retail', 'F-0001', '$1,234.56', '$1,000.00', 'Total owed: $1,000.00',
      'Recent payments', 'Mar 1, 2026: $234.56', 'It is not a tax invoice.', 'Page 1 of 1']) {
      assert.ok(pdf.text.includes(part), `reads back "${part}" in:\n${pdf.text}`);
    }
  });

  it('keeps the accents of Spanish and Portuguese, with money and dates in the debtor\'s locale', async () => {
    const es = readPdf(await statementPdf(anAccount({ language: 'es', locale: 'es-MX', invoices: [anInvoice({ currency: 'MXN', disputed: true,
      adjustments: [{ kind: 'late_fee', amount: 5000, date: '2026-02-20' }] })], totals: [{ currency: 'MXN', balance: 100000, overdue: 100000 }], payments: [] }), NOW));
    const esText = es.text.replace(/\s+/g, ' ');
    for (const part of ['Estado de cuenta', 'Días de atraso', 'Recargo por mora', '(en disputa)', 'Total adeudado: $1,000.00', 'según nuestros registros',
      'No es un comprobante fiscal.', 'Página 1 de 1']) {
      assert.ok(esText.includes(part), `reads back "${part}" in:\n${es.text}`);
    }
    const pt = readPdf(await statementPdf(anAccount({ language: 'pt-BR', locale: 'pt-BR', invoices: [], totals: [], payments: [] }), NOW));
    for (const part of ['Extrato de conta', 'Não há nada em aberto.', 'Não é um documento fiscal.']) {
      assert.ok(pt.text.replace(/\s+/g, ' ').includes(part), `reads back "${part}" in:\n${pt.text}`);
    }
    const brl = readPdf(await statementPdf(anAccount({ language: 'pt-BR', locale: 'pt-BR', invoices: [anInvoice({ currency: 'BRL' })] }), NOW));
    assert.ok(brl.text.includes('R$ 1.234,56'), brl.text);
  });

  it('shows one invoice without the account\'s totals', async () => {
    const account = anAccount();
    const pdf = readPdf(await statementPdf(account, NOW, anInvoice({ number: 'F-0099' })));
    assert.ok(pdf.text.includes('Invoice F-0099'));
    assert.ok(!pdf.text.includes('Total owed'));
  });

  it('prints on Letter where the org\'s country does, else on A4', async () => {
    assert.equal(paperFor('MX'), 'LETTER');
    assert.equal(paperFor('BR'), 'A4');
    assert.equal(paperFor(null), 'A4');
    assert.deepEqual(readPdf(await statementPdf(anAccount({ org: { name: 'X', country: 'US' } }), NOW)).mediaBoxes, ['0 0 612 792']);
    assert.deepEqual(readPdf(await statementPdf(anAccount({ org: { name: 'X', country: 'ES' } }), NOW)).mediaBoxes, ['0 0 595.28 841.89']);
  });

  it('spreads 120 invoices over pages that each repeat the heading and the columns', async () => {
    const invoices = Array.from({ length: 120 }, (_, n) => anInvoice({ id: `inv_${n}`, number: `F-${String(n + 1).padStart(4, '0')}`, balance: 1000 + n }));
    const pdf = readPdf(await statementPdf(anAccount({ invoices }), NOW));
    assert.equal(pdf.pages, 3, '43 rows of 15 points fit an A4 page under the heading');
    assert.equal(count(pdf.text, 'Statement of account'), 3);
    assert.equal(count(pdf.text, 'Days overdue'), 3);
    for (const i of invoices) assert.equal(count(pdf.text, `${i.number}\n`), 1, `${i.number} once`);
    assert.ok(pdf.text.includes(`Total owed: $${(invoices.reduce((a, i) => a + i.balance, 0) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`));
    assert.ok(pdf.text.includes('Page 3 of 3'));
  });

  it('writes what the standard fonts cannot show as the nearest letter, or a question mark', () => {
    assert.equal(pdfText('Łódź Ősz — 東京\tok'), 'Lódz Osz — ?? ok');
    assert.equal(DEJAVU.show('Łódź Ősz — 東京\tok'), 'Łódź Ősz — ?? ok', 'DejaVu Sans keeps the letters it has');
  });

  it('writes names outside WinAnsi in an embedded DejaVu Sans subset, read back through its ToUnicode map', async () => {
    for (const name of ['Łukasz Żółć', 'Дмитрий Иванов', 'Σοφία']) {
      const org = { name: 'ООО «Север»', country: 'ES', address: 'ul. Świętokrzyska 12, Łódź' };
      const bytes = await statementPdf(anAccount({ customer: { name }, org }), NOW);
      const pdf = readPdf(bytes);
      for (const part of [name, org.name, org.address, 'Statement of account', 'F-0001', '$1,000.00', 'Total owed: $1,000.00', 'Page 1 of 1']) {
        assert.ok(pdf.text.includes(part), `reads back "${part}" in:\n${pdf.text}`);
      }
      assert.deepEqual(new Set(pdf.encodings), new Set(['Identity-H']));
      assert.deepEqual([...pdf.type0.values()].map((f) => f.baseFont.replace(/^[A-Z]{6}\+/, '')).sort(), ['DejaVuSans', 'DejaVuSans-Bold']);
      assert.ok(pdf.runs.every((r) => pdf.type0.has(r.font)), 'every string in DejaVu Sans');
      assert.match(bytes.toString('latin1'), /\/Subtype \/CIDFontType2[^]*?\/CIDToGIDMap \/Identity/);
      assert.ok(bytes.length < 60_000, `only the glyphs used are embedded: ${bytes.length} bytes against 757,076 for DejaVuSans.ttf alone`);
    }
  });

  it('keeps a statement with CJK alone, which DejaVu Sans lacks, on the standard fonts', async () => {
    const pdf = readPdf(await statementPdf(anAccount({ customer: { name: '東京商事' } }), NOW));
    assert.deepEqual(new Set(pdf.encodings), new Set(['WinAnsiEncoding']));
    assert.ok(pdf.text.includes('????'), pdf.text);
  });

  it('writes a WinAnsi-only statement byte for byte as before the fonts were embedded', async () => {
    const sha = async (o: Partial<PortalAccount>) => createHash('sha256').update(await statementPdf(anAccount(o), NOW)).digest('hex');
    // computed at 4839b5c, before DejaVu Sans: change them only with a deliberate change to the standard fonts' statement
    assert.equal(await sha({}), '1f35a7e25b2a501b5b4daae009e99d38028bb2f87895b6a2f3d606eece08ff7b');
    assert.equal(await sha({ language: 'es', locale: 'es-MX', customer: { name: 'Ferretería Ñandú' } }), 'e6a668cb9d622c57805fed82bf6a9c19a4519e5b24e14d7493225ed332fbdac1');
  });

  it('right-aligns the amounts with the embedded font\'s widths, each the font file\'s hmtx advance', async () => {
    const faces = new Map(['DejaVuSans', 'DejaVuSans-Bold'].map((f) => [f, readTrueType(readFileSync(createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${f}.ttf`)))]));
    const pdf = readPdf(await statementPdf(anAccount({ customer: { name: 'Дмитрий Иванов' } }), NOW));
    const run = (p: ReadPdf, text: string): Run => { const r = p.runs.find((x) => x.text === text); assert.ok(r, `"${text}" in:\n${p.text}`); return r; };
    const width = (r: Run) => {
      const font = pdf.type0.get(r.font);
      const face = faces.get(font?.baseFont.replace(/^[A-Z]{6}\+/, '') ?? '');
      assert.ok(font && face, r.font);
      const units = r.codes.map((c) => {
        const ch = font.unicode.get(c) ?? '';
        const w = font.widths.get(c) ?? NaN;
        assert.ok(Math.abs(w - (face.advance(face.glyphOf(ch.codePointAt(0) ?? 0)) * 1000) / face.unitsPerEm) < 0.001, `${ch}: /W ${w} is the font's`);
        return w;
      });
      return ((units.reduce((a, b) => a + b, 0) - r.adjust) * r.size) / 1000;
    };
    // A4 less 48-point margins: the table's last column ends 6 points before the right margin, the totals at it
    const right = 595.28 - 48;
    const balance = run(pdf, '$1,000.00');
    const total = run(pdf, 'Total owed: $1,000.00');
    assert.ok(Math.abs(balance.x + width(balance) - (right - 6)) < 0.01, `balance ends at ${balance.x + width(balance)}`);
    assert.ok(Math.abs(total.x + width(total) - right) < 0.01, `total ends at ${total.x + width(total)}`);
    // Helvetica's narrower digits put the same amount further right on a WinAnsi statement
    const helvetica = readPdf(await statementPdf(anAccount(), NOW));
    assert.ok(run(helvetica, '$1,000.00').x - balance.x > 3, `${run(helvetica, '$1,000.00').x} against ${balance.x}`);
  });

  it('names the creditor with its address and tax id in the heading, labelled in the debtor\'s language', async () => {
    const org = { name: 'Cobros del Norte S.A. de C.V.', country: 'MX', address: 'Av. Constitución 100, Monterrey, N.L. 64000', tax_id: 'CNO010101AB1' };
    for (const [language, address, taxId] of [['en', 'Address', 'Tax ID'], ['es', 'Dirección', 'ID fiscal'], ['pt-BR', 'Endereço', 'CNPJ/CPF']] as const) {
      const text = readPdf(await statementPdf(anAccount({ org, language }), NOW)).text;
      for (const part of [`${address}:`, org.address, `${taxId}:`, org.tax_id, org.name]) assert.ok(text.includes(part), `${language}: "${part}" in:\n${text}`);
      const html = statementHtml(anAccount({ org, language }));
      assert.ok(html.includes(`${address}: Av. Constitución 100`) && html.includes(`${taxId}: CNO010101AB1`), html);
    }
    // each only when set
    const text = readPdf(await statementPdf(anAccount({ org: { ...org, address: null } }), NOW)).text;
    assert.ok(!text.includes('Address:') && text.includes('Tax ID:'), text);
  });

  it('carries the org\'s logo on every page: one image object of the uploaded size, drawn in the heading', async () => {
    const invoices = Array.from({ length: 120 }, (_, n) => anInvoice({ id: `inv_${n}`, number: `F-${String(n + 1).padStart(4, '0')}` }));
    const bytes = await statementPdf(anAccount({ invoices }), NOW, undefined, { content_type: 'image/png', width: 300, height: 90, data: png(300, 90) });
    const pdf = readPdf(bytes);
    const raw = bytes.toString('latin1');
    const images = [...raw.matchAll(/\/Subtype \/Image[^]*?>>/g)].map((m) => m[0]);
    assert.equal(images.length, 1, 'embedded once');
    assert.match(images[0] ?? '', /\/Width 300\b/);
    assert.match(images[0] ?? '', /\/Height 90\b/);
    assert.equal(pdf.pages, 3);
    const image = /(\d+) 0 obj\s*<<\s*\/Type \/XObject\s*\/Subtype \/Image/.exec(raw)?.[1];
    assert.equal([...raw.matchAll(/\/XObject <<\s*\/(\w+) (\d+) 0 R/g)].filter((m) => m[2] === image).length, 3, 'each page\'s resources name it');
    const jpeg = (await statementPdf(anAccount(), NOW, undefined, { content_type: 'image/jpeg', width: 16, height: 16, data: JPEG })).toString('latin1');
    assert.match(jpeg, /\/Subtype \/Image[^]*?\/Filter \/DCTDecode/);
    assert.ok(!(await statementPdf(anAccount(), NOW)).toString('latin1').includes('/Subtype /Image'), 'none without a logo');
    const html = statementHtml(anAccount(), undefined, { content_type: 'image/png', width: 300, height: 90, data: png(300, 90) });
    assert.ok(html.includes(`<img class="logo" src="data:image/png;base64,${png(300, 90).toString('base64')}" width="300" height="90"`), 'inline in the HTML');
  });
});
