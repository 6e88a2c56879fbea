// Bench of understanding: time per message on one core over the evaluation set (690 messages in three languages).
// Usage: node --import tsx bench/agent.bench.ts [--rounds N]   (goal: under 5 ms per message)
import { parseArgs } from 'node:util';
import { defaultModels, understand } from '../src/agent/index.ts';
import { loadEvalSets } from '../src/agent/eval/index.ts';

const GOAL_MS = 5;
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '20' } } });
const rounds = Number(values.rounds);

const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const trainStarted = cpu();
const models = defaultModels();
const trainMs = cpu() - trainStarted;
const cases = loadEvalSets().map((c) => ({ text: c.text, options: { now: new Date(c.now), timeZone: c.timeZone, language: c.language, currency: c.currency } }));

for (const c of cases) understand(c.text, c.options, models);
const times: number[] = [];
let intents = 0;
const started = performance.now();
for (let r = 0; r < rounds; r++) {
  for (const c of cases) {
    const t0 = performance.now();
    if (understand(c.text, c.options, models).intent !== 'other') intents++;
    times.push(performance.now() - t0);
  }
}
const total = performance.now() - started;
times.sort((a, b) => a - b);
const mean = total / times.length;
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
console.log(`agent: ${times.length} messages understood (${cases.length} x ${rounds}) in ${(total / 1000).toFixed(2)} s on one core: `
  + `${mean.toFixed(3)} ms per message (p50 ${at(0.5).toFixed(3)}, p99 ${at(0.99).toFixed(3)}, max ${at(1).toFixed(2)}); `
  + `ratio to the limit ${(mean / GOAL_MS).toFixed(3)} (goal < 1, under ${GOAL_MS} ms); models trained in ${Math.round(trainMs)} ms of CPU; `
  + `${intents} answers other than "other"`);
