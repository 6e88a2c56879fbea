// The org's bank transfer details as a schema: accounts per currency, each with the fields its country's transfers use,
// check digits verified, so an error names the field (accounts.0.iban) and nothing half-checked is stored.
import { z } from 'zod';
import { TRANSFER_ACCOUNT_FIELDS } from '../../vault/index.ts';
import { bicProblem, cbuProblem, clabeProblem, cnpjProblem, compact, cpfProblem, ibanProblem, routingProblem, usAccountProblem } from './check-digits.ts';

export const TRANSFER_KINDS = ['sepa', 'us_ach', 'mx_clabe', 'br_pix', 'ar_cbu', 'other'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];
export const PIX_KEY_TYPES = ['cpf', 'cnpj', 'email', 'phone', 'random'] as const;
export type PixKeyType = (typeof PIX_KEY_TYPES)[number];
/** What the debtor quotes: the invoice numbers (what the statement matcher reads best) or the customer's own reference. */
export const REFERENCE_KINDS = ['invoice_numbers', 'customer_reference'] as const;

/** The currencies each kind of account can receive (a CLABE or CBU may hold dollars; SEPA is euro only). */
export const KIND_CURRENCIES: Readonly<Record<TransferKind, readonly string[] | null>> = {
  sepa: ['EUR'], us_ach: ['USD'], mx_clabe: ['MXN', 'USD'], br_pix: ['BRL'], ar_cbu: ['ARS', 'USD'], other: null,
};

const text = (max: number) => z.string().trim().min(1).max(max);
const common = {
  id: z.string().regex(/^bta_[a-z0-9]{4,40}$/).optional().meta({ description: 'kept when given back; made for a new account' }),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code'),
  beneficiary_name: text(140).meta({ description: 'the account holder\'s name, as the debtor\'s bank asks for it' }),
  bank_name: text(140).optional(),
  label: text(80).optional().meta({ description: 'shown above the details when the org has several accounts in a currency' }),
};

type Ctx = z.core.$RefinementCtx;
function check(ctx: Ctx, field: string, problem: string | null): void {
  if (problem) ctx.addIssue({ code: 'custom', message: problem, path: [field] });
}

/** Trims and drops spaces and dashes a person types into an account number; letters upper-cased. */
const accountText = (max: number) => z.string().trim().min(1).max(max).transform(compact);

const sepa = z.object({ ...common, kind: z.literal('sepa'), iban: accountText(42), bic: accountText(14).optional() })
  .superRefine((a, ctx) => { check(ctx, 'iban', ibanProblem(a.iban)); if (a.bic) check(ctx, 'bic', bicProblem(a.bic)); });
const usAch = z.object({ ...common, kind: z.literal('us_ach'), routing_number: accountText(11), account_number: accountText(20),
  account_type: z.enum(['checking', 'savings']).optional() })
  .superRefine((a, ctx) => { check(ctx, 'routing_number', routingProblem(a.routing_number)); check(ctx, 'account_number', usAccountProblem(a.account_number)); });
const mxClabe = z.object({ ...common, kind: z.literal('mx_clabe'), clabe: accountText(22) })
  .superRefine((a, ctx) => check(ctx, 'clabe', clabeProblem(a.clabe)));
const arCbu = z.object({ ...common, kind: z.literal('ar_cbu'), cbu: accountText(26).meta({ description: 'the CBU, or a CVU of a payment account (22 digits)' }),
  alias: z.string().trim().regex(/^[A-Za-z0-9.-]{6,20}$/, 'a CBU alias has 6 to 20 letters, digits, dots or dashes').optional() })
  .superRefine((a, ctx) => check(ctx, 'cbu', cbuProblem(a.cbu)));
const brPix = z.object({ ...common, kind: z.literal('br_pix'), pix_key_type: z.enum(PIX_KEY_TYPES), pix_key: z.string().trim().min(1).max(77),
  city: text(60).optional().meta({ description: 'the account holder\'s city, which the PIX QR code (BR Code) must name; without it no QR code is shown' }) })
  .superRefine((a, ctx) => check(ctx, 'pix_key', pixKeyProblem(a.pix_key_type, a.pix_key)));
const other = z.object({ ...common, kind: z.literal('other'), account_number: text(40), bank_name: text(140),
  swift: accountText(14).optional(), routing_code: text(40).optional().meta({ description: 'the bank or branch code the country uses (sort code, BSB, IFSC ...)' }) })
  .superRefine((a, ctx) => { if (a.swift) check(ctx, 'swift', bicProblem(a.swift)); });

/** Why a PIX key is not a key of its type, or null. */
export function pixKeyProblem(type: PixKeyType, key: string): string | null {
  switch (type) {
    case 'cpf': return cpfProblem(key);
    case 'cnpj': return cnpjProblem(key);
    case 'email': return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(key) ? null : 'a PIX e-mail key is an e-mail address';
    case 'phone': return /^\+55\d{10,11}$/.test(key.replace(/[\s()-]+/g, '')) ? null : 'a PIX phone key is +55, the area code and the number';
    case 'random': return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(key) ? null : 'a random PIX key is a UUID (8-4-4-4-12 hex digits)';
  }
}

export const transferAccountSchema = z.discriminatedUnion('kind', [sepa, usAch, mxClabe, brPix, arCbu, other])
  .superRefine((a, ctx) => {
    const allowed = KIND_CURRENCIES[a.kind];
    if (allowed && !allowed.includes(a.currency)) {
      ctx.addIssue({ code: 'custom', message: `a ${a.kind} account receives ${allowed.join(' or ')}`, path: ['currency'] });
    }
  });
export type TransferAccountInput = z.input<typeof transferAccountSchema>;
export type TransferAccount = z.output<typeof transferAccountSchema> & { id: string };

export const transferSettingsBody = z.object({
  accounts: z.array(transferAccountSchema).max(20),
  reference: z.enum(REFERENCE_KINDS).default('invoice_numbers')
    .meta({ description: 'what the debtor quotes: the invoice numbers (default; what statement matching reads) or the customer\'s reference (its external id)' }),
});
export type TransferSettingsInput = z.input<typeof transferSettingsBody>;
export interface TransferSettings { accounts: TransferAccount[]; reference: (typeof REFERENCE_KINDS)[number] }

/** Where an account's sensitive numbers are: sealed when the org has field encryption on (the vault names them). */
export const SENSITIVE_FIELDS = TRANSFER_ACCOUNT_FIELDS;
