// `cobro replies files REPLY_ID` and `cobro replies file FILE_ID --out PATH`: the files a debtor sent with a reply, as
// GET /v1/replies/{id}/attachments lists them, and one kept file's bytes exactly as kept (opened when sealed), written
// to a file or to stdout; each file written is in the audit log, as each download from the API is.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { recordAudit } from '../audit/index.ts';
import { attachmentFile, replyAttachments, type AttachmentRow } from '../worker/index.ts';
import { table } from './output.ts';
import { withOrg } from './session.ts';

const listed = (rows: AttachmentRow[]) => table(rows.map((r) => ({ id: r.id, status: r.status, type: r.content_type ?? r.declared_type ?? '',
  name: r.filename ?? '', size: r.size ?? '', sha256: r.sha256 ?? '', claim: r.claim_id ?? '', error: r.error ?? '' })),
['id', 'status', 'type', 'name', 'size', 'sha256', 'claim', 'error']);

export function registerReplyFileReads(replies: Command, config: Config): void {
  replies.command('files').description('the files a debtor sent with a reply (kept, waiting, refused or failed, with why)')
    .argument('<reply>', 'the reply\'s id (inm_..., as `cobro conversation` shows it)')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((reply: string, o: { json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const rows = await replyAttachments(db, org.id, reply);
      if (!rows) throw new Error(`REPLY_ID: no reply ${reply} in this org`);
      const data = rows.map(({ customer_id: _c, ...r }) => r);
      process.stdout.write(o.json ? `${JSON.stringify({ data }, null, 2)}\n` : rows.length ? `${listed(rows)}\n` : `reply ${reply} came with no files\n`);
    }));

  replies.command('file').description('write a file a debtor sent, byte for byte as kept (each one written is in the audit log)')
    .argument('<file>', 'the file\'s id (att_..., as `cobro replies files` and `cobro conversation` show it)')
    .requiredOption('--out <path>', 'where to write it; - for stdout')
    .option('--org <id>', 'org to work in')
    .action((id: string, o: { out: string; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const file = await attachmentFile(db, org.id, null, id);
      if (!file) throw new Error(`FILE_ID: no kept file ${id} in this org (a file waiting, refused or failed has no bytes: see cobro replies files)`);
      if (o.out === '-') await new Promise<void>((res, rej) => process.stdout.write(file.data, (e) => (e ? rej(e) : res())));
      else writeFileSync(o.out, file.data);
      await recordAudit(db, { orgId: org.id, actor: 'cli', action: 'reply.attachment_downloaded', entity: 'customer', entityId: file.row.customer_id ?? file.row.inbound_id,
        data: { reply: file.row.inbound_id, attachment: file.row.id, sha256: file.row.sha256 } }, new Date());
      if (o.out !== '-') process.stderr.write(`wrote ${file.data.length} bytes (${file.contentType}, sent as ${file.filename}) to ${o.out}\n`);
    }));
}
