// `vigil migrate`: applies pending schema migrations and says where the database stands.
import path from 'node:path';
import { openDatabase } from '../store/database.js';
import { readEnv } from './config.js';

export async function migrateCommand(opts: { dataDir?: string; databaseUrl?: string }) {
  const env = readEnv();
  const url = opts.databaseUrl ?? env.databaseUrl;
  const database = await openDatabase({ url, dataDir: url ? undefined : path.join(path.resolve(opts.dataDir ?? env.dataDir), 'db'), migrate: false });
  try {
    const { migrate } = await import('../store/migrate.js');
    const report = await migrate(database.db);
    console.log(report.applied.length ? `applied migrations ${report.applied.join(', ')}` : 'no pending migrations');
    console.log(`${database.backend} at ${database.location} is at schema version ${report.current}`);
  } finally {
    await database.close();
  }
}
