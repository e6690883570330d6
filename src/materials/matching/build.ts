// Builds a MaterialSet from the stored materials. The text automaton, the costly part (100k terms take
// about a second), is compiled in a worker thread so the event loop keeps serving while it builds.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Material } from '../../domain/index.js';
import { compileText, type CompiledText, type TextMaterialSpec } from '../matcher/compile.js';
import type { MatchableMaterials } from '../packages/index.js';
import { MaterialSet, TEXT_MATERIAL_KINDS, textSpecOf } from './material-set.js';

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

export function compileTextInWorker(specs: TextMaterialSpec[]): Promise<CompiledText> {
  const url = workerUrl();
  if (!url) return Promise.resolve(compileText(specs));
  return new Promise((resolve, reject) => {
    const worker = new Worker(url);
    worker.once('message', (msg: { ok: true; compiled: CompiledText } | { ok: false; message: string }) => {
      void worker.terminate();
      if (msg.ok) resolve(msg.compiled);
      else reject(new Error(msg.message));
    });
    worker.once('error', reject);
    worker.postMessage(specs);
  });
}

/** Text materials whose text cannot be compiled (nothing left after normalisation) are set aside, not fatal. */
function compilable(materials: readonly Material[]): { ok: Material[]; rejected: { material_id: number; message: string }[] } {
  const ok: Material[] = [];
  const rejected: { material_id: number; message: string }[] = [];
  for (const m of materials) {
    if (!TEXT_MATERIAL_KINDS.has(m.kind)) continue;
    try {
      compileText([textSpecOf(m)]);
      ok.push(m);
    } catch (err) {
      rejected.push({ material_id: m.id, message: (err as Error).message });
    }
  }
  return { ok, rejected };
}

export async function buildMaterialSet(matchable: MatchableMaterials, options: { inWorker?: boolean } = {}): Promise<MaterialSet> {
  const text = matchable.materials.filter((m) => TEXT_MATERIAL_KINDS.has(m.kind));
  let textMaterials = text;
  let rejected: { material_id: number; message: string }[] = [];
  const specs = () => textMaterials.map(textSpecOf);
  let compiled: CompiledText;
  try {
    compiled = options.inWorker === false ? compileText(specs()) : await compileTextInWorker(specs());
  } catch {
    // One bad material must not stop every other one from matching: find it and build without it.
    ({ ok: textMaterials, rejected } = compilable(text));
    compiled = options.inWorker === false ? compileText(specs()) : await compileTextInWorker(specs());
  }
  const set = new MaterialSet(matchable.packages, matchable.materials, compiled, textMaterials);
  set.rejected.push(...rejected);
  return set;
}
