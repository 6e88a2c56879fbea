// Operations: process roles and shutdown, Prometheus metrics, structured logs, in-memory rate limits.
export { CONTENT_TYPE, expose, gauge, type Family, type GaugeFamily } from './exposition.ts';
export { databaseGauges, messageCounter, type GaugeOptions } from './gauges.ts';
export { metricsScraper, metricsTokenMatches, type MetricsOptions, type ProcessRole } from './metrics.ts';
export { createLogger, loggerOptions, requestId, safeText, safeUrl, REDACT_PATHS, type LogOptions } from './logger.ts';
export { RateLimiter, type LimitRule, type LimitVerdict } from './rate-limit.ts';
