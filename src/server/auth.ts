// API-key authentication and role checks. Each route declares the roles it admits in `config.roles`;
// routes without it are public (health, metrics, docs, the console's static files).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../domain/index.js';
import { findApiKey, type ApiKeyInfo } from '../store/api-keys.js';
import type { Db } from '../store/schema.js';
import { HttpError } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    roles?: readonly Role[];
  }
  interface FastifyRequest {
    apiKey?: ApiKeyInfo;
  }
  interface FastifyInstance {
    /** Drops cached key lookups, e.g. after a revocation (other processes catch up within the TTL). */
    forgetApiKeys(): void;
  }
}

export const ANY_ROLE: readonly Role[] = ['admin', 'analyst', 'moderator', 'viewer', 'ingest'];
export const READERS: readonly Role[] = ['admin', 'analyst', 'moderator', 'viewer'];

function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const alt = request.headers['x-api-key'];
  return typeof alt === 'string' ? alt.trim() : undefined;
}

/** Keys are looked up at most once per TTL; a revoked key stops working within that time. */
export function registerAuth(app: FastifyInstance, db: Db, cacheTtlMs = 5_000): void {
  const cache = new Map<string, { info: ApiKeyInfo | undefined; until: number }>();
  app.decorate('forgetApiKeys', () => cache.clear());
  app.addHook('onRequest', async (request) => {
    const roles = request.routeOptions.config?.roles;
    if (!roles) return;
    const key = presentedKey(request);
    if (!key) throw new HttpError(401, 'unauthenticated', 'send an API key as "Authorization: Bearer <key>"');
    const now = Date.now();
    let hit = cache.get(key);
    if (!hit || hit.until < now) {
      hit = { info: await findApiKey(db, key), until: now + cacheTtlMs };
      if (cache.size > 10_000) cache.clear();
      cache.set(key, hit);
    }
    if (!hit.info) throw new HttpError(401, 'unauthenticated', 'the API key is unknown or revoked');
    if (!hit.info.roles.some((r) => roles.includes(r))) {
      throw new HttpError(403, 'forbidden', `this endpoint needs one of the roles ${roles.join(', ')}; the key "${hit.info.name}" has ${hit.info.roles.join(', ') || 'none'}`);
    }
    request.apiKey = hit.info;
  });
}

export function actorOf(request: FastifyRequest): string {
  return request.apiKey ? `key:${request.apiKey.id}:${request.apiKey.name}` : 'anonymous';
}
