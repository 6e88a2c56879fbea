// /v1/bank-transfer: how the org is paid by bank transfer (accounts per currency, the reference the debtor quotes),
// read by every role and replaced by admins only (a changed account is where money goes), audited; and the payment QR
// codes (EPC, PIX copia e cola) for what a customer owes or for one invoice.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PIX_KEY_TYPES, QR_FORMATS, REFERENCE_KINDS, TRANSFER_KINDS, getTransferSettings, setTransferSettings, transferQrFor, transferSettingsBody } from '../../payments/transfer/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { inTransaction } from '../tx.ts';
import { idParams } from '../schemas.ts';

const optional = z.string().optional();
const accountView = z.object({
  id: z.string(), kind: z.enum(TRANSFER_KINDS), currency: z.string(), beneficiary_name: z.string(), bank_name: optional, label: optional,
  iban: optional, bic: optional, routing_number: optional, account_number: optional, account_type: z.enum(['checking', 'savings']).optional(),
  clabe: optional, cbu: optional, alias: optional, pix_key_type: z.enum(PIX_KEY_TYPES).optional(), pix_key: optional, city: optional, swift: optional, routing_code: optional,
}).meta({ id: 'BankTransferAccount', description: 'one account; the fields present are those of its kind' });
const settingsView = z.object({ accounts: z.array(accountView), reference: z.enum(REFERENCE_KINDS),
  updated_at: z.string().nullable(), updated_by: z.string().nullable() }).meta({ id: 'BankTransferSettings' });

const qrView = z.object({
  customer_id: z.string(), invoice_id: z.string().nullable(), currency: z.string(),
  amount: z.number().int().meta({ description: 'integer minor units: the invoice\'s balance, or the customer\'s open balance in the currency (disputes left out)' }),
  accounts: z.array(z.object({ id: z.string(), kind: z.enum(TRANSFER_KINDS), label: z.string().nullable(),
    reference: z.string().meta({ description: 'the reference the code quotes (what the statement matcher reads)' }),
    format: z.enum(QR_FORMATS).meta({ description: 'epc: SEPA credit transfer (EPC069-12); pix: BR Code, also pasted as PIX copia e cola' }),
    payload: z.string().meta({ description: 'what the QR code carries' }), svg: z.string().meta({ description: 'the QR code as a self-contained SVG image' }) })),
}).meta({ id: 'BankTransferQr' });
const accountQuery = { account_id: z.string().regex(/^bta_[a-z0-9]{4,40}$/, 'a bank transfer account id (bta_...)').optional()
  .meta({ description: 'only this account\'s code' }) };
const qrDescription = 'One code per account of the currency that a QR standard covers: `sepa` in EUR (EPC069-12) and `br_pix` in BRL with its `city` '
  + '(PIX BR Code, whose payload PIX apps also take pasted). The amount is what is owed; the reference is the one the portal shows.';

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

  app.get('/v1/customers/:id/bank-transfer/qr', {
    schema: { tags, summary: 'Payment QR codes for what the customer owes in a currency', description: qrDescription, params: idParams,
      querystring: z.object({ currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code').optional()
        .meta({ description: 'needed when the customer owes in several currencies' }), ...accountQuery }),
      response: { 200: qrView, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await transferQrFor(deps.db, orgOf(req), { customerId: req.params.id, currency: req.query.currency, accountId: req.query.account_id })));

  app.get('/v1/invoices/:id/bank-transfer/qr', {
    schema: { tags, summary: 'Payment QR codes for an invoice\'s balance', description: qrDescription, params: idParams, querystring: z.object(accountQuery),
      response: { 200: qrView, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await transferQrFor(deps.db, orgOf(req), { invoiceId: req.params.id, accountId: req.query.account_id })));
};
