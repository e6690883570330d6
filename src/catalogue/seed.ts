// Installs the default policy catalogue and queues into an empty database (never overwrites edits).
import { DEFAULT_POLICIES, DEFAULT_QUEUES } from '../domain/index.js';
import type { Db } from '../store/schema.js';
import { createPolicy } from './policies.js';
import { createQueue } from './queues.js';

export async function seedDefaultCatalogue(db: Db, now: Date): Promise<{ policies: number; queues: number }> {
  const any = await db.selectFrom('policies').select('id').limit(1).executeTakeFirst();
  if (any) return { policies: 0, queues: 0 };
  for (const p of DEFAULT_POLICIES) await createPolicy(db, p, 'system', now);
  for (const q of DEFAULT_QUEUES) await createQueue(db, q, 'system', now);
  return { policies: DEFAULT_POLICIES.length, queues: DEFAULT_QUEUES.length };
}
