// `cobro calls settings`: the org's call settings (shown, or changed with the options given): wrong one-time codes that
// void a call's code, the code's minutes, seconds the person's phone rings on a put-through and seconds they have to press
// 1, Twilio's answering machine detection on that leg, and the speech confidence under which words said are not acted on.
import { InvalidArgumentError, type Command } from 'commander';
import type { Config } from '../config.ts';
import { CALL_SETTING_BOUNDS, callSettingsJson, getCallSettings, setCallSettings, type CallSettings, type CallSettingsPatch } from '../orgs/index.ts';
import { withOrg } from './session.ts';

/** A whole number within the setting's bounds (the API's schema checks them again). */
const within = (k: keyof typeof CALL_SETTING_BOUNDS) => (v: string): number => {
  const n = Number(v);
  const [lo, hi] = CALL_SETTING_BOUNDS[k];
  if (!Number.isInteger(n) || n < lo || n > hi) throw new InvalidArgumentError(`a whole number from ${lo} to ${hi}`);
  return n;
};

const fraction = (v: string): number => {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('a number from 0 to 1');
  return n;
};

const onOff = (v: string): boolean => {
  if (v === 'on' || v === 'off') return v === 'on';
  throw new InvalidArgumentError('on or off');
};

interface Opts { codeAttempts?: number; codeMinutes?: number; ringSeconds?: number; screenSeconds?: number; speechThreshold?: number; machineDetection?: boolean;
  json?: boolean; org?: string }

function patchOf(o: Opts): CallSettingsPatch {
  const given: CallSettingsPatch = { code_attempts: o.codeAttempts, code_minutes: o.codeMinutes, ring_seconds: o.ringSeconds, screen_seconds: o.screenSeconds,
    speech_threshold: o.speechThreshold, machine_detection: o.machineDetection };
  return Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
}

const shown = (s: CallSettings): string => `a call's one-time code: void after ${s.codeAttempts} wrong ${s.codeAttempts === 1 ? 'code' : 'codes'}, typed within `
  + `${s.codeMinutes} minutes · a put-through rings ${s.ringSeconds} seconds, the person has ${s.screenSeconds} seconds to press 1, answering machine detection `
  + `${s.machineDetection ? 'on' : 'off'} · speech under ${s.speechThreshold} confidence is asked again\n`;

export function registerCalls(program: Command, config: Config): void {
  const calls = program.command('calls').description('the org\'s calls');
  calls.command('settings').description('show the call settings, or change those given')
    .option('--code-attempts <n>', 'wrong one-time codes that void a call\'s code (1..10, default 3)', within('code_attempts'))
    .option('--code-minutes <n>', 'minutes a one-time code may be typed after it is sent (2..60, default 10)', within('code_minutes'))
    .option('--ring-seconds <n>', 'seconds the person\'s phone rings when a caller is put through (5..120, default 20)', within('ring_seconds'))
    .option('--screen-seconds <n>', 'seconds the person put through has to press 1 once asked (3..20, default 6)', within('screen_seconds'))
    .option('--speech-threshold <x>', 'speech recognised with less confidence is asked again (0..1, default 0.5)', fraction)
    .option('--machine-detection <on|off>', 'Twilio\'s answering machine detection on the put-through\'s answered leg, billed by Twilio (default off)', onOff)
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: Opts) => withOrg(config, o.org, async (db, org) => {
      const patch = patchOf(o);
      let s = await getCallSettings(db, org.id);
      if (Object.keys(patch).length) {
        const r = await db.transaction((tx) => setCallSettings(tx, org.id, 'cli', patch, new Date()));
        if (!r.ok) throw new Error(r.error.message);
        s = r.value;
      }
      process.stdout.write(o.json ? `${JSON.stringify(callSettingsJson(s), null, 2)}\n` : shown(s));
    }));
}
