// Champion/challenger experiments between two versions of a strategy: stable hashed assignment, recorded at first planning
// (intent to treat), the engine's hook, results per arm and currency with fixed and always-valid intervals.
export { armOf, bucketOf, type Arm } from './assign.ts';
export { recordAssignments } from './assignments.ts';
export { alwaysValidDifference, differenceInterval, sample } from './stats.ts';
export { alwaysValidRadius } from './sequential.ts';
export { createExperiment, experimentVersions, getExperiment, listExperiments, stopExperiment, type ArmVersion, type Experiment, type NewExperiment } from './store.ts';
export { customerOutcomes, OPT_OUT_SOURCES, type CustomerOutcome } from './outcomes.ts';
export { experimentResults, summarise, type ArmResult, type Difference, type ExperimentResults } from './results.ts';
