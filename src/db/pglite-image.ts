// A migrated empty database kept as a file in the temp folder, so that an in-memory PGlite (the tests open hundreds)
// starts from it in under a second instead of running every migration again. The file's name holds a hash of PGlite's
// version and of every migration's name and text: a changed or added migration makes a new image, never a stale one.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { MemoryFS, type PGlite } from '@electric-sql/pglite';
import type { Migration } from './migrate.ts';

const PREFIX = 'cobro-pglite-';

/** PGlite's version, from the package.json above its entry file (the package does not export that file). */
function pgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@electric-sql/pglite') return String(pkg.version);
    } catch { /* not here: one folder up */ }
    if (dirname(dir) === dir) return 'unknown';
    dir = dirname(dir);
  }
}

/** The image's file name for a PGlite version and the migrations as [name, text] pairs. */
export function imageNameFor(version: string, migrations: Migration[]): string {
  const h = createHash('sha256');
  h.update(version);
  h.update('\0checkpointed'); // images dumped after a CHECKPOINT (keepImage): an older image is replaced, not reused
  for (const [name, text] of migrations) h.update(`\0${name}\0${text}`);
  return `${PREFIX}${h.digest('hex').slice(0, 20)}.tar`;
}

/**
 * The image's name for these migrations (read once by the caller, who migrates from the same list: a migration added
 * while a database migrates must not give the image a name it does not hold).
 */
export const imageName = (migrations: Migration[]) => imageNameFor(pgliteVersion(), migrations);

/**
 * An image's bytes handed to PGlite as they are: PGlite only asks a loadDataDir for its arrayBuffer() (and type), then
 * copies every file out of it, never writing to it. A Blob of the bytes cost about 0.6 s of CPU more in every open (the
 * Blob copies the 45 MB, and its arrayBuffer() reads them back through a stream in chunks).
 */
class ImageBytes extends Blob {
  constructor(private readonly image: ArrayBuffer) { super([], { type: 'application/x-tar' }); }
  override arrayBuffer(): Promise<ArrayBuffer> { return Promise.resolve(this.image); }
}

/** The images this process has read or kept, by name (a name stands for one content: never stale). */
const read = new Map<string, ArrayBuffer>();

const own = (b: Buffer): ArrayBuffer => (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength
  ? b.buffer as ArrayBuffer : b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);

function keptBytes(name: string): ArrayBuffer | undefined {
  let bytes = read.get(name);
  if (!bytes) {
    try {
      bytes = own(readFileSync(join(tmpdir(), name)));
    } catch {
      return undefined;
    }
    read.set(name, bytes);
  }
  return bytes;
}

/** The image kept under this name, else undefined (read from the temp folder once a process): PGlite's loadDataDir. */
export function keptImage(name: string): Blob | undefined {
  const bytes = keptBytes(name);
  return bytes && new ImageBytes(bytes);
}

/** One entry of an image: a file's path under the data folder and its bytes (a view into the image), or a folder's. */
interface ImageEntry { path: string; data?: Uint8Array }

/** The entries of a tar as PGlite's dumpDataDir writes it (ustar: a 512-byte header, then the data in 512-byte blocks). */
export function imageEntries(tar: Uint8Array): ImageEntry[] {
  const text = (at: number, n: number) => {
    let end = at;
    while (end < at + n && tar[end] !== 0) end++;
    return Buffer.from(tar.buffer, tar.byteOffset + at, end - at).toString('utf8');
  };
  const entries: ImageEntry[] = [];
  for (let at = 0; at + 512 <= tar.length && tar[at] !== 0;) {
    const prefix = text(at + 345, 155);
    const path = `${prefix ? `${prefix}/` : ''}${text(at, 100)}`.replace(/^\/*/, '/');
    const size = parseInt(text(at + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(tar[at + 156]!);
    at += 512;
    if (type === '5') entries.push({ path });
    else if (type === '0' || type === '\0') entries.push({ path, data: tar.subarray(at, at + size) });
    else throw new Error(`the PGlite image holds an entry of tar type ${JSON.stringify(type)} (${path})`);
    at += Math.ceil(size / 512) * 512;
  }
  return entries;
}

/** PGlite's data folder in its in-memory file system (PGDATA in PGlite's initdb.ts, which it does not export). */
const PGDATA = '/pglite/data';

/** What ImageFs needs of a file in Emscripten's in-memory file system (MEMFS): its bytes and how it is written. */
interface MemNode { contents: Uint8Array; usedBytes: number; shared?: Uint8Array; stream_ops: { write: (...a: [{ node: MemNode }, ...unknown[]]) => number } }

/** A folder node of MEMFS: makes a file node in itself. */
interface MemDir { node_ops: { mknod(parent: MemDir, name: string, mode: number, dev: number): MemNode } }

/** A regular file readable and writable by all (what FS.writeFile makes). */
const FILE_MODE = 0o100666;

/** Where each shared file's bytes end before its trailing zeros (a WAL segment is mostly zeros), found once a process. */
const dataEnds = new WeakMap<Uint8Array, number>();

/** A file's own copy: a new array, zeros until written (its pages are not touched), with the file's bytes up to its zeros. */
function ownCopy(shared: Uint8Array): Uint8Array {
  let end = dataEnds.get(shared);
  if (end === undefined) {
    end = shared.length;
    while (end > 0 && shared[end - 1] === 0) end--;
    dataEnds.set(shared, end);
  }
  const copy = new Uint8Array(shared.length);
  copy.set(shared.subarray(0, end));
  return copy;
}

/**
 * An in-memory file system that starts holding the image's files, as PGlite's loadDataDir would lay them but without
 * parsing the tar again in every open nor copying each file twice (about 0.2 s of CPU less an open). Were PGlite's data
 * folder to move, PGlite would find no database there and run initdb, and the migrations would run on open: slower, never
 * wrong (src/db/pglite-image.test.ts checks that a database opened this way has every migration).
 * Each file starts as a view of the kept image, copied only when PostgreSQL first writes to it (copy on write): the
 * file system writes a file in place while it fits (its stream's write, wrapped here, copies it first) and moves it to
 * a new array when it grows or is resized. An open from a checkpointed image (keepImage) writes 5 files (the WAL, the
 * control file, the commit logs); copying all 46 MB (1,661 files) in every open and replaying the migrations' WAL into
 * some 500 of them, and a path lookup per file, made an open cost 0.49-0.51 s of CPU against 0.30-0.35 now (in-memory
 * opens one after another, alternating, load 3-5). The kept image is never written (src/db/pglite-image.test.ts).
 */
class ImageFs extends MemoryFS {
  constructor(private readonly entries: ImageEntry[]) { super(); }
  override async initialSyncFs(): Promise<void> {
    const fs = this.pg!.Module.FS;
    fs.mkdirTree(PGDATA);
    let wrapped = false;
    // each file made in its folder's node (one path lookup a folder, not one a file), its contents the view itself
    const folders = new Map<string, MemDir>();
    const folder = (path: string) => folders.get(path) ?? folders.set(path, fs.lookupPath(path).node as MemDir).get(path)!;
    for (const { path, data } of this.entries) {
      if (!data) { fs.mkdirTree(PGDATA + path); continue; }
      const slash = path.lastIndexOf('/');
      const dir = folder(PGDATA + path.slice(0, slash));
      const node = dir.node_ops.mknod(dir, path.slice(slash + 1), FILE_MODE, 0);
      node.contents = data;
      node.usedBytes = data.byteLength;
      node.shared = data;
      if (wrapped) continue;
      // every file of this file system shares one stream_ops object: its write copies a shared file before writing
      const ops = node.stream_ops;
      const write = ops.write;
      ops.write = (stream, ...rest) => {
        const n = stream.node;
        if (n.shared && n.contents === n.shared) n.contents = ownCopy(n.shared);
        n.shared = undefined;
        return write(stream, ...rest);
      };
      wrapped = true;
    }
  }
}

const parsed = new Map<string, ImageEntry[]>();

/** A PGlite file system holding the image kept under this name, else undefined (the image parsed once a process). */
export function keptImageFs(name: string): MemoryFS | undefined {
  let entries = parsed.get(name);
  if (!entries) {
    const bytes = keptBytes(name);
    if (!bytes) return undefined;
    entries = imageEntries(new Uint8Array(bytes));
    parsed.set(name, entries);
  }
  return new ImageFs(entries);
}

/** Keeps a migrated database's files as the image (written aside, then renamed, so a reader never sees half a file). */
export async function keepImage(pg: PGlite, name: string): Promise<void> {
  // checkpointed first: the files then hold every page the migrations wrote, and an open from the image replays no WAL
  // (without it each open replayed the migrations' last WAL, rewriting some 500 relation files)
  await pg.exec('CHECKPOINT');
  const bytes = Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer());
  read.set(name, own(bytes));
  const aside = join(tmpdir(), `${name}.${randomBytes(4).toString('hex')}.part`);
  try {
    writeFileSync(aside, bytes);
    renameSync(aside, join(tmpdir(), name));
    // images of older migrations are of no further use
    for (const f of readdirSync(tmpdir())) if (f.startsWith(PREFIX) && f.endsWith('.tar') && f !== name) rmSync(join(tmpdir(), f), { force: true });
  } catch {
    rmSync(aside, { force: true }); // a full or read-only temp folder only costs the next opener the migrations
  }
}
