// The composition root: opens the store, picks the bus, wires the capabilities, starts the consumers and
// the HTTP server, and shuts all of it down in the order that loses nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { createBus } from '../bus/index.js';
import { seedDefaultCatalogue } from '../catalogue/index.js';
import type { Role } from '../domain/index.js';
import { seedDefaultStrikeLadders, startWebhookDeliverer } from '../enforcement/index.js';
import { createLanguageDetector, startEventStats } from '../ingest/index.js';
import { fingerprintMedia, MaterialsService } from '../materials/index.js';
import { createDirectoryMediaStore, createMediaService, findVideoTools } from '../media/index.js';
import { startAssignmentRouter } from '../review/index.js';
import { createApiKey, ensureApiKey } from '../store/api-keys.js';
import { openPipelineCounters, startAutoPauseWatcher, startDecisionPipeline, StrategiesService } from '../strategies/index.js';
import { openDatabase, type Database } from '../store/database.js';
import { buildApp, defaultConsoleDir } from './app.js';
import { createMetrics } from './metrics.js';
import type { Services } from './services.js';
import type { Subscription } from '../bus/bus.js';

/** How long a shutdown waits for requests in flight before cutting their connections. */
const SHUTDOWN_GRACE_MS = 15_000;

export interface VigilOptions {
  port?: number;
  host?: string;
  /** PostgreSQL server URL; absent means the embedded PGlite. */
  databaseUrl?: string;
  /** Folder for Vigil's files (embedded database under db/, media under media/); absent means in memory. */
  dataDir?: string;
  /** PGlite: start from this dump (tests). */
  loadDataDir?: Uint8Array;
  /** Redis server URL: counters live there, shared by every Vigil process; absent means in memory with checkpoints. */
  redisUrl?: string;
  /** Redis key prefix for counters (tests use random ones). */
  redisKeyPrefix?: string;
  /** NATS server URL; absent means the embedded outbox bus. */
  natsUrl?: string;
  /** JetStream stream name (tests use random ones). */
  streamName?: string;
  /** An admin key to register (VIGIL_ADMIN_KEY); when absent and no key exists, one is generated. */
  adminKey?: string;
  logger?: FastifyServerOptions['logger'];
  /** Built console folder; false to serve none; default: dist/console when built. */
  consoleDir?: string | false;
  clock?: () => Date;
  /** Start the bus consumers (default true; the ingest benchmark measures intake alone). */
  startConsumers?: boolean;
}

export interface RunningVigil {
  url: string;
  /** The admin key registered or generated at this start, if any. */
  adminKey?: string;
  app: FastifyInstance;
  services: Services;
  database: Database;
  close(): Promise<void>;
}

export async function startVigil(options: VigilOptions = {}): Promise<RunningVigil> {
  const clock = options.clock ?? (() => new Date());
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
  const database = await openDatabase({
    url: options.databaseUrl,
    dataDir: options.databaseUrl || !dataDir ? undefined : path.join(dataDir, 'db'),
    loadDataDir: options.loadDataDir,
  });
  const cleanups: (() => Promise<void>)[] = [() => database.close()];
  const cleanupAll = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };
  try {
    const db = database.db;
    await seedDefaultCatalogue(db, clock());
    // After the catalogue: a policy's own default ladder is seeded only when the policy exists.
    await seedDefaultStrikeLadders(db, clock());
    let adminKey = options.adminKey;
    if (adminKey) await ensureApiKey(db, adminKey, 'admin', ['admin' satisfies Role], clock());
    else if (!(await db.selectFrom('api_keys').select('id').limit(1).executeTakeFirst())) adminKey = (await createApiKey(db, 'admin', ['admin'], clock())).key;

    // Background bus failures go to the structured log once the app (and its logger) exists.
    let reportBusError = (err: unknown, context: string) => console.error(`[vigil bus] ${context}:`, err);
    const bus = await createBus({ db, natsUrl: options.natsUrl, streamName: options.streamName, onError: (err, context) => reportBusError(err, context) });
    cleanups.push(() => bus.close());
    // Without a data folder (tests) media lives in a temporary folder removed at close.
    const mediaDir = dataDir ? path.join(dataDir, 'media') : fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-media-'));
    if (!dataDir) cleanups.push(async () => fs.rmSync(mediaDir, { recursive: true, force: true }));
    const media = createMediaService({ db, store: createDirectoryMediaStore(mediaDir), clock, fingerprint: (bytes, kind) => fingerprintMedia(bytes, kind, () => findVideoTools()) });
    const materials = new MaterialsService(db, { onError: (err) => reportBusError(err, 'materials rebuild') });
    cleanups.push(() => materials.stop());
    const strategies = new StrategiesService(db, { onError: (err) => reportBusError(err, 'strategies reload') });
    cleanups.push(() => strategies.stop());
    const counters = await openPipelineCounters({ db, redisUrl: options.redisUrl, redisKeyPrefix: options.redisKeyPrefix, set: await strategies.set(), materials: await materials.set() });
    cleanups.push(() => counters.store.close());
    const services: Services = { db, backend: database.backend, bus, languages: await createLanguageDetector(), media, materials, strategies, counters: counters.store, metrics: createMetrics(), clock };

    const consoleDir = options.consoleDir === false ? undefined : (options.consoleDir ?? defaultConsoleDir());
    const app = await buildApp(services, { logger: options.logger, consoleDir });
    if (options.logger) reportBusError = (err, context) => app.log.error({ err, context }, 'bus failure (the message will be retried)');
    const subscriptions: Subscription[] = [];
    if (options.startConsumers !== false) {
      materials.start();
      // Material hits are recorded by the decision pipeline, which matches every event once.
      subscriptions.push(startEventStats({ db, bus, clock }));
      strategies.start();
      subscriptions.push(startAssignmentRouter({ db, clock, onError: (err, context) => reportBusError(err, context) }));
      subscriptions.push(startAutoPauseWatcher({ db, clock, onPaused: () => void strategies.refresh(), onError: (err, context) => reportBusError(err, context) }));
      const webhooks = startWebhookDeliverer({ db, clock, onError: (err, context) => reportBusError(err, context) });
      const pipeline = startDecisionPipeline({ db, clock, materials, strategies, counters: counters.store, onError: (err, context) => reportBusError(err, context), onBatch: (b) => b.actions && webhooks.wake() });
      services.afterIngest = () => pipeline.consumer.wake();
      services.afterReview = () => webhooks.wake();
      // The pipeline stops first: its last batch may hand actions to the deliverer, which waits for its attempts in flight.
      subscriptions.push(pipeline, webhooks);
    }
    // Close order: stop taking requests (in-flight ones finish and commit), then consumers, then bus, then store.
    cleanups.push(async () => {
      for (const s of subscriptions) await s.stop();
    });
    cleanups.push(async () => {
      // In-flight requests finish and answer (a batch is acknowledged only after commit); keep-alive
      // connections are closed as they fall idle, and whatever still hangs after the grace period is cut.
      const closing = app.close();
      const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
      const cut = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      try {
        await closing;
      } finally {
        clearInterval(sweep);
        clearTimeout(cut);
      }
    });
    const address = await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
    let closed: Promise<void> | undefined;
    return {
      url: address.replace('[::1]', 'localhost'),
      adminKey,
      app,
      services,
      database,
      close: () => (closed ??= cleanupAll()),
    };
  } catch (err) {
    await cleanupAll();
    throw err;
  }
}
