// Champion/challenger experiments between two versions of a strategy: stable hashed assignment, the engine's hook, results per arm.
export { armOf, bucketOf, type Arm } from './assign.ts';
export { differenceInterval, sample } from './stats.ts';
export { createExperiment, experimentVersions, getExperiment, listExperiments, stopExperiment, type ArmVersion, type Experiment, type NewExperiment } from './store.ts';
export { customerOutcomes, experimentResults, summarise, type ArmResult, type CustomerOutcome, type ExperimentResults } from './results.ts';
