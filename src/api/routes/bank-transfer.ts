// /v1/bank-transfer: how the org is paid by bank transfer (accounts per currency, the reference the debtor quotes),
// read by every role and replaced by admins only (a changed account is where money goes), audited.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PIX_KEY_TYPES, REFERENCE_KINDS, TRANSFER_KINDS, getTransferSettings, setTransferSettings, transferSettingsBody } from '../../payments/transfer/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { inTransaction } from '../tx.ts';

const optional = z.string().optional();
const accountView = z.object({
  id: z.string(), kind: z.enum(TRANSFER_KINDS), currency: z.string(), beneficiary_name: z.string(), bank_name: optional, label: optional,
  iban: optional, bic: optional, routing_number: optional, account_number: optional, account_type: z.enum(['checking', 'savings']).optional(),
  clabe: optional, cbu: optional, alias: optional, pix_key_type: z.enum(PIX_KEY_TYPES).optional(), pix_key: optional, swift: optional, routing_code: optional,
}).meta({ id: 'BankTransferAccount', description: 'one account; the fields present are those of its kind' });
const settingsView = z.object({ accounts: z.array(accountView), reference: z.enum(REFERENCE_KINDS),
  updated_at: z.string().nullable(), updated_by: z.string().nullable() }).meta({ id: 'BankTransferSettings' });

export const bankTransferRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['bank transfer'];
  app.get('/v1/bank-transfer', { schema: { tags, summary: 'How the org is paid by bank transfer: its accounts per currency and the reference debtors quote',
    response: { 200: settingsView, ...errorResponses } } }, async (req) => getTransferSettings(deps.db, orgOf(req)));

  app.put('/v1/bank-transfer', {
    schema: { tags, summary: 'Replace the org\'s bank transfer accounts and reference choice (admins; audited without the numbers)',
      description: 'Each account is one of `sepa` (iban, bic), `us_ach` (routing_number, account_number), `mx_clabe` (clabe), `br_pix` '
        + '(pix_key_type, pix_key), `ar_cbu` (cbu, alias) or `other` (account_number, bank_name, swift, routing_code), with its currency and '
        + 'beneficiary_name. Check digits are verified (IBAN mod 97, ABA, CLABE, CBU, CPF/CNPJ); an error names the field (`accounts.0.iban`). '
        + 'Accounts given back with their `id` keep it. With field encryption on, the numbers are stored sealed.',
      body: transferSettingsBody, response: { 200: settingsView, ...errorResponses } },
    config: { roles: ['admin'] },
  }, async (req, reply) => {
    const r = await inTransaction(deps.db, (tx) => setTransferSettings(tx, orgOf(req), actorOf(req), req.body, deps.now()));
    return r.ok ? getTransferSettings(deps.db, orgOf(req)) : sendResult(reply, r);
  });
};
