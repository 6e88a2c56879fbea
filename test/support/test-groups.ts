// Several test files in one process (scripts/test.mjs bundles them as a group): node, the bundle's modules and PGlite's
// WebAssembly are then loaded once per group instead of once per file. scripts/test.mjs points the test files' (and
// their support modules') `node:test` here. Outside a group every call goes straight to node:test. Inside one, the
// calls a file makes while it loads (its top-level describe/it/test and before/after/beforeEach/afterEach hooks) are
// held, and once every file of the group has loaded, each file's are made inside a describe named for the file: its
// top-level hooks then run around its own tests only (not the other files'), its failures are reported under its path,
// and node's counts (# tests, # pass, # fail) are the same as when the file runs alone (a describe is a suite, not a test).
// The files still load one after another, each to its end (top-level awaits included), before any test runs.
import * as t from 'node:test';

let taking: Array<() => void> | undefined;

/** node:test's function f, which inside a group while a file loads holds the call instead of making it. */
function held<F extends (...a: never[]) => unknown>(f: F): F {
  const call = f as unknown as (...a: unknown[]) => unknown;
  const h = (...a: unknown[]) => {
    if (!taking) return call(...a);
    taking.push(() => { call(...a); });
    return Promise.resolve();
  };
  // (its .skip, .only and .todo are node:test's own, not held)
  return Object.assign(h, f) as unknown as F;
}

export const describe = held(t.describe);
export const it = held(t.it);
export const test = held(t.test);
export const suite = held(t.suite);
export const before = held(t.before);
export const after = held(t.after);
export const beforeEach = held(t.beforeEach);
export const afterEach = held(t.afterEach);
export const mock = t.mock;
export default test;

/** Loads the files of a group one after another, then gives each its own describe (a file that failed to load fails there). */
export async function runGroup(files: Array<[name: string, load: () => Promise<unknown>]>): Promise<void> {
  const loaded: Array<[string, Array<() => void> | { error: unknown }]> = [];
  for (const [name, load] of files) {
    taking = [];
    try {
      await load();
      loaded.push([name, taking]);
    } catch (error) {
      loaded.push([name, { error }]);
    } finally {
      taking = undefined;
    }
  }
  for (const [name, calls] of loaded) {
    void t.describe(name, () => {
      if (Array.isArray(calls)) for (const call of calls) call();
      else void t.it('loads', () => { throw calls.error; });
    });
  }
}
