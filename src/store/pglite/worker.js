// @ts-check
// The PGlite worker thread: one embedded PostgreSQL per process, off the main event loop, because a long
// PGlite query would otherwise block every request and PGlite ignores statement_timeout.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const OID_INT8 = 20;
const OID_INT8_ARRAY = 1016;

/** @param {string} text */
function parseInt8(text) {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint value ${text} exceeds JavaScript's safe integer range`);
  return n;
}

/** @type {{ dataDir?: string, loadDataDir?: Uint8Array }} */
const options = workerData ?? {};

const db = await PGlite.create({
  dataDir: options.dataDir,
  loadDataDir: options.loadDataDir ? new Blob([options.loadDataDir]) : undefined,
  parsers: {
    [OID_INT8]: parseInt8,
    [OID_INT8_ARRAY]: (/** @type {string} */ text) => {
      const inner = text.slice(1, -1).trim();
      return inner === '' ? [] : inner.split(',').map((v) => parseInt8(v.trim()));
    },
  },
});
if (!parentPort) throw new Error('worker.js must run in a worker thread');
const port = parentPort;

/** @param {unknown} err */
function serializeError(err) {
  const e = /** @type {any} */ (err);
  return { message: e?.message ?? String(err), code: e?.code, detail: e?.detail, constraint: e?.constraint, severity: e?.severity };
}

port.on('message', async (/** @type {any} */ msg) => {
  try {
    switch (msg.op) {
      case 'query': {
        if (!msg.params?.length) {
          // Without parameters the simple protocol runs several statements (migrations) and answers with the last.
          const results = await db.exec(msg.sql);
          const last = results[results.length - 1];
          port.postMessage({ id: msg.id, ok: true, rows: last?.rows ?? [], affectedRows: last?.affectedRows ?? 0 });
          break;
        }
        const res = await db.query(msg.sql, msg.params, { rowMode: 'object' });
        port.postMessage({ id: msg.id, ok: true, rows: res.rows, affectedRows: res.affectedRows ?? 0 });
        break;
      }
      case 'exec': {
        await db.exec(msg.sql);
        port.postMessage({ id: msg.id, ok: true, rows: [], affectedRows: 0 });
        break;
      }
      case 'dump': {
        const blob = await db.dumpDataDir('none');
        const bytes = new Uint8Array(await blob.arrayBuffer());
        port.postMessage({ id: msg.id, ok: true, bytes }, [bytes.buffer]);
        break;
      }
      case 'close': {
        await db.close();
        port.postMessage({ id: msg.id, ok: true, rows: [], affectedRows: 0 });
        break;
      }
      default:
        port.postMessage({ id: msg.id, ok: false, error: { message: `unknown op ${msg.op}` } });
    }
  } catch (err) {
    port.postMessage({ id: msg.id, ok: false, error: serializeError(err) });
  }
});
port.postMessage({ ready: true });
