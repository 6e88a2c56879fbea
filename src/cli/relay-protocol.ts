// The CLI relay's wire: where the socket is, and its frames, one JSON object a line on a Unix domain socket.
// The client sends { argv, cwd, stdin? } (stdin as base64, only when a file argument is "-"); the server answers with
// { t: 'out' | 'err', d: base64 } frames as the command writes, then { t: 'exit', code }.
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { z } from 'zod';

/** The socket a server on an embedded data folder listens on for the CLI (mode 0600, removed on stop). */
export const relaySocketPath = (dataDir: string): string => join(dataDir, 'cobro.sock');

/** Longest frame line taken: a command line with a piped stdin of up to about 12 MB. */
export const MAX_LINE = 16 * 1024 * 1024;

export const relayRequest = z.object({
  argv: z.array(z.string().max(100_000)).max(1_000),
  cwd: z.string().min(1).max(4_096),
  stdin: z.string().optional(),
});
export type RelayRequest = z.infer<typeof relayRequest>;

export const relayFrame = z.discriminatedUnion('t', [
  z.object({ t: z.enum(['out', 'err']), d: z.string() }),
  z.object({ t: z.literal('exit'), code: z.number().int() }),
]);
export type RelayFrame = z.infer<typeof relayFrame>;

export function sendLine(socket: Socket, value: RelayRequest | RelayFrame): void {
  if (!socket.destroyed) socket.write(`${JSON.stringify(value)}\n`);
}

/** Calls onLine for each complete line the socket brings; a line over MAX_LINE ends the connection. */
export function readLines(socket: Socket, onLine: (line: string) => void): void {
  let pending = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    pending += chunk;
    for (let at = pending.indexOf('\n'); at >= 0; at = pending.indexOf('\n')) {
      const line = pending.slice(0, at);
      pending = pending.slice(at + 1);
      if (line) onLine(line);
    }
    if (pending.length > MAX_LINE) socket.destroy(new Error('a relay line over the limit'));
  });
}
