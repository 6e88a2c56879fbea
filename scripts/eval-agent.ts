// `npm run eval:agent`: understands the evaluation set and prints intent, language, calibration and entity figures.
// Usage: npm run eval:agent [-- --errors] [-- --json] [-- --calibrate]
//   --errors     list every misread intent and entity
//   --calibrate  also refit the temperature on a held-out fifth of the corpus templates (a second training) and print
//                it with that held-out accuracy, to compare with CALIBRATED_TEMPERATURE in src/agent/model/train.ts
import { parseArgs } from 'node:util';
import { evaluate, formatReport, loadEvalSets } from '../src/agent/eval/index.ts';
import { CALIBRATED_TEMPERATURE, calibrateTemperature, defaultModels } from '../src/agent/index.ts';

const { values } = parseArgs({ options: {
  errors: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, calibrate: { type: 'boolean', default: false },
} });
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const started = cpu();
const models = defaultModels();
const trainedMs = cpu() - started;
const cases = loadEvalSets();
const evalStarted = performance.now();
const report = evaluate(cases, models);
const perMessageMs = (performance.now() - evalStarted) / cases.length;
if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else {
  process.stdout.write(`${formatReport(report, { errors: values.errors })}\n\n`);
  process.stdout.write(`models trained from the corpus in ${Math.round(trainedMs)} ms of CPU; ${perMessageMs.toFixed(2)} ms per evaluated message (see npm run bench -- --only agent)\n`);
}
if (values.calibrate) {
  const fitted = calibrateTemperature();
  process.stdout.write(`temperature fitted on held-out templates: ${fitted.toFixed(3)} (CALIBRATED_TEMPERATURE is ${CALIBRATED_TEMPERATURE})\n`);
}
