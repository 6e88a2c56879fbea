// A debtor with an open case, written into the database the test gives: the setting of the messaging tests (re-exported
// by messaging.ts) and of the CLI tests that lay their own PGlite folder. This module opens no database of its own, so
// importing it does not make scripts/test.mjs take a file for one that reaches PostgreSQL.
import type { Db } from '../../src/db/index.ts';
import { newId } from '../../src/domain/ids.ts';
import { recordConsent } from '../../src/compliance/index.ts';
import type { CustomerFields } from '../../src/ledger/index.ts';
import { aCustomer, anInvoice } from './factories.ts';

/** A debtor in Mexico City who owes one overdue invoice, has an open case, and allowed the channels named. */
export async function aDebtor(db: Db, orgId: string, over: Partial<CustomerFields> & { external_id?: string } = {}, consents: ('sms' | 'whatsapp' | 'email' | 'voice')[] = []) {
  const c = await aCustomer(db, orgId, { country: 'MX', timezone: 'America/Mexico_City', language: 'es', ...over });
  const inv = await anInvoice(db, orgId, { customer_id: c.id, currency: 'MXN', amount: 150_000, due_date: '2026-02-01' });
  const caseId = newId('case');
  await db.query(`INSERT INTO cases (id, org_id, customer_id, status, strategy_id, strategy_version, cycle, opened_at) VALUES ($1, $2, $3, 'open', 'smb-default', 1, 1, $4)`,
    [caseId, orgId, c.id, new Date('2026-02-02T00:00:00Z')]);
  for (const ch of consents) {
    await recordConsent(db, orgId, 'test', c.id, { kind: ch === 'whatsapp' ? 'whatsapp_opt_in' : 'channel', channel: ch, source: 'test' }, new Date('2026-01-01T00:00:00Z'));
  }
  return { customer: c, invoice: inv, caseId };
}
