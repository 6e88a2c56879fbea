// Strategies, steps, segments and charges: the public surface of the strategy capability.
export * from './vocabulary.ts';
export * from './condition.ts';
export * from './step.ts';
export * from './strategy.ts';
export * from './segment.ts';
export * from './charges.ts';
export * from './defaults.ts';
export * from './store.ts';
export * from './overlaps.ts';
