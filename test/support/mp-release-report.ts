// A Mercado Pago release report as its CSV: two payouts, the balance before the period, a quoted reference,
// a refund and a payment left waiting; read by the CSV reader's tests and, as a workbook, by the XLSX reader's.
export const HEAD = 'DATE,SOURCE_ID,EXTERNAL_REFERENCE,RECORD_TYPE,DESCRIPTION,NET_CREDIT_AMOUNT,NET_DEBIT_AMOUNT,GROSS_AMOUNT,MP_FEE_AMOUNT,PAYOUT_BANK_ACCOUNT_NUMBER,CURRENCY';
export const csv = (...rows: string[]) => [HEAD, ...rows].join('\r\n');
export const REPORT = csv(
  '2026-03-01T00:00:00.000-04:00,,,initial_available_balance,initial_available_balance,10.00,0.00,,,,MXN',
  '2026-03-02T10:00:00.000-04:00,111,plk_a,release,payment,96.01,0.00,100.00,-3.99,,MXN',
  '2026-03-02T11:00:00.000-04:00,222,"plk_b, ""two""",release,payment,48.00,0.00,50.00,-2.00,,MXN',
  '2026-03-03T09:00:00.000-04:00,900001,,release,payout,0.00,154.01,154.01,,012180001234567897,MXN',
  '2026-03-03T12:00:00.000-04:00,333,plk_c,release,payment,19.00,0.00,20.00,-1.00,,MXN',
  '2026-03-04T08:00:00.000-04:00,222,,release,refund,0.00,5.00,5.00,,,MXN',
  '2026-03-04T09:00:00.000-04:00,900002,,release,payout,0.00,14.00,14.00,,012180001234567897,MXN',
  '2026-03-05T09:00:00.000-04:00,444,,release,payment,9.00,0.00,10.00,-1.00,,MXN',
  '2026-03-05T23:59:59.000-04:00,,,total,total,182.01,173.01,,,,MXN',
);
