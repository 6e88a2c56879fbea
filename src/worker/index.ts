// Job running: the dispatcher of messages (and, with the engine, the tick).
export { dispatchOnce, recoverStale, type DispatchDeps, type DispatchReport } from './dispatch.ts';
export { sandboxAdapters, type AdapterSet, type MessageChannel } from './adapters.ts';
export { enqueueDue, backoffMs } from './queue.ts';
export { readUnsubscribeToken, unsubscribeToken } from './links.ts';
export { secret } from '../db/secrets.ts';
export { httpsBase } from './context.ts';
export { listMessages, getMessage, type MessageView, type MessageFilter } from './outbox.ts';
export { startWorker, workOnce, type WorkerOptions } from './loop.ts';
