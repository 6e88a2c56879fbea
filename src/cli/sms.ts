// `cobro sms settings`: whether the org's SMS go folded into GSM-7 when that takes fewer segments (`--fold auto`, the
// default) or always keep their accents (`--fold never`); shown, or changed when the option is given.
import { InvalidArgumentError, type Command } from 'commander';
import type { Config } from '../config.ts';
import { SMS_FOLDS, type SmsFold } from '../messaging/index.ts';
import { getSmsSettings, setSmsSettings, smsSettingsJson } from '../org-templates/index.ts';
import { withOrg } from './session.ts';

const fold = (v: string): SmsFold => {
  if (!(SMS_FOLDS as readonly string[]).includes(v)) throw new InvalidArgumentError('auto or never');
  return v as SmsFold;
};

interface Opts { fold?: SmsFold; json?: boolean; org?: string }

export function registerSms(program: Command, config: Config): void {
  const sms = program.command('sms').description('how the org\'s SMS go out');
  sms.command('settings').description('show the SMS setting, or change it')
    .option('--fold <auto|never>', 'auto (default): fold accents GSM-7 lacks (names too) when that takes fewer segments; never: keep them', fold)
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: Opts) => withOrg(config, o.org, async (db, org) => {
      let s = await getSmsSettings(db, org.id);
      if (o.fold !== undefined) {
        const r = await db.transaction((tx) => setSmsSettings(tx, org.id, 'cli', { sms_fold: o.fold }, new Date()));
        if (!r.ok) throw new Error(r.error.message);
        s = r.value;
      }
      if (o.json) { process.stdout.write(`${JSON.stringify(smsSettingsJson(s), null, 2)}\n`); return; }
      process.stdout.write(s.smsFold === 'auto'
        ? 'sms_fold auto: an SMS goes folded into GSM-7 (accents left out, names too) when that takes fewer segments\n'
        : 'sms_fold never: every SMS keeps its accents (UCS-2 when it has one GSM-7 lacks)\n');
    }));
}
