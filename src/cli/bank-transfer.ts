// `cobro bank-transfer show|add|remove|set|reference|qr`: how the org is paid by bank transfer, its accounts per currency
// (checked as the API checks them, an error naming the field), the reference debtors quote, and the payment QR payloads.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { REFERENCE_KINDS, TRANSFER_KINDS, accountLines, getTransferSettings, setTransferSettings, transferQrFor, type TransferSettings } from '../payments/transfer/index.ts';
import { withOrg } from './session.ts';

const ACCOUNT_OPTIONS: [flag: string, field: string, what: string][] = [
  ['--iban <iban>', 'iban', 'sepa'], ['--bic <bic>', 'bic', 'sepa'], ['--routing-number <n>', 'routing_number', 'us_ach'],
  ['--account-number <n>', 'account_number', 'us_ach, other'], ['--account-type <type>', 'account_type', 'us_ach: checking or savings'],
  ['--clabe <clabe>', 'clabe', 'mx_clabe'], ['--pix-key-type <type>', 'pix_key_type', 'br_pix: cpf, cnpj, email, phone or random'],
  ['--pix-key <key>', 'pix_key', 'br_pix'], ['--cbu <cbu>', 'cbu', 'ar_cbu (a CBU or CVU)'], ['--alias <alias>', 'alias', 'ar_cbu'],
  ['--swift <bic>', 'swift', 'other'], ['--routing-code <code>', 'routing_code', 'other'], ['--bank-name <name>', 'bank_name', 'any; required for other'],
  ['--city <city>', 'city', 'br_pix: the city the PIX QR code names'], ['--label <label>', 'label', 'any'],
];

const camel = (field: string) => field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function describe(s: TransferSettings): string {
  if (!s.accounts.length) return 'no bank transfer accounts (debtors are not shown how to pay by transfer)';
  const accounts = s.accounts.map((a) => [`${a.id}  ${a.currency}  ${a.kind}${a.label ? `  (${a.label})` : ''}`,
    ...accountLines(a, 'en').map((l) => `  ${l.label}: ${l.value}`)].join('\n'));
  return `${accounts.join('\n')}\nreference debtors quote: ${s.reference.replace('_', ' ')}`;
}

/** An error of the QR answer named by the option at fault (`--invoice: ...`, `--currency: ...`) rather than the API's field. */
function cliError(message: string, field: string | undefined, target: string): string {
  if (field === 'id') return `${target}: ${message}`;
  return message.replace(/^currency:/, '--currency:').replace(/^account_id:/, '--account:');
}

async function save(config: Config, org: string | undefined, json: boolean | undefined, next: (current: TransferSettings) => unknown): Promise<void> {
  await withOrg(config, org, async (db, o) => {
    const r = await db.transaction(async (tx) => setTransferSettings(tx, o.id, 'cli', next(await getTransferSettings(tx, o.id)), new Date()));
    if (!r.ok) throw new Error(r.error.message);
    process.stdout.write(json ? `${JSON.stringify(r.value, null, 2)}\n` : `${describe(r.value)}\n`);
  });
}

export function registerBankTransfer(program: Command, config: Config): void {
  const cmd = program.command('bank-transfer').description('how debtors pay by bank transfer: the org\'s accounts per currency and the reference they quote');

  cmd.command('show').description('the accounts and the reference choice').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const s = await getTransferSettings(db, org.id);
      process.stdout.write(o.json ? `${JSON.stringify(s, null, 2)}\n` : `${describe(s)}\n`);
    }));

  const add = cmd.command('add').description('add an account (its check digits are verified)')
    .requiredOption('--kind <kind>', TRANSFER_KINDS.join(', ')).requiredOption('--currency <code>', 'ISO 4217 currency it receives')
    .requiredOption('--beneficiary <name>', 'the account holder\'s name');
  for (const [flag, , what] of ACCOUNT_OPTIONS) add.option(flag, what);
  add.option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: Record<string, string | boolean | undefined>) => save(config, o.org as string | undefined, Boolean(o.json), (s) => {
      const account: Record<string, unknown> = { kind: o.kind, currency: String(o.currency).toUpperCase(), beneficiary_name: o.beneficiary };
      for (const [, field] of ACCOUNT_OPTIONS) if (o[camel(field)] !== undefined) account[field] = o[camel(field)];
      return { ...s, accounts: [...s.accounts, account] };
    }));

  cmd.command('remove').description('remove an account').argument('<id>', 'the account id (bta_...)').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((id: string, o: { json?: boolean; org?: string }) => save(config, o.org, o.json, (s) => {
      if (!s.accounts.some((a) => a.id === id)) throw new Error(`no bank transfer account ${id}`);
      return { ...s, accounts: s.accounts.filter((a) => a.id !== id) };
    }));

  cmd.command('reference').description('what debtors quote as the reference').argument('<kind>', REFERENCE_KINDS.join(' or '))
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((reference: string, o: { json?: boolean; org?: string }) => save(config, o.org, o.json, (s) => ({ ...s, reference })));

  cmd.command('qr').description('the payment QR payload (EPC for SEPA in euros, PIX copia e cola in reais) for what a customer owes or for an invoice')
    .option('--customer <id>', 'the customer (id or external id): their open balance in the currency').option('--invoice <id>', 'an invoice (id or number): its balance')
    .option('--currency <code>', 'with --customer, when they owe in several').option('--account <id>', 'only this account (bta_...)')
    .option('--svg', 'print the QR code as SVG instead of the payload').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { customer?: string; invoice?: string; currency?: string; account?: string; svg?: boolean; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      if (Boolean(o.customer) === Boolean(o.invoice)) throw new Error('--customer or --invoice: name one of them');
      const r = await transferQrFor(db, org.id, o.invoice ? { invoiceId: o.invoice, accountId: o.account }
        : { customerId: o.customer!, currency: o.currency?.toUpperCase(), accountId: o.account });
      if (!r.ok) throw new Error(cliError(r.error.message, r.error.field, o.invoice ? '--invoice' : '--customer'));
      if (o.json) { process.stdout.write(`${JSON.stringify(r.value, null, 2)}\n`); return; }
      process.stdout.write(`${r.value.accounts.map((a) => (o.svg ? a.svg : a.payload)).join('\n\n')}\n`);
    }));

  cmd.command('set').description('replace every account and the reference choice from a JSON file (as PUT /v1/bank-transfer takes)')
    .requiredOption('--file <file>', 'the JSON file').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { file: string; json?: boolean; org?: string }) => save(config, o.org, o.json, () => {
      try { return JSON.parse(readFileSync(o.file, 'utf8')) as unknown; } catch (e) { throw new Error(`--file: not JSON (${(e as Error).message})`); }
    }));
}
