// Worker-thread entry: compiles text materials into automaton tables off the event loop and transfers
// the typed arrays back without copying.
import { parentPort } from 'node:worker_threads';
import { compileText, compiledTransferables, TextMaterialError, type TextMaterialSpec } from '../matcher/compile.js';
import { transferables } from '../matcher/automaton.js';

parentPort!.on('message', (specs: TextMaterialSpec[]) => {
  try {
    const compiled = compileText(specs);
    parentPort!.postMessage({ ok: true, compiled }, [...transferables(compiled.automaton), ...compiledTransferables(compiled)]);
  } catch (err) {
    parentPort!.postMessage({ ok: false, message: (err as Error).message, textMaterial: err instanceof TextMaterialError });
  }
});
