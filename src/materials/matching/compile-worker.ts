// Worker-thread entry: parses the stored materials and compiles them (prepareSet) off the event loop,
// then transfers the typed arrays back without copying.
import { parentPort } from 'node:worker_threads';
import { parseMatchable, type MatchableSource } from '../packages/index.js';
import { prepareSet, preparedTransferables } from './prepare.js';

parentPort!.on('message', (source: MatchableSource) => {
  try {
    const { packages, materials } = parseMatchable(source);
    const prepared = prepareSet(packages, materials);
    parentPort!.postMessage({ ok: true, prepared }, preparedTransferables(prepared));
  } catch (err) {
    parentPort!.postMessage({ ok: false, message: (err as Error).message });
  }
});
