// Main-thread handle on the PGlite worker: sends queries to it and awaits answers, so the event loop never blocks on SQL.
import { Worker } from 'node:worker_threads';

export interface QueryResult<R = Record<string, unknown>> {
  rows: R[];
  affectedRows: number;
}

export class PgliteError extends Error {
  readonly code?: string;
  readonly detail?: string;
  readonly constraint?: string;
  constructor(e: { message: string; code?: string; detail?: string; constraint?: string }) {
    super(e.message);
    this.name = 'PgliteError';
    this.code = e.code;
    this.detail = e.detail;
    this.constraint = e.constraint;
  }
}

interface Pending {
  resolve: (value: any) => void;
  reject: (err: Error) => void;
}

export interface PgliteStartOptions {
  /** Folder for the data; omit for an in-memory database. */
  dataDir?: string;
  /** A dump (tar) of a data directory to start from, e.g. a migrated test template. */
  loadDataDir?: Uint8Array;
}

export class PgliteWorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private failure: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (msg: { id: number; ok: boolean; rows?: unknown[]; affectedRows?: number; bytes?: Uint8Array; error?: any }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.bytes ?? { rows: msg.rows, affectedRows: msg.affectedRows });
      else p.reject(new PgliteError(msg.error));
    });
    const fail = (err: Error) => {
      this.failure = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`PGlite worker exited with code ${code}`)));
  }

  static async start(options: PgliteStartOptions = {}): Promise<PgliteWorkerClient> {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: options });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (msg: { ready?: boolean }) => {
        if (msg.ready) {
          worker.off('error', reject);
          resolve();
        }
      };
      worker.once('message', onMessage);
      worker.once('error', reject);
    });
    return new PgliteWorkerClient(worker);
  }

  private call<T>(msg: Record<string, unknown>): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...msg, id });
    });
  }

  query<R = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
    return this.call({ op: 'query', sql, params });
  }

  /** Runs several statements separated by semicolons (migrations). */
  async exec(sql: string): Promise<void> {
    await this.call({ op: 'exec', sql });
  }

  /** A tar dump of the whole data directory, loadable with `loadDataDir`. */
  dump(): Promise<Uint8Array> {
    return this.call({ op: 'dump' });
  }

  async close(): Promise<void> {
    if (!this.failure) await this.call({ op: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }
}
