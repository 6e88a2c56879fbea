// Risk scores: features as of a day, models (trees, logistic regression, scorecard), backtests, runs and model versions.
export { backtest, type BacktestResult, type BacktestSummary, type PredictionRow } from './backtest.ts';
export { backtestInDb } from './backtest-db.ts';
export { loadPortfolio } from './load.ts';
export { runScoring, scoringRound, trainAndSave, scorePortfolio, type RunResult } from './run.ts';
export { activeModel, listModels, latestScores, latestRun, type ModelVersion, type StoredScore } from './store.ts';
export { MODEL_KINDS, type ModelKind } from './model.ts';
export { bandThresholds, setBandThresholds, DEFAULT_BANDS, type BandThresholds } from './bands.ts';
export { predictionsCsv, predictionsCsvHeader, predictionsCsvLines } from './csv.ts';
export type { UndatedDisputes } from './types.ts';
export { balancesByBand, type BandBalances, type BandName } from './band-balances.ts';
