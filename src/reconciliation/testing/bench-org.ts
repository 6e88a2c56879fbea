// For tests: an org filled with the reconciliation bench's generated ledger (customers, open invoices, learned payer
// accounts) and the statement lines the bench would match against it, with the lookup tables built.
import type { Db } from '../../db/index.ts';
import type { BenchData } from '../../../bench/reconcileData.ts';
import { syncMatchTables } from '../match-tables.ts';
import { normaliseAccount } from '../match/text.ts';
import type { MatchLine } from '../match/types.ts';

const csv = (cells: (string | number)[]) => cells.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(',');

export async function seedBenchOrg(db: Db, org: string, data: BenchData): Promise<MatchLine[]> {
  await db.copyCsv('customers', ['id', 'org_id', 'external_id', 'name'],
    `${Array.from({ length: data.customers }, (_, i) => csv([`cus_b${i}`, org, `B${i}`, data.customerName(i)])).join('\n')}\n`);
  await db.copyCsv('invoices', ['id', 'org_id', 'customer_id', 'number', 'currency', 'amount', 'balance', 'issue_date', 'due_date'],
    `${Array.from({ length: data.invoices }, (_, k) => data.invoice(k)).map((v) => csv([v.id, org, `cus_b${v.customer}`, v.number, 'EUR',
      v.amount, v.amount, '2025-01-01', v.due])).join('\n')}\n`);
  await db.copyCsv('payer_aliases', ['org_id', 'kind', 'value', 'customer_id'], `${Array.from({ length: data.customers }, (_, i) => i)
    .filter((i) => data.learned(i)).map((i) => csv([org, 'account', normaliseAccount(data.account(i))!, `cus_b${i}`])).join('\n')}\n`);
  await syncMatchTables(db, org);
  return [...data.statement()].map((l) => ({ amount: l.amount, currency: 'EUR', date: l.date, counterpartyName: l.name,
    counterpartyAccount: l.account, remittanceText: l.text, structuredReference: l.structured, endToEndId: null }));
}
