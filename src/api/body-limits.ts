// Size limits on request bodies, and the one 413 answer that names the limit that was passed.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './errors.ts';

/** JSON and form bodies on any route that sets no limit of its own. */
export const JSON_BODY_LIMIT = 2 * 1024 * 1024;
/** The cap on one uploaded file (a CSV import streamed to disk); routes that hold a file in memory set lower caps of their own. */
export const UPLOAD_FILE_LIMIT = 1024 * 1024 * 1024;

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** 413 PAYLOAD_TOO_LARGE-style answer in the usual error shape: which part was too large and what the limit is. */
export function sendTooLarge(reply: FastifyReply, what: 'body' | 'file', limit: number) {
  const message = what === 'file' ? `the uploaded file is over the ${megabytes(limit)} limit` : `the request body is over the ${megabytes(limit)} limit`;
  return reply.code(413).send(errorBody({ code: 'VALIDATION_FAILED', message, field: what }));
}

/** For the error handler: Fastify's body limit and the multipart file limit, both 413, told apart by their codes. */
export function answerTooLarge(err: { code?: string }, req: FastifyRequest, reply: FastifyReply) {
  if (err.code === 'FST_REQ_FILE_TOO_LARGE') return sendTooLarge(reply, 'file', UPLOAD_FILE_LIMIT);
  return sendTooLarge(reply, 'body', req.routeOptions.bodyLimit ?? JSON_BODY_LIMIT);
}
