// API keys: stored as SHA-256 hashes (the keys are 192-bit random, so a slow hash adds nothing), with roles.
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../domain/index.js';
import type { Executor } from './schema.js';

export interface ApiKeyInfo {
  id: string;
  name: string;
  roles: Role[];
  /** Review teams the key's moderator belongs to (queues may be limited to teams). */
  teams: string[];
  created_at: string;
  revoked_at: string | null;
}

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export async function createApiKey(ex: Executor, name: string, roles: Role[], now: Date, teams: string[] = []): Promise<{ key: string; info: ApiKeyInfo }> {
  const id = randomBytes(6).toString('hex');
  const key = `vgl_${id}_${randomBytes(24).toString('base64url')}`;
  await ex.insertInto('api_keys').values({ id, name, key_hash: hashKey(key), roles, teams, created_at: now }).execute();
  return { key, info: { id, name, roles, teams, created_at: now.toISOString(), revoked_at: null } };
}

/** Registers a key chosen outside Vigil (e.g. VIGIL_ADMIN_KEY, or the demo's saved key) if it is not known yet. */
export async function ensureApiKey(ex: Executor, key: string, name: string, roles: Role[], now: Date): Promise<void> {
  const id = hashKey(key).slice(0, 12);
  await ex.insertInto('api_keys').values({ id, name, key_hash: hashKey(key), roles, created_at: now }).onConflict((oc) => oc.column('key_hash').doNothing()).execute();
}

export async function findApiKey(ex: Executor, key: string): Promise<ApiKeyInfo | undefined> {
  const row = await ex.selectFrom('api_keys').selectAll().where('key_hash', '=', hashKey(key)).where('revoked_at', 'is', null).executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, name: row.name, roles: row.roles as Role[], teams: row.teams, created_at: row.created_at.toISOString(), revoked_at: null };
}

export async function listApiKeys(ex: Executor): Promise<ApiKeyInfo[]> {
  const rows = await ex.selectFrom('api_keys').selectAll().orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, roles: r.roles as Role[], teams: r.teams, created_at: r.created_at.toISOString(), revoked_at: r.revoked_at?.toISOString() ?? null }));
}

export async function revokeApiKey(ex: Executor, id: string, now: Date): Promise<boolean> {
  const res = await ex.updateTable('api_keys').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
