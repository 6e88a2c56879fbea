// The CLI's side of the relay: when a running cobro server holds the embedded data folder, the command is handed to it
// (src/cli/relay-server.ts) instead of failing on the folder's lock; its output and exit code come back as if run here.
import { connect } from 'node:net';
import { existsSync } from 'node:fs';
import { lockHolder } from '../db/index.ts';
import { readLines, relayFrame, relaySocketPath, sendLine } from './relay-protocol.ts';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks).toString('base64');
}

/**
 * Runs args on the server holding dataDir and resolves to its exit code; undefined when no server is there to take it
 * (no live holder, no socket, or the socket refuses), and the command then runs here as before.
 */
export async function relayToServer(dataDir: string, args: string[]): Promise<number | undefined> {
  const holder = lockHolder(dataDir);
  const path = relaySocketPath(dataDir);
  if (!holder || !existsSync(path)) return undefined;
  const socket = connect(path);
  const connected = await new Promise<boolean>((res) => {
    socket.once('connect', () => res(true));
    socket.once('error', () => res(false));
  });
  if (!connected) return undefined;
  // a file argument "-" reads stdin: what the client has is sent along (only then: a terminal's stdin is not waited for)
  const stdin = args.some((a) => a === '-' || a.endsWith('=-')) ? await readAll(process.stdin) : undefined;
  return new Promise<number>((resolve) => {
    let code: number | undefined;
    readLines(socket, (line) => {
      const f = relayFrame.safeParse(JSON.parse(line));
      if (!f.success) return;
      if (f.data.t === 'exit') { code = f.data.code; socket.end(); return; }
      (f.data.t === 'out' ? process.stdout : process.stderr).write(Buffer.from(f.data.d, 'base64'));
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      if (code === undefined) process.stderr.write(`cobro: the server (process ${holder}) ended the connection before the command finished\n`);
      resolve(code ?? 1);
    });
    sendLine(socket, { argv: args, cwd: process.cwd(), ...(stdin !== undefined ? { stdin } : {}) });
  });
}
