// Builds a MaterialSet from the stored materials. Parsing and compiling (100k terms take about a second)
// run in a worker thread, so the event loop keeps serving while a new set is made.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MatchableMaterials, MatchableSource } from '../packages/index.js';
import { parseMatchable } from '../packages/index.js';
import { MaterialSet } from './material-set.js';
import { prepareSet, type PreparedSet } from './prepare.js';

/**
 * The worker runs compiled JavaScript. From the built package that is the sibling file; when the sources
 * run directly (tests under vitest), the build in dist/ is used (`npm test` builds first).
 */
function workerUrl(): URL | undefined {
  const here = import.meta.url;
  if (here.endsWith('.js')) return new URL('./compile-worker.js', here);
  const built = new URL('../../../dist/src/materials/matching/compile-worker.js', here);
  return existsSync(fileURLToPath(built)) ? built : undefined;
}

function prepareInWorker(source: MatchableSource): Promise<PreparedSet> {
  const url = workerUrl();
  if (!url) return Promise.resolve(prepareMatchable(parseMatchable(source)));
  return new Promise((resolve, reject) => {
    const worker = new Worker(url);
    worker.once('message', (msg: { ok: true; prepared: PreparedSet } | { ok: false; message: string }) => {
      void worker.terminate();
      if (msg.ok) resolve(msg.prepared);
      else reject(new Error(msg.message));
    });
    worker.once('error', reject);
    worker.postMessage(source);
  });
}

const prepareMatchable = (m: MatchableMaterials) => prepareSet(m.packages, m.materials);

/** From stored materials, prepared in a worker thread. */
export async function buildMaterialSet(source: MatchableSource): Promise<MaterialSet> {
  return new MaterialSet(await prepareInWorker(source));
}

/** From materials in hand (a preview's single draft), prepared right here. */
export function buildMaterialSetNow(materials: MatchableMaterials): MaterialSet {
  return new MaterialSet(prepareMatchable(materials));
}
