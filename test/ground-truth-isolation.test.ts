// Vigil must never learn from the simulator's answers: only the simulator (which writes the ground
// truth) and the metrics (which score Vigil against it) may import src/simulate/ground-truth.ts or
// name its file. This scans every source file of the repository for either.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCANNED_DIRS = ['src', 'console', 'bench', 'test'];
const ALLOWED_DIRS = ['src/simulate/', 'src/metrics/'];
const THIS_FILE = 'test/ground-truth-isolation.test.ts';
const EXTENSIONS = /\.(ts|tsx|js|mjs|cjs)$/;
const GROUND_TRUTH_FILE = ['ground-truth', 'ndjson'].join('.');

// import ... from '.../ground-truth(.js|.ts)', export ... from, import('...'), require('...')
const IMPORT_OF_GROUND_TRUTH = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)['"`][^'"`]*ground-truth(?:\.[cm]?[jt]s)?['"`]/;

function leaksGroundTruth(source: string): string | undefined {
  if (IMPORT_OF_GROUND_TRUTH.test(source)) return 'imports the ground-truth module';
  if (source.includes(GROUND_TRUTH_FILE)) return `names the ground-truth file (${GROUND_TRUTH_FILE})`;
  return undefined;
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return EXTENSIONS.test(entry.name) ? [full] : [];
  });
}

describe('ground-truth isolation', () => {
  it('recognises the ways a file could reach the ground truth', () => {
    expect(leaksGroundTruth(`import { readGroundTruth } from '../simulate/ground-truth.js';`)).toBeDefined();
    expect(leaksGroundTruth(`export * from "./ground-truth";`)).toBeDefined();
    expect(leaksGroundTruth(`const gt = await import('../../src/simulate/ground-truth.ts');`)).toBeDefined();
    expect(leaksGroundTruth(`const gt = require("../simulate/ground-truth");`)).toBeDefined();
    expect(leaksGroundTruth(`import '../simulate/ground-truth.js';`)).toBeDefined();
    expect(leaksGroundTruth(`fs.readFileSync(path.join(dir, 'simulation', '${GROUND_TRUTH_FILE}'))`)).toBeDefined();
    expect(leaksGroundTruth(`import { createSimulation } from '../simulate/index.js'; // ground truth stays apart`)).toBeUndefined();
  });

  it('finds no file outside src/simulate and src/metrics that imports it or names its file', () => {
    const files = SCANNED_DIRS.flatMap((d) => sourceFiles(path.join(ROOT, d)));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files
      .map((file) => path.relative(ROOT, file).split(path.sep).join('/'))
      .filter((rel) => rel !== THIS_FILE && !ALLOWED_DIRS.some((dir) => rel.startsWith(dir)))
      .map((rel) => ({ rel, problem: leaksGroundTruth(fs.readFileSync(path.join(ROOT, rel), 'utf8')) }))
      .filter((x) => x.problem)
      .map((x) => `${x.rel}: ${x.problem}`);
    expect(offenders).toEqual([]);
  });
});
