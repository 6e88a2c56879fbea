// A small IMAP4rev1 server on loopback (plain TCP) holding one folder of messages (and, optionally, other folders to move
// them to), speaking just what a client needs to poll it: CAPABILITY, LOGIN (checked), SELECT/EXAMINE with UIDVALIDITY
// and UIDNEXT, UID SEARCH (UID range, UNSEEN), UID FETCH (UID, FLAGS, RFC822.SIZE, BODY[]/BODY.PEEK[]/RFC822), UID STORE
// +FLAGS, UID COPY, EXPUNGE, UID MOVE (only when MOVE is among the capabilities given), NOOP, LIST and LOGOUT; with
// AUTH=XOAUTH2 among the capabilities, AUTHENTICATE XOAUTH2 checked exactly as Gmail and Microsoft 365 document it (the
// base64 of "user=U^Aauth=Bearer T^A^A", with or without SASL-IR; a refusal is a "+" with a JSON error answered by an
// empty line, then NO); with IDLE, IDLE (RFC 2177: EXISTS pushed as mail is added, ended by DONE). Every command line is
// kept (LOGIN's password and the SASL payload masked) so a test can read what the client sent.
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ImapMessage { uid: number; source: Buffer; flags: Set<string> }

export interface ImapServer {
  port: number;
  /** The folder's messages, by UID; tests add, read and change them. */
  messages: ImapMessage[];
  uidValidity: number;
  /** The command lines received, in order ("a1 LOGIN user [password]"). */
  commands: string[];
  /** The other folders' messages (copied or moved there), by folder name. */
  folders: Record<string, ImapMessage[]>;
  /** Adds a message with the next UID (announced at once to the sessions in IDLE). */
  add(source: string | Buffer, flags?: string[]): ImapMessage;
  /** The access tokens XOAUTH2 accepts now (tests revoke and add them). */
  tokens: Set<string>;
  /** What the client answered each XOAUTH2 error continuation with (it must be an empty line). */
  saslAnswers: string[];
  /** The sessions in IDLE now. */
  idling(): number;
  /** Cuts every connection (a server restart, a network failure). */
  drop(): void;
  close(): Promise<void>;
}

export interface ImapServerOptions {
  user: string; password: string; mailbox?: string; uidValidity?: number;
  /** Other folders that exist (empty at first). */
  folders?: string[];
  /** Capabilities announced beyond IMAP4rev1 (e.g. MOVE). */
  capabilities?: string[];
  /** Access tokens XOAUTH2 accepts for `user` (with AUTH=XOAUTH2 among the capabilities). */
  tokens?: string[];
  /** Sessions open now (until LOGOUT or the connection closes) and at most so far, across the servers given the same gauge. */
  gauge?: { open: number; peak: number };
}

type Token = string | Token[];

/** Splits a command's arguments: atoms, "quoted strings", literals already inlined, and (parenthesised lists). */
function tokens(text: string): Token[] {
  const out: Token[][] = [[]];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ') { i++; continue; }
    if (c === '(') { out.push([]); i++; continue; }
    if (c === ')') { const list = out.pop()!; out[out.length - 1]!.push(list); i++; continue; }
    if (c === '"') {
      let s = '';
      i++;
      while (i < text.length && text[i] !== '"') { if (text[i] === '\\') i++; s += text[i] ?? ''; i++; }
      out[out.length - 1]!.push(s);
      i++;
      continue;
    }
    // an atom may hold brackets with spaces inside (BODY.PEEK[HEADER.FIELDS (A B)])
    let s = '';
    let depth = 0;
    while (i < text.length && (depth > 0 || (text[i] !== ' ' && text[i] !== ')' && text[i] !== '('))) {
      if (text[i] === '[') depth++;
      if (text[i] === ']') depth--;
      s += text[i];
      i++;
    }
    out[out.length - 1]!.push(s);
  }
  return out[0]!;
}

/** The UIDs a UID set names ("1:*", "4,7:9"); `n:*` includes the highest UID even when it is below n (RFC 3501). */
function uidSet(set: string, uids: number[]): number[] {
  const max = uids.length ? Math.max(...uids) : 0;
  const num = (x: string) => (x === '*' ? max : Number(x));
  const want = new Set<number>();
  for (const range of set.split(',')) {
    const [a, b] = range.split(':');
    const lo = Math.min(num(a!), num(b ?? a!));
    const hi = Math.max(num(a!), num(b ?? a!));
    for (const u of uids) if (u >= lo && u <= hi) want.add(u);
  }
  return uids.filter((u) => want.has(u));
}

const quote = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;

export async function imapServer(o: ImapServerOptions): Promise<ImapServer> {
  const mailbox = o.mailbox ?? 'INBOX';
  const capabilities = ['IMAP4rev1', ...(o.capabilities ?? [])].join(' ');
  const state: ImapServer = {
    port: 0, messages: [], uidValidity: o.uidValidity ?? 1_700_000_001, commands: [],
    folders: Object.fromEntries((o.folders ?? []).map((f) => [f, []])),
    tokens: new Set(o.tokens ?? []), saslAnswers: [],
    add(source, flags = []) {
      const uid = (state.messages.at(-1)?.uid ?? 0) + 1;
      const m = { uid, source: Buffer.isBuffer(source) ? source : Buffer.from(source.replace(/\r?\n/g, '\r\n')), flags: new Set(flags) };
      state.messages.push(m);
      for (const tell of idlers) tell();
      return m;
    },
    idling: () => idlers.size,
    drop: () => { for (const s of sockets) s.destroy(); },
    close: () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
  const sockets = new Set<Socket>();
  const idlers = new Set<() => void>();

  const session = (socket: Socket) => {
    sockets.add(socket);
    let ended = false;
    const end = () => { if (!ended && o.gauge) { ended = true; o.gauge.open--; } };
    if (o.gauge) { o.gauge.open++; o.gauge.peak = Math.max(o.gauge.peak, o.gauge.open); socket.on('close', end); }
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    let pending = '';
    let literal = 0;
    let authed = false;
    let selected = false;
    /** The next line answers a continuation ("+") instead of being a command. */
    let answer: ((line: string) => void) | null = null;
    /** The message count this session was last told (EXISTS). */
    let told = 0;
    const tellExists = () => { if (told !== state.messages.length) { told = state.messages.length; send(`* ${told} EXISTS\r\n`); } };
    socket.on('close', () => idlers.delete(tellExists));
    const send = (s: string | Buffer) => { if (!socket.destroyed) socket.write(s); };
    const seqOf = (m: ImapMessage) => state.messages.indexOf(m) + 1;
    const flagList = (m: ImapMessage) => `(${[...m.flags].join(' ')})`;

    const fetchItems = (m: ImapMessage, items: Token[], peekOnly: boolean): Buffer[] => {
      const parts: Buffer[] = [Buffer.from(`* ${seqOf(m)} FETCH (UID ${m.uid}`)];
      let body: Buffer | null = null;
      let bodyName = '';
      for (const raw of items) {
        const item = String(raw).toUpperCase();
        if (item === 'FLAGS') parts.push(Buffer.from(` FLAGS ${flagList(m)}`));
        else if (item === 'RFC822.SIZE') parts.push(Buffer.from(` RFC822.SIZE ${m.source.length}`));
        else if (item === 'BODY[]' || item === 'BODY.PEEK[]' || item === 'RFC822') {
          body = m.source; bodyName = item === 'RFC822' ? 'RFC822' : 'BODY[]';
          if (item !== 'BODY.PEEK[]' && !peekOnly) m.flags.add('\\Seen');
        }
      }
      if (body) parts.push(Buffer.from(` ${bodyName} {${body.length}}\r\n`), body);
      parts.push(Buffer.from(')\r\n'));
      return parts;
    };

    const run = (line: string) => {
      state.commands.push(line.replace(/^(\S+ LOGIN \S+) .*/i, '$1 [password]').replace(/^(\S+ AUTHENTICATE \S+) .+/i, '$1 [sasl]'));
      const [tag = '*', ...rest] = tokens(line) as string[];
      const words = tokens(line).slice(1);
      let cmd = String(rest[0] ?? '').toUpperCase();
      let args = words.slice(1);
      let uid = false;
      if (cmd === 'UID') { uid = true; cmd = String(args[0] ?? '').toUpperCase(); args = args.slice(1); }
      const ok = (text = `${cmd} completed`) => send(`${tag} OK ${text}\r\n`);
      if (cmd === 'CAPABILITY') { send(`* CAPABILITY ${capabilities}\r\n`); return ok(); }
      if (cmd === 'NOOP') return ok();
      if (cmd === 'LOGOUT') { end(); send('* BYE logging out\r\n'); ok(); socket.end(); return; }
      if (cmd === 'LOGIN') {
        if (args[0] === o.user && args[1] === o.password) { authed = true; return ok(`[CAPABILITY ${capabilities}] LOGIN completed`); }
        return send(`${tag} NO [AUTHENTICATIONFAILED] Invalid credentials\r\n`);
      }
      if (cmd === 'AUTHENTICATE' && String(args[0]).toUpperCase() === 'XOAUTH2' && capabilities.includes('AUTH=XOAUTH2')) {
        const check = (b64: string) => {
          const said = Buffer.from(b64, 'base64').toString('utf8');
          const token = [...state.tokens].find((t) => said === `user=${o.user}\x01auth=Bearer ${t}\x01\x01`);
          if (token !== undefined && Buffer.from(said).toString('base64') === b64) { authed = true; return ok(`[CAPABILITY ${capabilities}] AUTHENTICATE completed`); }
          // as Gmail answers a refused token: a continuation with the error, which the client must answer with an empty line
          send(`+ ${Buffer.from(JSON.stringify({ status: '401', schemes: 'bearer', scope: 'https://mail.google.com/' })).toString('base64')}\r\n`);
          answer = (reply) => {
            state.saslAnswers.push(reply);
            send(reply === '' ? `${tag} NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)\r\n` : `${tag} BAD the error continuation is answered with an empty line\r\n`);
          };
        };
        if (args[1] !== undefined && capabilities.includes('SASL-IR')) return check(String(args[1]));
        send('+ \r\n');
        answer = check;
        return;
      }
      if (!authed) return send(`${tag} BAD log in first\r\n`);
      if (cmd === 'LIST' || cmd === 'LSUB') {
        // an empty pattern asks for the hierarchy's delimiter (RFC 3501 6.3.8); otherwise * and % match any name here
        const pattern = String(args[1] ?? '');
        if (pattern === '') { send(`* ${cmd} (\\Noselect) "/" ""\r\n`); return ok(); }
        const like = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/[*%]/g, '.*')}$`);
        for (const name of [mailbox, ...Object.keys(state.folders)].filter((n) => like.test(n))) send(`* ${cmd} (\\HasNoChildren) "/" ${quote(name)}\r\n`);
        return ok();
      }
      if (cmd === 'SELECT' || cmd === 'EXAMINE') {
        if (String(args[0]) !== mailbox) return send(`${tag} NO [NONEXISTENT] Unknown mailbox\r\n`);
        selected = true;
        told = state.messages.length;
        send(`* ${state.messages.length} EXISTS\r\n* 0 RECENT\r\n* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n`);
        send(`* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)] flags\r\n`);
        send(`* OK [UIDVALIDITY ${state.uidValidity}] UIDs valid\r\n* OK [UIDNEXT ${(state.messages.at(-1)?.uid ?? 0) + 1}] next UID\r\n`);
        return ok(`[${cmd === 'SELECT' ? 'READ-WRITE' : 'READ-ONLY'}] ${cmd} completed`);
      }
      if (!selected) return send(`${tag} BAD select a mailbox first\r\n`);
      const uids = state.messages.map((m) => m.uid);
      const pick = (set: string) => (uid ? uidSet(set, uids) : uidSet(set, state.messages.map((_, i) => i + 1)).map((i) => state.messages[i - 1]!.uid))
        .map((u) => state.messages.find((m) => m.uid === u)!);
      if (cmd === 'SEARCH') {
        let found = [...state.messages];
        for (let i = 0; i < args.length; i++) {
          const key = String(args[i]).toUpperCase();
          if (key === 'UID') { const within = new Set(uidSet(String(args[++i]), uids)); found = found.filter((m) => within.has(m.uid)); }
          else if (key === 'UNSEEN') found = found.filter((m) => !m.flags.has('\\Seen'));
          else if (key === 'SEEN') found = found.filter((m) => m.flags.has('\\Seen'));
          else if (key !== 'ALL') return send(`${tag} BAD search key ${key} is not supported here\r\n`);
        }
        send(`* SEARCH${found.map((m) => ` ${uid ? m.uid : seqOf(m)}`).join('')}\r\n`);
        return ok();
      }
      if (cmd === 'FETCH') {
        const items = Array.isArray(args[1]) ? args[1] : [args[1] ?? ''];
        for (const m of pick(String(args[0]))) for (const part of fetchItems(m, items, false)) send(part);
        return ok();
      }
      if (cmd === 'STORE') {
        const op = String(args[1]).toUpperCase();
        const flags = (Array.isArray(args[2]) ? args[2] : [args[2] ?? '']).map(String);
        for (const m of pick(String(args[0]))) {
          if (op.startsWith('+FLAGS')) for (const f of flags) m.flags.add(f);
          else if (op.startsWith('-FLAGS')) for (const f of flags) m.flags.delete(f);
          else return send(`${tag} BAD store ${op} is not supported here\r\n`);
          if (!op.endsWith('.SILENT')) send(`* ${seqOf(m)} FETCH (UID ${m.uid} FLAGS ${flagList(m)})\r\n`);
        }
        return ok();
      }
      if (cmd === 'IDLE' && capabilities.includes('IDLE')) {
        send('+ idling\r\n');
        idlers.add(tellExists);
        tellExists();
        answer = (reply) => {
          idlers.delete(tellExists);
          state.commands.push(reply);
          send(reply.toUpperCase() === 'DONE' ? `${tag} OK IDLE terminated\r\n` : `${tag} BAD expected DONE\r\n`);
        };
        return;
      }
      if (cmd === 'COPY' || (cmd === 'MOVE' && capabilities.includes('MOVE'))) {
        const target = state.folders[String(args[1])];
        if (!target) return send(`${tag} NO [TRYCREATE] No folder ${String(args[1])}\r\n`);
        const chosen = pick(String(args[0]));
        for (const m of chosen) target.push({ uid: (target.at(-1)?.uid ?? 0) + 1, source: m.source, flags: new Set(m.flags) });
        if (cmd === 'MOVE') for (const m of chosen) expunge(m);
        return ok();
      }
      if (cmd === 'EXPUNGE') {
        const within = uid ? new Set(pick(String(args[0])).map((m) => m.uid)) : null;
        for (const m of state.messages.filter((x) => x.flags.has('\\Deleted') && (!within || within.has(x.uid)))) expunge(m);
        return ok();
      }
      send(`${tag} BAD ${cmd} is not supported here\r\n`);
    };
    const expunge = (m: ImapMessage) => {
      send(`* ${seqOf(m)} EXPUNGE\r\n`);
      state.messages.splice(state.messages.indexOf(m), 1);
      told = Math.min(told, state.messages.length);
    };

    // lines end in CRLF; a {n} at a line's end announces n bytes that follow after our "+" go-ahead
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (literal > 0) {
          if (buffer.length < literal) return;
          pending += quote(buffer.subarray(0, literal).toString('utf8'));
          buffer = buffer.subarray(literal);
          literal = 0;
          continue;
        }
        const end = buffer.indexOf('\r\n');
        if (end < 0) return;
        const line = buffer.subarray(0, end).toString('utf8');
        buffer = buffer.subarray(end + 2);
        const lit = /\{(\d+)(\+?)\}$/.exec(line);
        if (lit) {
          pending += line.slice(0, lit.index);
          literal = Number(lit[1]);
          if (!lit[2]) send('+ go ahead\r\n');
          continue;
        }
        const full = pending + line;
        pending = '';
        const waiting = answer;
        answer = null;
        if (waiting) waiting(full);
        else run(full);
      }
    });
    send(`* OK [CAPABILITY ${capabilities}] cobro test IMAP ready\r\n`);
  };

  const server: Server = createServer(session);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  return state;
}

/** A server that takes the connection and never greets: the client's timeout has to end the wait. */
export async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => { sockets.add(s); s.on('error', () => undefined); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }) };
}
