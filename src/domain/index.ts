// Shared domain: money, calendar dates, ids and results.
export * from './money.ts';
export * from './dates.ts';
export * from './ids.ts';
export * from './result.ts';
export * from './easter.ts';
