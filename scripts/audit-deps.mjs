// Dependency audit for CI. Three checks:
// 1. the lockfile: every package comes from the npm registry (no git, file or tarball URLs), carries a licence, and
//    only allow-listed packages run install scripts;
// 2. the installed tree matches the lockfile (`npm ls` finds nothing missing, extraneous or invalid);
// 3. npm's advisory database: no known high or critical vulnerability in the runtime dependencies. Where the advisory
//    endpoint cannot be reached (this project's build machines reach only the package registry's downloads), the
//    script says so plainly and the first two checks still decide; COBRO_AUDIT_REQUIRED=1 makes an unreachable
//    endpoint a failure too.
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const INSTALL_SCRIPTS_ALLOWED = new Set(['esbuild']);
// packages whose package.json names no licence though they ship a licence file: the installed file is read instead
// (png-js, which pdfkit needs, has been MIT since 2017 without saying so in package.json)
const LICENCE_FILES = { 'png-js': /^MIT License\b/ };
const licenceFile = (path) => { try { return readFileSync(new URL(`../${path}/LICENSE`, import.meta.url), 'utf8'); } catch { return ''; } };
const problems = [];

const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));
for (const [path, pkg] of Object.entries(lock.packages ?? {})) {
  if (path === '' || pkg.link) continue;
  const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
  if (pkg.resolved && !pkg.resolved.startsWith('https://registry.npmjs.org/')) problems.push(`${name}: resolved from ${pkg.resolved}, not the npm registry`);
  if (!pkg.license && !LICENCE_FILES[name]?.test(licenceFile(path))) problems.push(`${name}: no licence in the lockfile`);
  if (pkg.hasInstallScript && !INSTALL_SCRIPTS_ALLOWED.has(name)) problems.push(`${name}: runs an install script and is not on the allow-list`);
}

const ls = spawnSync('npm', ['ls', '--all', '--omit=dev', '--json'], { encoding: 'utf8' });
if (ls.status !== 0) {
  let detail = ls.stderr.trim();
  try { detail = (JSON.parse(ls.stdout).problems ?? []).join('; ') || detail; } catch { /* keep stderr */ }
  problems.push(`installed tree does not match the lockfile: ${detail}`);
}

const audit = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', timeout: 60_000 });
let report = null;
try { report = JSON.parse(audit.stdout); } catch { /* not JSON: the endpoint did not answer */ }
const counts = report?.metadata?.vulnerabilities;
if (counts) {
  const serious = (counts.high ?? 0) + (counts.critical ?? 0);
  console.log(`advisories: ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`);
  if (serious > 0) {
    for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
      if (v.severity === 'high' || v.severity === 'critical') problems.push(`${name}: ${v.severity} advisory (${v.range})`);
    }
  }
} else {
  const why = report?.error?.summary || report?.message || (audit.stderr || 'no answer').trim().split('\n').slice(-2).join(' ');
  console.log(`advisories: NOT CHECKED, npm's advisory endpoint could not be reached (${why})`);
  if (process.env.COBRO_AUDIT_REQUIRED === '1') problems.push('the advisory endpoint was required (COBRO_AUDIT_REQUIRED=1) and did not answer');
}

const packages = Object.keys(lock.packages ?? {}).length - 1;
if (problems.length) {
  console.error(`dependency audit failed (${problems.length}):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`dependency audit passed: ${packages} locked packages from the registry with licences, install scripts only from ${[...INSTALL_SCRIPTS_ALLOWED].join(', ')}, installed tree matches the lockfile`);
