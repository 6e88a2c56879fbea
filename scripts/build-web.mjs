// Bundles the workspace (web/src, React + TypeScript) with esbuild into web/dist: app.js, app.css and index.html; and the
// debtor portal into web/dist/portal (portal.js, portal.css, index.html), its script and styles also gzip- and brotli-compressed.
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..', 'web');
const dist = join(web, 'dist');
const started = performance.now();
await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
const result = await build({
  entryPoints: { app: join(web, 'src', 'main.tsx'), 'portal/portal': join(web, 'src', 'portal', 'main.tsx') },
  bundle: true,
  format: 'esm',
  target: ['chrome111', 'firefox115', 'safari16'],
  jsx: 'automatic',
  minify: true,
  sourcemap: 'linked',
  outdir: dist,
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  metafile: true,
});
await copyFile(join(web, 'index.html'), join(dist, 'index.html'));
await copyFile(join(web, 'portal.html'), join(dist, 'portal', 'index.html'));
// the portal is opened on phones over slow networks: its files are served pre-compressed
let portalSent = 0;
for (const file of ['portal.js', 'portal.css']) {
  const path = join(dist, 'portal', file);
  const raw = await readFile(path);
  const br = brotliCompressSync(raw);
  await writeFile(`${path}.br`, br);
  await writeFile(`${path}.gz`, gzipSync(raw, { level: 9 }));
  portalSent += br.length;
}
const bytes = Object.entries(result.metafile.outputs).filter(([f]) => !f.endsWith('.map')).reduce((n, [, o]) => n + o.bytes, 0);
process.stdout.write(`web/dist built in ${Math.round(performance.now() - started)} ms (${Math.round(bytes / 1024)} KiB; the portal sends ${Math.round(portalSent / 1024)} KiB with brotli)\n`);
