// Job running: the dispatcher of messages (and, with the engine, the tick).
export { dispatchOnce, recoverStale, SEND_CONCURRENCY, type DispatchDeps, type DispatchReport } from './dispatch.ts';
export { sandboxAdapters, adaptersFor, isAdapterSource, type AdapterSet, type AdapterSource, type Adapters, type MessageChannel } from './adapters.ts';
export { enqueueDue, backoffMs } from './queue.ts';
export { readUnsubscribeToken, unsubscribeToken } from './links.ts';
export { secret } from '../db/secrets.ts';
export { httpsBase } from './context.ts';
export { listMessages, getMessage, type MessageView, type MessageFilter } from './outbox.ts';
export { startWorker, workOnce, type WorkerOptions } from './loop.ts';
export { deliverWebhooks, WEBHOOK_HEADERS, type WebhookDeliveryDeps, type WebhookReport } from './webhooks.ts';
export { vaultAdapters, webhookUrl, type VaultAdapterOptions } from './org-adapters.ts';
export { previewMessage, type PreviewRequest, type MessagePreview } from './preview.ts';
export { getCostRates, setCostRates, costReport, type CustomerCost, type CostFilter } from './cost-store.ts';
export { DEFAULT_COST_RATES, messageCost, microsToMinor, type CostRates, type MessageCost } from './costs.ts';
export { receiveMessagingWebhook, type ReceiveAnswer, type ReceiveDeps, type IncomingRequest } from './inbound/receive.ts';
export { metaHandshake, INBOUND_ROUTES, type InboundProvider, type InboundKind } from './inbound/read.ts';
export { processInbound, type InboundReport } from './inbound/process.ts';
export { pollMailbox, type MailboxReport, type MailboxDeps } from './mailbox/poll.ts';
export { mailboxState, type MailboxState } from './mailbox/state.ts';
