// Events for integrators: the outbox written with each fact, the endpoints that subscribe to them, deliveries and replays.
export { EVENT_TYPES, isEventType, eventBody, type EventType, type NewEvent, type EventRow } from './types.ts';
export { emitEvent, emitEvents, eventWrites } from './emit.ts';
export { emitMessageEvent, messageEventSource } from './messages.ts';
export { createEndpoint, listEndpoints, getEndpoint, updateEndpoint, deleteEndpoint, openSecret, type WebhookEndpoint, type EndpointInput } from './endpoints.ts';
export { listEvents, getEvent, eventDeliveries, type EventFilter, type EventPage, type DeliveryRow, type AttemptRow } from './read.ts';
export { replayEvent, claimDeliveries, recordAttempt, type ClaimedDelivery, type AttemptOutcome } from './deliveries.ts';
export { webhookRetryMs, WEBHOOK_MAX_ATTEMPTS } from './retry.ts';
export { purgeEvents, eventRetention, EVENT_RETENTION_DAYS, type EventPurge, type EventRetention } from './retention.ts';
