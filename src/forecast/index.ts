// Cash forecast: expected collections per week and currency from scores, promises and plans, with a range; stored on request
// or on the org's schedule by the worker, to compare with what came in.
export { FORECAST_WEEKS, weeklyForecast, invoiceInflow, heuristicInflow, promisedInflow, sharedDrawVariance, type Inflow, type CurrencyForecast, type ForecastWeek } from './project.ts';
export { compareForecast, firstStored, forecastFor, makeForecast, netOfPromises, saveForecast, storeForecast, DEFAULT_KEPT_RATE, type Comparison, type Forecast } from './forecast.ts';
export { forecastRound, learnHeuristicNow, getForecastSettings, setForecastSchedule, scheduledPeriod, scheduledPeriods, SCHEDULES, DEFAULT_SCHEDULE, type ForecastSchedule, type ForecastSettings, type ForecastRound } from './schedule.ts';
export { learnHeuristic, saveHeuristic, storedHeuristic, heuristicSource, heuristicText, heuristicUsed, FIXED_TABLE, FIXED_CHANCES, MIN_HISTORY, type HeuristicTable, type BucketChance } from './heuristic.ts';
export { netOfCredit, type CustomerCredit, type CreditNetted } from './credit.ts';
