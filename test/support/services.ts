// Where the test suites find the servers they need, and what to do when one is absent:
// outside CI a suite skips with a printed reason; under CI (CI=true) an absent server fails the run.
import net from 'node:net';

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export const postgresAdminUrl = () => process.env.VIGIL_TEST_DATABASE_URL ?? process.env.VIGIL_DATABASE_URL ?? DEFAULT_PG_URL;
export const natsUrl = () => process.env.VIGIL_NATS_URL ?? DEFAULT_NATS_URL;
export const redisUrl = () => process.env.VIGIL_REDIS_URL ?? DEFAULT_REDIS_URL;

export function reachable(url: string, timeoutMs = 1000): Promise<boolean> {
  const u = new URL(url);
  const port = Number(u.port || { 'postgres:': 5432, 'postgresql:': 5432, 'nats:': 4222, 'redis:': 6379 }[u.protocol] || 0);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export const underCi = () => process.env.CI === 'true' || process.env.CI === '1';

/** Decides whether a suite needing `what` runs. Throws under CI when it is absent. */
export async function requireService(what: string, url: string): Promise<{ run: boolean; reason?: string }> {
  if (await reachable(url)) return { run: true };
  const reason = `${what} not reachable at ${url}`;
  if (underCi()) throw new Error(`${reason}: under CI every suite must run`);
  console.warn(`[skip] ${reason}; the suites that need it are skipped`);
  return { run: false, reason };
}
