// A running Vigil for tests: the real server on a cloned template database (PGlite or PostgreSQL),
// listening on a random port, with an admin key and helpers to make keys of other roles.
import { startVigil, type RunningVigil } from '../../src/server/index.js';
import type { Backend } from '../../src/store/database.js';
import { createApiKey } from '../../src/store/api-keys.js';
import type { Role } from '../../src/domain/index.js';
import { createPostgresTestDatabase, pgliteTemplate } from './db.js';

export interface TestVigil extends RunningVigil {
  adminKey: string;
  keyFor(role: Role): Promise<string>;
  request(method: string, path: string, options?: { key?: string | null; body?: unknown; raw?: string | Buffer; contentType?: string }): Promise<{ status: number; json: any; text: string }>;
}

export async function startTestVigil(backend: Backend, extra: { natsUrl?: string; streamName?: string } = {}): Promise<TestVigil> {
  const vigil = await startVigil({
    port: 0,
    consoleDir: false,
    ...(backend === 'pglite' ? { loadDataDir: pgliteTemplate() } : { databaseUrl: await createPostgresTestDatabase() }),
    ...extra,
  });
  if (!vigil.adminKey) throw new Error('expected a generated admin key on a fresh database');
  const adminKey = vigil.adminKey;
  const keys = new Map<Role, string>();
  return {
    ...vigil,
    adminKey,
    async keyFor(role) {
      if (!keys.has(role)) keys.set(role, (await createApiKey(vigil.services.db, `test-${role}`, [role], new Date())).key);
      return keys.get(role)!;
    },
    async request(method, path, options = {}) {
      const key = options.key === undefined ? adminKey : options.key;
      const headers: Record<string, string> = {};
      if (key) headers.authorization = `Bearer ${key}`;
      let body: string | Buffer | undefined;
      if (options.raw !== undefined) {
        body = options.raw;
        headers['content-type'] = options.contentType ?? 'application/json';
      } else if (options.body !== undefined && method !== 'GET' && method !== 'HEAD') {
        body = JSON.stringify(options.body);
        headers['content-type'] = 'application/json';
      }
      const res = await fetch(`${vigil.url}${path}`, { method, headers, body });
      const text = await res.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, json, text };
    },
  };
}

/** Polls `check` until it returns a truthy value or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
