// What a strategy is checked against when it is saved: the policy catalogue, the queue registry, the
// material packages and the named lists, as they are now.
import type { Executor } from '../../store/schema.js';
import type { CompileContext } from '../language/index.js';

export async function loadCompileContext(ex: Executor): Promise<CompileContext> {
  const [policies, queues, packages, lists] = await Promise.all([
    ex.selectFrom('policies').select(['id', 'severity_tier']).where('archived', '=', false).execute(),
    ex.selectFrom('queues').select('id').where('archived', '=', false).execute(),
    ex.selectFrom('material_packages').select('id').where('archived', '=', false).execute(),
    ex.selectFrom('lists').select('id').execute(),
  ]);
  return {
    policies: new Map(policies.map((p) => [p.id, { severity_tier: p.severity_tier }])),
    queues: new Set(queues.map((q) => q.id)),
    packages: new Set(packages.map((p) => p.id)),
    lists: new Set(lists.map((l) => l.id)),
  };
}
