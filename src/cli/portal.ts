// `cobro portal link|links|revoke|statement|settings`: a customer's signed portal link to send by hand, their links,
// withdrawing one, the statement the debtor downloads (PDF or HTML) written to a file, and the org's portal settings.
import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import type { Config } from '../config.ts';
import { createPortalLink, getPortalSettings, listPortalLinks, portalAccount, portalUrl, revokePortalLink, SECOND_FACTORS, setPortalSettings, statementHtml, statementPdf,
  type PortalSettings, type SecondFactor } from '../portal/index.ts';
import { getOrgLogo } from '../orgs/index.ts';
import { customerIdOf, withOrg } from './session.ts';
import { table } from './output.ts';

function whole(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of at least 1');
  return n;
}

const print = (json: boolean | undefined, value: unknown, text: string) => process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);

interface SettingsOptions {
  secondFactor?: string; linkDays?: number; sessionMinutes?: number; sessionMaxHours?: number; maxFailures?: number; lockMinutes?: number; planCancel?: string; confirmations?: string; json?: boolean;
  org?: string;
}

function settingsPatch(o: SettingsOptions): Partial<PortalSettings> {
  if (o.secondFactor !== undefined && !SECOND_FACTORS.includes(o.secondFactor as SecondFactor)) throw new Error(`--second-factor: one of ${SECOND_FACTORS.join(', ')}`);
  if (o.planCancel !== undefined && !['yes', 'no'].includes(o.planCancel)) throw new Error('--plan-cancel: yes or no');
  if (o.confirmations !== undefined && !['yes', 'no'].includes(o.confirmations)) throw new Error('--confirmations: yes or no');
  return { ...(o.secondFactor ? { second_factor: o.secondFactor as SecondFactor } : {}), ...(o.linkDays ? { link_days: o.linkDays } : {}),
    ...(o.sessionMinutes ? { session_minutes: o.sessionMinutes } : {}), ...(o.sessionMaxHours ? { session_max_hours: o.sessionMaxHours } : {}),
    ...(o.maxFailures ? { factor_max_failures: o.maxFailures } : {}),
    ...(o.lockMinutes ? { factor_lock_minutes: o.lockMinutes } : {}), ...(o.planCancel ? { debtor_cancels_plan: o.planCancel === 'yes' } : {}),
    ...(o.confirmations ? { confirmations: o.confirmations === 'yes' } : {}) };
}

export function registerPortal(program: Command, config: Config): void {
  const base = config.publicUrl ?? `http://localhost:${config.port}`;
  const portal = program.command('portal').description('the debtor portal: signed links per customer, and its settings');

  portal.command('link').description('make a signed portal link for a customer and print its URL (messages carry one on their own)')
    .argument('<customer>', 'customer id or external id').option('--days <n>', 'valid for this many days (default: the org\'s link lifetime)', whole)
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((customer: string, o: { days?: number; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const r = await createPortalLink(db, org.id, 'cli', await customerIdOf(db, org.id, customer), 'cli', new Date(), o.days);
      if (!r.ok) throw new Error(r.error.message);
      const url = portalUrl(base, r.value.token);
      print(o.json, { ...r.value.link, url }, `${url}\nvalid until ${r.value.link.expires_at} (${r.value.link.id}); withdraw it with: cobro portal revoke ${r.value.link.id}`);
    }));

  portal.command('links').description('a customer\'s portal links, newest first (their tokens are never shown again)')
    .argument('<customer>', 'customer id or external id').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((customer: string, o: { json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const links = await listPortalLinks(db, org.id, await customerIdOf(db, org.id, customer));
      print(o.json, links, table(links.map((l) => ({ id: l.id, source: l.source, created: l.created_at, expires: l.expires_at,
        revoked: l.revoked_at ?? '', opened: l.last_opened_at ?? '' })), ['id', 'source', 'created', 'expires', 'revoked', 'opened']));
    }));

  portal.command('revoke').description('withdraw a portal link at once (and the sessions it opened)').argument('<link>', 'the link id (ptl_...)')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((id: string, o: { json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const r = await revokePortalLink(db, org.id, 'cli', id, new Date());
      if (!r.ok) throw new Error(r.error.message);
      print(o.json, r.value, `${r.value.id} withdrawn at ${r.value.revoked_at}`);
    }));

  portal.command('statement').description('write the statement of a customer\'s open invoices as the debtor downloads it: a PDF, or with --html the printable page')
    .argument('<customer>', 'customer id or external id').requiredOption('--out <file>', 'the file to write').option('--html', 'the HTML page rather than the PDF')
    .option('--org <id>', 'org to work in')
    .action((customer: string, o: { out: string; html?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const now = new Date();
      const account = await portalAccount(db, { orgId: org.id, customerId: await customerIdOf(db, org.id, customer), linkId: '' }, now);
      if (!account.ok) throw new Error(account.error.message);
      const logo = await getOrgLogo(db, org.id);
      const body = o.html ? statementHtml(account.value, undefined, logo) : await statementPdf(account.value, now, undefined, logo);
      writeFileSync(o.out, body);
      process.stdout.write(`${o.out}: statement of ${account.value.invoices.length} open invoices as of ${account.value.today} (${Buffer.byteLength(body)} bytes)\n`);
    }));

  portal.command('settings').description('show the portal settings, or change those given')
    .option('--second-factor <kind>', `asked before anything is shown: ${SECOND_FACTORS.join(', ')}`)
    .option('--link-days <n>', 'how long a new link is valid', whole).option('--session-minutes <n>', 'how long a right answer lasts without a request', whole)
    .option('--session-max-hours <n>', 'how long it lasts at most, however active', whole)
    .option('--max-failures <n>', 'wrong answers that lock the portal for a customer', whole).option('--lock-minutes <n>', 'the window wrong answers count in', whole)
    .option('--plan-cancel <yes|no>', 'whether the debtor may cancel their instalment plan in the portal')
    .option('--confirmations <yes|no>', 'whether a promise, more time or a plan made, changed or cancelled in the portal is confirmed to the debtor')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: SettingsOptions) => withOrg(config, o.org, async (db, org) => {
      const patch = settingsPatch(o);
      const s = Object.keys(patch).length ? await setPortalSettings(db, org.id, 'cli', patch, new Date()) : await getPortalSettings(db, org.id);
      print(o.json, s, Object.entries(s).map(([k, v]) => `${k}: ${v}`).join('\n'));
    }));
}
