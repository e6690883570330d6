// `vigil serve`: runs the platform. With --demo it uses ./.vigil, keeps the admin key there, and feeds it
// from the simulated platform. Logs are structured JSON (to a file in demo mode, so the terminal stays readable).
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startVigil, type RunningVigil } from '../server/index.js';
import { readEnv } from './config.js';

export interface ServeOptions {
  port?: string;
  host?: string;
  dataDir?: string;
  demo?: boolean;
  seed?: string;
  accounts?: string;
  speed?: string;
}

/** The demo's admin key lives in the data folder so restarts print the same key. */
function demoAdminKey(dataDir: string): string {
  const file = path.join(dataDir, 'admin-key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const key = `vgl_demo_${randomBytes(24).toString('base64url')}`;
  fs.writeFileSync(file, key, { mode: 0o600 });
  return key;
}

export async function serveCommand(opts: ServeOptions) {
  const env = readEnv();
  const dataDir = path.resolve(opts.dataDir ?? env.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const logger = opts.demo
    ? { level: 'info', file: path.join(dataDir, 'vigil.log') }
    : { level: process.env.VIGIL_LOG_LEVEL ?? 'info' };
  const adminKey = env.adminKey ?? (opts.demo ? demoAdminKey(dataDir) : undefined);
  const started = Date.now();
  const vigil: RunningVigil = await startVigil({
    port: opts.port ? Number(opts.port) : env.port,
    host: opts.host ?? env.host,
    databaseUrl: env.databaseUrl,
    dataDir,
    natsUrl: env.natsUrl,
    redisUrl: env.redisUrl,
    adminKey,
    logger,
  });
  const { services, database } = vigil;
  const consoleUrl = vigil.url.replace('127.0.0.1', 'localhost');
  const lines = [
    '',
    `  Vigil is running (${database.backend === 'pglite' ? `embedded PostgreSQL in ${path.relative(process.cwd(), path.join(dataDir, 'db')) || dataDir}` : database.location}, ${services.bus.kind} bus) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    '',
    `  Console:   ${consoleUrl}/`,
    `  API docs:  ${consoleUrl}/docs`,
    env.adminKey && !opts.demo
      ? '  Admin key: the one in VIGIL_ADMIN_KEY'
      : vigil.adminKey
        ? `  Admin key: ${vigil.adminKey}`
        : '  Admin key: (keys already exist; set VIGIL_ADMIN_KEY to register one)',
    '',
  ];
  console.log(lines.join('\n'));

  let stopDemo: (() => Promise<void>) | undefined;
  if (opts.demo) {
    const { startDemoSimulation } = await import('./demo.js');
    stopDemo = await startDemoSimulation(vigil, { dataDir, seed: opts.seed, accounts: opts.accounts, speed: opts.speed });
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n  ${signal}: stopping (finishing accepted work first)...`);
    await stopDemo?.();
    await vigil.close();
    console.log('  stopped cleanly.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
