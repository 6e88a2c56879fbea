// Cash forecast: expected collections per week and currency from scores, promises and plans, with a range; stored on request to compare with what came in.
export { FORECAST_WEEKS, weeklyForecast, invoiceInflow, heuristicInflow, promisedInflow, type Inflow, type CurrencyForecast, type ForecastWeek } from './project.ts';
export { compareForecast, makeForecast, netOfPromises, saveForecast, storeForecast, DEFAULT_KEPT_RATE, type Comparison, type Forecast } from './forecast.ts';
