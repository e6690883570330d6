// `npm run bench -- <name> [--quick]`: runs the named benchmark from bench/<name>.ts (built into dist/bench).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...args] = process.argv.slice(2);
const available = fs.readdirSync(path.join(root, 'bench')).filter((f) => f.endsWith('.ts') && f !== 'harness.ts').map((f) => f.replace(/\.ts$/, ''));
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name> [--quick]\nbenchmarks: ${available.join(', ')}`);
  process.exit(2);
}
const mod = await import(pathToFileURL(path.join(root, 'dist', 'bench', `${name}.js`)).href);
await mod.main({ quick: args.includes('--quick'), args });
