// Installs the default policy catalogue and queues into an empty database (never overwrites edits).
// Several processes may start at once on one server: an entry another process created first is skipped.
import { DEFAULT_POLICIES, DEFAULT_QUEUES } from '../domain/index.js';
import type { Db } from '../store/schema.js';
import { ConflictError } from './errors.js';
import { createPolicy } from './policies.js';
import { createQueue } from './queues.js';

async function unlessPresent(create: () => Promise<unknown>): Promise<number> {
  try {
    await create();
    return 1;
  } catch (err) {
    if (err instanceof ConflictError) return 0;
    throw err;
  }
}

export async function seedDefaultCatalogue(db: Db, now: Date): Promise<{ policies: number; queues: number }> {
  const any = await db.selectFrom('policies').select('id').limit(1).executeTakeFirst();
  if (any) return { policies: 0, queues: 0 };
  let policies = 0;
  let queues = 0;
  for (const p of DEFAULT_POLICIES) policies += await unlessPresent(() => createPolicy(db, p, 'system', now));
  for (const q of DEFAULT_QUEUES) queues += await unlessPresent(() => createQueue(db, q, 'system', now));
  return { policies, queues };
}
