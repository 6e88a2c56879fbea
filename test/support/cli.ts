// The `cobro` command for CLI tests: bin/cobro.js's two lines (import src/cli/main.ts, run main) bundled by esbuild into
// one JavaScript file, so that each of the hundreds of commands the tests run starts in about 1.2 s of CPU instead of the
// 4 s that tsx spends loading some 580 modules one by one. Packages stay outside the bundle (node_modules as installed),
// and every source file keeps its own import.meta.url, so the migrations, web assets and eval sets are found where they
// are. The bundle is kept in node_modules/.cache under a hash of every file in src/ and of package-lock.json: a changed
// source makes a new bundle, never a stale one. test/cli.test.ts and test/ops-shutdown.test.ts still run bin/cobro.js.
import { build } from 'esbuild';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// spelt in two pieces: scripts/test.mjs bundles this file with the same rewrite, which would otherwise turn the text
// searched for into this file's own URL, and the command's bundle would keep a bundle-relative import.meta.url
const META_URL = ['import', 'meta', 'url'].join('.');
const CACHE = join(ROOT, 'node_modules', '.cache', 'cobro-test-cli');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else out.push(p);
  }
  return out;
}

function bundleName(): string {
  const h = createHash('sha256');
  for (const f of [...sourceFiles(join(ROOT, 'src')), join(ROOT, 'package-lock.json'), fileURLToPath(import.meta.url)]) {
    h.update(`\0${f.slice(ROOT.length)}\0`);
    h.update(readFileSync(f));
  }
  return `cli-${h.digest('hex').slice(0, 20)}.mjs`;
}

let built: Promise<string> | undefined;

/** The path of the bundled command (built on first use, then kept), to run as `node <path> args...`. */
export function cobroCli(): Promise<string> {
  built ??= (async () => {
    const out = join(CACHE, bundleName());
    if (existsSync(out)) return out;
    mkdirSync(CACHE, { recursive: true });
    // written aside, then renamed: a test file building at the same moment never runs half a bundle
    const aside = `${out}.${randomBytes(4).toString('hex')}.part`;
    await build({
      stdin: { contents: "import { main } from './src/cli/main.ts';\nawait main();\n", resolveDir: ROOT, loader: 'ts', sourcefile: 'cobro-cli.ts' },
      bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: aside, logLevel: 'error',
      plugins: [{
        name: 'own-import-meta-url',
        setup(b) {
          b.onLoad({ filter: /\.ts$/ }, async (a) => ({
            contents: (await readFile(a.path, 'utf8')).replaceAll(META_URL, JSON.stringify(pathToFileURL(a.path).href)),
            loader: 'ts', resolveDir: dirname(a.path),
          }));
        },
      }],
    });
    renameSync(aside, out);
    // bundles of older sources go after a day (not at once: a test file started before a source changed may still be
    // running its commands from one)
    for (const f of readdirSync(CACHE)) {
      const p = join(CACHE, f);
      if (p !== out && Date.now() - statSync(p).mtimeMs > 86_400_000) rmSync(p, { force: true });
    }
    return out;
  })();
  return built;
}
