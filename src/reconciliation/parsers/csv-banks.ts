// Column mappings for bank and payment-provider CSV exports cobro knows, and picking one by header.
import { readCsv, sniffDelimiter } from './csv-read.ts';
import type { CsvMapping } from './csv.ts';

export const CSV_MAPPINGS: readonly CsvMapping[] = [
  {
    name: 'gls', delimiter: ';', dateFormat: 'DD.MM.YYYY', number: { decimal: ',', thousands: '.' },
    columns: {
      bookingDate: 'Buchungstag', valueDate: 'Wertstellung', amount: 'Betrag', currency: 'Währung', account: 'Kontonummer',
      counterpartyName: 'Auftraggeber/Empfänger',
      remittance: ['VWZ1', 'VWZ2', 'VWZ3', 'VWZ4', 'VWZ5', 'VWZ6', 'VWZ7', 'VWZ8', 'VWZ9', 'VWZ10', 'VWZ11', 'VWZ12', 'VWZ13', 'VWZ14'],
    },
  },
  {
    name: 'ing-es', dateFormat: 'DD/MM/YYYY', currency: 'EUR', number: { decimal: '.', thousands: ',' },
    columns: { bookingDate: 'date', amount: 'amount', remittance: ['desc'] },
  },
  {
    name: 'ubs-ch', delimiter: ';', dateFormat: 'DD.MM.YYYY', number: { decimal: '.', thousands: "'" },
    columns: {
      bookingDate: 'Date de valeur', debit: 'Débit', credit: 'Crédit', currency: 'Monn.', account: 'Produit',
      counterpartyName: 'Description 2', remittance: ['Description 1', 'Description 2', 'Description 3'],
      bankReference: 'N° de transaction',
    },
  },
  {
    name: 'outbank', delimiter: ';', dateFormat: 'M/D/YY', number: { decimal: ',', thousands: '.' },
    columns: {
      bookingDate: 'Date', valueDate: 'Value Date', amount: 'Amount', currency: 'Currency', account: 'Account',
      counterpartyName: 'Name', counterpartyAccount: 'Number', remittance: ['Reason'], endToEndId: 'SEPA Reference',
    },
  },
  {
    name: 'schwab', dateFormat: 'MM/DD/YYYY', currency: 'USD', number: { decimal: '.', thousands: ',' },
    columns: { bookingDate: 'Date', debit: 'Withdrawal', credit: 'Deposit', remittance: ['Description'], structuredReference: 'CheckNumber' },
  },
  {
    name: 'n26', dateFormat: 'YYYY-MM-DD', currency: 'EUR', number: { decimal: '.', thousands: ',' },
    columns: {
      bookingDate: 'Booking Date', valueDate: 'Value Date', amount: 'Amount (EUR)', counterpartyName: 'Partner Name',
      counterpartyAccount: 'Partner Iban', remittance: ['Payment Reference'],
    },
  },
  {
    name: 'payoneer', dateFormat: 'M/D/YYYY', number: { decimal: '.', thousands: ',' },
    columns: {
      bookingDate: 'Transaction Date', debit: 'Debit Amount', credit: 'Credit Amount', currency: 'Currency',
      remittance: ['Description'], bankReference: 'Transaction ID',
    },
  },
  {
    name: 'stripe-charges', dateFormat: 'YYYY-MM-DD', number: { decimal: '.', thousands: ',' },
    columns: {
      bookingDate: 'created', amount: 'amount', currency: 'currency', counterpartyName: 'customer_description',
      remittance: ['description'], structuredReference: 'invoice_id', bankReference: 'id',
    },
  },
  {
    name: 'pc-mastercard', dateFormat: 'MM/DD/YYYY', currency: 'CAD', invertSign: true, number: { decimal: '.', thousands: ',' },
    columns: { bookingDate: 'Date', amount: 'Amount', counterpartyName: 'Merchant Name' },
  },
  {
    name: 'capital-one', dateFormat: 'YYYY-MM-DD', currency: 'USD', number: { decimal: '.', thousands: ',' },
    columns: { bookingDate: 'Posted Date', valueDate: 'Transaction Date', debit: 'Debit', credit: 'Credit', remittance: ['Description'] },
  },
  {
    name: 'csv2ofx-default', dateFormat: 'YYYY-MM-DD', currency: 'USD', number: { decimal: '.', thousands: ',' },
    columns: {
      bookingDate: 'Date', amount: 'Amount', counterpartyName: 'Description', remittance: ['Notes'],
      structuredReference: 'Num', bankReference: 'Row',
    },
  },
  {
    name: 'paypal-es', dateFormat: 'D/M/YYYY', number: { decimal: ',', thousands: '.' },
    columns: {
      bookingDate: 'Fecha', amount: 'Bruto', currency: 'Divisa', counterpartyName: 'Nombre',
      remittance: ['Descripción'], bankReference: 'Id. de transacción',
    },
  },
  {
    name: 'paypal-en', dateFormat: 'M/D/YYYY', number: { decimal: '.', thousands: ',' },
    columns: {
      bookingDate: 'Date', amount: 'Gross', currency: 'Currency', counterpartyName: 'Name',
      remittance: ['Description'], structuredReference: 'Invoice ID', bankReference: 'Transaction ID',
    },
  },
];

/** The known mapping whose columns all appear in one header row, preferring the one matching most columns. */
export function mappingForHeader(text: string): CsvMapping | null {
  const head = text.split(/\r\n|\r|\n/).slice(0, 20).join('\n');
  const rows = readCsv(head, sniffDelimiter(head)).map((r) => new Set(r.cells.map((c) => c.trim().toLowerCase())));
  let best: CsvMapping | null = null;
  let bestScore = 0;
  for (const m of CSV_MAPPINGS) {
    const names = mappingColumns(m).map((n) => n.toLowerCase());
    const fits = rows.some((row) => names.every((n) => row.has(n)));
    if (fits && names.length > bestScore) { best = m; bestScore = names.length; }
  }
  return best;
}

function mappingColumns(m: CsvMapping): string[] {
  const c = m.columns;
  return [c.bookingDate, c.valueDate, c.amount, c.debit, c.credit, c.currency, c.counterpartyName, c.counterpartyAccount, ...(c.remittance ?? [])]
    .filter((n): n is string => n !== undefined);
}
