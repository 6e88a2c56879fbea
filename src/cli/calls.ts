// `cobro calls settings`: the org's settings for calls the debtor makes to its number (shown, or changed with the options
// given): wrong one-time codes that void a call's code, the code's minutes, seconds the person's phone rings on a put-through.
import { InvalidArgumentError, type Command } from 'commander';
import type { Config } from '../config.ts';
import { CALL_SETTING_BOUNDS, callSettingsJson, getCallSettings, setCallSettings } from '../orgs/index.ts';
import { withOrg } from './session.ts';

/** A whole number within the setting's bounds (the API's schema checks them again). */
const within = (k: keyof typeof CALL_SETTING_BOUNDS) => (v: string): number => {
  const n = Number(v);
  const [lo, hi] = CALL_SETTING_BOUNDS[k];
  if (!Number.isInteger(n) || n < lo || n > hi) throw new InvalidArgumentError(`a whole number from ${lo} to ${hi}`);
  return n;
};

interface Opts { codeAttempts?: number; codeMinutes?: number; ringSeconds?: number; json?: boolean; org?: string }

export function registerCalls(program: Command, config: Config): void {
  const calls = program.command('calls').description('calls the debtor makes to the org\'s number');
  calls.command('settings').description('show the settings of calls the debtor makes, or change those given')
    .option('--code-attempts <n>', 'wrong one-time codes that void a call\'s code (1..10, default 3)', within('code_attempts'))
    .option('--code-minutes <n>', 'minutes a one-time code may be typed after it is sent (2..60, default 10)', within('code_minutes'))
    .option('--ring-seconds <n>', 'seconds the person\'s phone rings when a caller is put through (5..120, default 20)', within('ring_seconds'))
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: Opts) => withOrg(config, o.org, async (db, org) => {
      const patch = { ...(o.codeAttempts !== undefined ? { code_attempts: o.codeAttempts } : {}), ...(o.codeMinutes !== undefined ? { code_minutes: o.codeMinutes } : {}),
        ...(o.ringSeconds !== undefined ? { ring_seconds: o.ringSeconds } : {}) };
      let s = await getCallSettings(db, org.id);
      if (Object.keys(patch).length) {
        const r = await db.transaction((tx) => setCallSettings(tx, org.id, 'cli', patch, new Date()));
        if (!r.ok) throw new Error(r.error.message);
        s = r.value;
      }
      if (o.json) { process.stdout.write(`${JSON.stringify(callSettingsJson(s), null, 2)}\n`); return; }
      process.stdout.write(`a call's one-time code: void after ${s.codeAttempts} wrong ${s.codeAttempts === 1 ? 'code' : 'codes'}, typed within ${s.codeMinutes} minutes · a put-through rings ${s.ringSeconds} seconds\n`);
    }));
}
