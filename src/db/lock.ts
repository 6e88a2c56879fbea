// A lock file on the PGlite data folder: PGlite itself does not stop two processes writing one folder.
import { openSync, closeSync, writeSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live process (not this one) holding dataDir's lock, if any. */
export function lockHolder(dataDir: string): number | undefined {
  let holder: number;
  try { holder = Number(readFileSync(join(dataDir, 'cobro.lock'), 'utf8').trim()); } catch { return undefined; }
  return holder && holder !== process.pid && alive(holder) ? holder : undefined;
}

/** Takes dataDir/cobro.lock or throws naming the process that holds it; returns the release function. */
export function acquireLock(dataDir: string): () => void {
  const path = join(dataDir, 'cobro.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try { unlinkSync(path); } catch { /* already gone */ }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (holder && holder !== process.pid && alive(holder)) {
        throw new Error(
          `the data folder ${dataDir} is in use by process ${holder}; stop it first, or set COBRO_DATA_DIR to another folder`,
        );
      }
      unlinkSync(path); // stale lock from a process that died
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
