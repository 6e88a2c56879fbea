// Adyen Settlement details reports for tests, written as Adyen lays them out (its standard columns in their order, then
// extra columns), from rows given by what matters: aSettlementRow({ type: 'Settled', gross: '120.00', net: '117.42' }).
export const ADYEN_HEADER = ['Company Account', 'Merchant Account', 'Psp Reference', 'Merchant Reference', 'Payment Method', 'Creation Date', 'TimeZone',
  'Type', 'Modification Reference', 'Gross Currency', 'Gross Debit (GC)', 'Gross Credit (GC)', 'Exchange Rate', 'Net Currency', 'Net Debit (NC)',
  'Net Credit (NC)', 'Commission (NC)', 'Markup (NC)', 'Scheme Fees (NC)', 'Interchange (NC)', 'Payment Method Variant', 'Modification Merchant Reference',
  'Batch Number', 'Reserved4', 'Reserved5', 'Reserved6', 'Reserved7', 'Reserved8', 'Reserved9', 'Reserved10'];

export interface SettlementRow {
  merchant?: string; psp?: string; ref?: string; method?: string; created?: string; zone?: string; type: string; modification?: string;
  grossCurrency?: string; grossDebit?: string; grossCredit?: string; rate?: string; currency?: string; netDebit?: string; netCredit?: string;
  commission?: string; markup?: string; scheme?: string; interchange?: string; variant?: string; batch?: string | number;
}

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function aSettlementRow(r: SettlementRow): string {
  const payment = !['Fee', 'MerchantPayout', 'InvoiceDeduction', 'DepositCorrection', 'MiscCosts'].includes(r.type);
  const cells = ['AcmeCompany', r.merchant ?? 'AcmeShopEUR', r.psp ?? '', r.ref ?? '', r.method ?? (payment ? 'visa' : ''), r.created ?? '2026-03-09 10:15:00',
    r.zone ?? 'CET', r.type, r.modification ?? '', r.grossCurrency ?? (payment ? r.currency ?? 'EUR' : ''), r.grossDebit ?? '', r.grossCredit ?? '',
    r.rate ?? (payment ? '1' : ''), r.currency ?? 'EUR', r.netDebit ?? '', r.netCredit ?? '', r.commission ?? '', r.markup ?? '', r.scheme ?? '',
    r.interchange ?? '', r.variant ?? (payment ? 'visadebit' : ''), '', String(r.batch ?? 142), '', '', '', '', '', '', ''];
  return cells.map(quote).join(',');
}

export const settlementCsv = (rows: SettlementRow[], header = ADYEN_HEADER) => `${[header.join(','), ...rows.map(aSettlementRow)].join('\r\n')}\r\n`;
