// `cobro disputes evidence show|set|submit|accept-claim <id>`: the evidence answering a Stripe, Adyen, PayPal or Mercado Pago dispute
// (its gateway id, dp_..., the dispute's pspReference, PP-D-..., or chargeback:<payment id>[:<chargeback id>] / the chargeback's id at Mercado Pago), as the API's /v1/disputes/{id}/evidence: the draft with what cobro fills in and the
// deadline, the staff's text, document slots, Adyen's defence reason and files saved, and the submission, once; or, at
// PayPal, the claim accepted instead (POST /v1/disputes/{id}/accept-claim), once.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { inTransaction } from '../db/index.ts';
import type { Result } from '../domain/result.ts';
import { DOCUMENTS, evidenceAfter, getEvidence, saveEvidence, type DocumentSlots, type EvidenceView } from '../payments/dispute-evidence.ts';
import { submitEvidence } from '../payments/dispute-evidence-submit.ts';
import { acceptClaim } from '../payments/dispute-accept-claim.ts';
import { money } from './output.ts';
import { withOrg } from './session.ts';

const TYPES: Record<string, string> = { '.pdf': 'application/pdf', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg' };
const say = (s: string) => process.stdout.write(`${s}\n`);
const unwrap = <T>(r: Result<T>): T => { if (!r.ok) throw new Error(`${r.error.field ? `${r.error.field}: ` : ''}${r.error.message}`); return r.value; };
const collect = (v: string, all: string[]) => [...all, v];

/** "name=value" split at the first '='; the flag named in the error. */
function pair(v: string, flag: string): [string, string] {
  const at = v.indexOf('=');
  if (at <= 0) throw new Error(`${flag}: use name=value (got ${v})`);
  return [v.slice(0, at), v.slice(at + 1)];
}

export function describeEvidence(v: EvidenceView): string {
  const d = v.dispute;
  const lines = [
    `dispute ${d.dispute_id} at ${d.provider} on payment ${d.payment_ref}: ${money(d.amount, d.currency)} ${d.currency}, ${d.kind} ${d.status}${d.reason ? `, reason ${d.reason}` : ''}`
      + (d.case_id ? `; ${d.provider === 'mercadopago' ? 'chargeback' : 'case'} ${d.case_id}` : ''),
    `evidence ${v.status} (revision ${v.revision})${v.submitted_at ? `, ${v.answer === 'accept_claim' ? 'claim accepted' : 'submitted'} ${v.submitted_at} by ${v.submitted_by}` : ''}; due by ${v.due_by ?? 'no deadline stated'}`
      + (v.reminder ? `; reminder task ${v.reminder.task_id} due ${v.reminder.due_date} (${v.reminder.status})` : ''),
    `customer ${v.auto.customer.name}${v.auto.customer.email ? ` <${v.auto.customer.email}>` : ''}; invoices ${v.auto.invoices.map((i) => i.number).join(', ') || 'none'}; `
      + `${v.auto.communications.length} message(s) in the history; ${v.auto.arrangements.length} arrangement(s)`,
    `documents: ${DOCUMENTS.map((n) => `${n} -> ${v.documents[n] ?? '(left out)'}`).join(', ')}`,
    ...Object.entries(v.text).map(([k, t]) => `text ${k}: ${t.length > 80 ? `${t.slice(0, 77)}...` : t}`),
    ...v.files.map((f) => `file ${f.id} ${f.slot}: ${f.filename} (${f.content_type}, ${f.size} bytes)`),
  ];
  if (v.defense_reasons) {
    lines.push(`defence reason: ${v.defense_reason ?? '(none chosen)'}; Adyen offers:`);
    for (const r of v.defense_reasons) lines.push(`  ${r.code}: ${r.documentTypes.map((t) => `${t.code} (${t.requirement}${t.available ? ', supplied' : ''})`).join(', ') || 'no documents'}`);
  }
  if (v.gateway_note) lines.push(`gateway: ${v.gateway_note}`);
  if (v.last_error) lines.push(`last attempt: ${v.last_error}`);
  return lines.join('\n');
}

export function registerDisputeEvidence(program: Command, config: Config): void {
  const disputes = program.commands.find((c) => c.name() === 'disputes') ?? program.command('disputes');
  const e = disputes.command('evidence').description('evidence answering a Stripe, Adyen, PayPal or Mercado Pago dispute (its gateway id): show, set the draft, submit once');
  const access = (db: Parameters<Parameters<typeof withOrg>[2]>[0]) => ({ db, ...(config.secretKey ? { secretKey: config.secretKey } : {}), ...(config.egress ? { egress: config.egress } : {}) });
  const out = (v: EvidenceView, json?: boolean) => (json ? process.stdout.write(`${JSON.stringify(v, null, 2)}\n`) : say(describeEvidence(v)));

  e.command('show').description('the draft, what cobro fills in, the deadline (and at Adyen the defence reasons offered)').argument('<id>', 'the gateway\'s dispute id')
    .option('--provider <p>', 'stripe, adyen, paypal or mercadopago, when the id is known at more than one').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((id: string, o: { provider?: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      out(unwrap(await getEvidence(access(db), org.id, 'cli', id, o.provider, new Date())), o.json);
    }));

  e.command('set').description('save the draft: text fields, document slots, Adyen\'s defence reason, files added or removed').argument('<id>', 'the gateway\'s dispute id')
    .option('--text <field=text>', 'an evidence text field (repeat); an empty text clears it', collect, [])
    .option('--document <name=slot>', `where one of cobro's documents (${DOCUMENTS.join(', ')}) goes; "none" leaves it out (repeat)`, collect, [])
    .option('--file <slot=path>', 'attach a PDF, PNG or JPEG in a slot (repeat)', collect, [])
    .option('--remove-file <id>', 'remove an attached file (repeat)', collect, [])
    .option('--reason <code>', 'Adyen: the defence reason, one of those Adyen offers').option('--revision <n>', 'refuse when the draft changed since this revision')
    .option('--provider <p>', 'stripe, adyen, paypal or mercadopago').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((id: string, o: { text: string[]; document: string[]; file: string[]; removeFile: string[]; reason?: string; revision?: string; provider?: string; json?: boolean; org?: string }) =>
      withOrg(config, o.org, async (db, org) => {
        const documents: DocumentSlots = {};
        for (const v of o.document) {
          const [name, slot] = pair(v, '--document');
          if (!(DOCUMENTS as readonly string[]).includes(name)) throw new Error(`--document: ${name} is not one of ${DOCUMENTS.join(', ')}`);
          documents[name as (typeof DOCUMENTS)[number]] = slot === 'none' ? null : slot;
        }
        const files = o.file.map((v) => {
          const [slot, path] = pair(v, '--file');
          return { slot, filename: basename(path), contentType: TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream', data: readFileSync(path) };
        });
        if (o.revision !== undefined && !/^\d+$/.test(o.revision)) throw new Error('--revision: a whole number');
        const now = new Date();
        const saved = unwrap(await inTransaction(db, (tx) => saveEvidence(tx, org.id, 'cli', id, o.provider, {
          text: Object.fromEntries(o.text.map((v) => pair(v, '--text'))), documents, add_files: files, remove_files: o.removeFile,
          ...(o.reason ? { defense_reason: o.reason } : {}), ...(o.revision !== undefined ? { revision: Number(o.revision) } : {}) }, now)));
        out(await evidenceAfter(db, org.id, saved.dispute, 'cli', now), o.json);
      }));

  e.command('submit').description('submit the evidence to the gateway, once (--stage: Stripe keeps it staged, the draft stays open)').argument('<id>', 'the gateway\'s dispute id')
    .option('--stage', 'Stripe only: send it with submit=false').option('--provider <p>', 'stripe, adyen, paypal or mercadopago').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((id: string, o: { stage?: boolean; provider?: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const now = new Date();
      const d = unwrap(await submitEvidence(access(db), org.id, 'cli', id, o.provider, { ...(o.stage ? { stage: true } : {}) }, now));
      out(await evidenceAfter(db, org.id, d, 'cli', now), o.json);
    }));

  e.command('accept-claim').description('PayPal: accept the claim instead of answering with evidence, once (the dispute closes for the buyer; PayPal refunds them)')
    .argument('<id>', 'the PayPal dispute id (PP-D-...)').requiredOption('--note <text>', 'the note PayPal keeps with the acceptance (1 to 2,000 characters)')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((id: string, o: { note: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const now = new Date();
      const d = unwrap(await acceptClaim(access(db), org.id, 'cli', id, o.note, now));
      out(await evidenceAfter(db, org.id, d, 'cli', now), o.json);
    }));
}
