// Builds what `npm start` and `npx vigil` run: the server (TypeScript transpiled file by file with esbuild
// into dist/, keeping the folder layout so worker threads and imports resolve) and the console (Vite, into
// dist/console). With --if-stale it does nothing when dist/ is newer than every source file.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.build-stamp');
const ifStale = process.argv.includes('--if-stale');

/** @param {string} dir @param {string[]} out @returns {string[]} */
function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

const serverSources = [...walk(path.join(root, 'src')), ...walk(path.join(root, 'bench'))].filter((f) => /\.(ts|js)$/.test(f) && !/\.(test|child)\.ts$/.test(f) && !f.endsWith('.d.ts') && !f.endsWith('test-fixtures.ts'));
const consoleSources = walk(path.join(root, 'console'));
const newest = Math.max(...[...serverSources, ...consoleSources, path.join(root, 'package.json')].map((f) => fs.statSync(f).mtimeMs));

if (ifStale && fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= newest) process.exit(0);

const started = Date.now();
fs.rmSync(path.join(dist, 'src'), { recursive: true, force: true });
fs.rmSync(path.join(dist, 'bench'), { recursive: true, force: true });
const tsFiles = serverSources.filter((f) => f.endsWith('.ts'));
await esbuild({
  entryPoints: tsFiles,
  outdir: dist,
  outbase: root,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});
for (const f of serverSources.filter((f) => f.endsWith('.js'))) {
  const target = path.join(dist, path.relative(root, f));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(f, target);
}
console.log(`built server and benchmarks: ${tsFiles.length} modules in ${Date.now() - started} ms`);

if (fs.existsSync(path.join(root, 'console', 'vite.config.ts'))) {
  const t = Date.now();
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: path.join(root, 'console', 'vite.config.ts'), logLevel: 'warn' });
  console.log(`built console in ${Date.now() - t} ms`);
}
fs.writeFileSync(stamp, new Date().toISOString());
