// `cobro replies file-settings`: the org's limits on the files debtors send with replies (shown, or changed with the
// options given): the largest file kept, and the seconds one fetch from WhatsApp or Twilio may take.
import { InvalidArgumentError, type Command } from 'commander';
import type { Config } from '../config.ts';
import { getReplyFileSettings, REPLY_FILE_SETTING_BOUNDS, replyFileSettingsJson, setReplyFileSettings, type ReplyFileSettings,
  type ReplyFileSettingsPatch } from '../orgs/index.ts';
import { withOrg } from './session.ts';
import { registerReplyFileReads } from './reply-file-reads.ts';

/** A whole number within the setting's bounds (setReplyFileSettings checks them again). */
const within = (k: keyof typeof REPLY_FILE_SETTING_BOUNDS) => (v: string): number => {
  const n = Number(v);
  const [lo, hi] = REPLY_FILE_SETTING_BOUNDS[k];
  if (!Number.isInteger(n) || n < lo || n > hi) throw new InvalidArgumentError(`a whole number from ${lo} to ${hi}`);
  return n;
};

interface Opts { maxFileMb?: number; fetchTimeoutSeconds?: number; json?: boolean; org?: string }

const shown = (s: ReplyFileSettings): string =>
  `files sent with replies: kept up to ${s.maxFileMb} MB each (larger ones refused) · one fetch from WhatsApp or Twilio may take ${s.fetchTimeoutSeconds} seconds\n`;

export function registerReplyFiles(program: Command, config: Config): void {
  const replies = program.command('replies').description('what debtors send back');
  replies.command('file-settings').description('show the limits on files sent with replies, or change those given')
    .option('--max-file-mb <n>', 'the largest file kept, in MB (1..25, default 10)', within('max_file_mb'))
    .option('--fetch-timeout-seconds <n>', 'seconds one fetch from WhatsApp or Twilio may take (5..60, default 15)', within('fetch_timeout_seconds'))
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: Opts) => withOrg(config, o.org, async (db, org) => {
      const patch: ReplyFileSettingsPatch = { ...(o.maxFileMb !== undefined ? { max_file_mb: o.maxFileMb } : {}),
        ...(o.fetchTimeoutSeconds !== undefined ? { fetch_timeout_seconds: o.fetchTimeoutSeconds } : {}) };
      let s = await getReplyFileSettings(db, org.id);
      if (Object.keys(patch).length) {
        const r = await db.transaction((tx) => setReplyFileSettings(tx, org.id, 'cli', patch, new Date()));
        if (!r.ok) throw new Error(r.error.message);
        s = r.value;
      }
      process.stdout.write(o.json ? `${JSON.stringify(replyFileSettingsJson(s), null, 2)}\n` : shown(s));
    }));
  registerReplyFileReads(replies, config);
}
