// The deliverer process crash.test.ts kills: it opens the test's database (a PostgreSQL URL, or a PGlite
// data folder it then has to itself) and delivers webhooks until it is killed, or on SIGTERM stops
// cleanly. Short poll, lease and backoff so a test round takes a second. Not part of Vigil.
import { openDatabase } from '../../store/database.js';
import { startWebhookDeliverer } from './deliverer.js';

const url = process.env.VIGIL_WEBHOOK_CRASH_DATABASE_URL || undefined;
const dataDir = process.env.VIGIL_WEBHOOK_CRASH_DATA_DIR || undefined;
if (!url && !dataDir) throw new Error('VIGIL_WEBHOOK_CRASH_DATABASE_URL or VIGIL_WEBHOOK_CRASH_DATA_DIR must be set');

const database = await openDatabase({ url, dataDir, migrate: false, poolSize: 6 });
const deliverer = startWebhookDeliverer({
  db: database.db,
  clock: () => new Date(),
  pollMs: 10,
  concurrency: 4,
  maxAttempts: 1000,
  backoff: () => 20,
  timeoutMs: 1000,
  leaseMs: 1500,
  onError: () => undefined,
});
process.once('SIGTERM', async () => {
  await deliverer.stop();
  await database.close();
  process.exit(0);
});
process.stdout.write('ready\n');
