// Bundles the workspace (web/src, React + TypeScript) with esbuild into web/dist: app.js, app.css and index.html.
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..', 'web');
const dist = join(web, 'dist');
const started = performance.now();
await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
const result = await build({
  entryPoints: { app: join(web, 'src', 'main.tsx') },
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
const bytes = Object.entries(result.metafile.outputs).filter(([f]) => !f.endsWith('.map')).reduce((n, [, o]) => n + o.bytes, 0);
process.stdout.write(`web/dist built in ${Math.round(performance.now() - started)} ms (${Math.round(bytes / 1024)} KiB)\n`);
