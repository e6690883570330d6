// Which queue a task goes to. Rules are tried in order and the first whose every set column matches wins;
// a queue that is archived or draining takes no new tasks, so its rules are passed over. With no rule
// matching, the queue registry decides: a queue reviewing the policy in the item's language, else one
// reviewing the policy in any language. Appeals with no rule of their own go to that queue's escalation
// queue when it has one, so that a second line reviews them.
import { Type, type Static } from '@sinclair/typebox';
import { requireQueue, UnknownReferenceError } from '../catalogue/index.js';
import { MODALITIES } from '../domain/index.js';
import { appendAudit } from '../store/audit.js';
import type { Db, Executor } from '../store/schema.js';

const nullable = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));

export const RouteRuleSchema = Type.Object(
  {
    task_kind: nullable(Type.Union([Type.Literal('review'), Type.Literal('appeal')])),
    policy: nullable(Type.String()),
    modality: nullable(Type.Union(MODALITIES.map((m) => Type.Literal(m)))),
    language: nullable(Type.String({ pattern: '^[a-z]{2,3}$' })),
    market: nullable(Type.String({ pattern: '^[A-Z]{2}$' })),
    severity_tiers: nullable(Type.Array(Type.Integer({ minimum: 1, maximum: 4 }), { minItems: 1 })),
    queue: Type.String(),
  },
  { additionalProperties: false },
);
export type RouteRule = Static<typeof RouteRuleSchema>;

export interface TaskAttributes {
  kind: 'review' | 'appeal';
  policy: string | null;
  modality: string | null;
  language: string | null;
  market: string | null;
  severityTier: number | null;
}

export interface QueueForRouting {
  id: string;
  policies: string[];
  languages: string[];
  escalation_queue: string | null;
  state: string;
  archived: boolean;
}

const accepts = (q: QueueForRouting | undefined) => !!q && !q.archived && q.state !== 'draining';

function ruleMatches(rule: RouteRule, t: TaskAttributes): boolean {
  const eq = (want: string | null | undefined, have: string | null) => want == null || want === have;
  return (
    eq(rule.task_kind, t.kind) &&
    eq(rule.policy, t.policy) &&
    eq(rule.modality, t.modality) &&
    eq(rule.language, t.language) &&
    eq(rule.market, t.market) &&
    (rule.severity_tiers == null || (t.severityTier !== null && rule.severity_tiers.includes(t.severityTier)))
  );
}

/** The queue for a task, or undefined when no queue reviews it. */
export function chooseQueue(rules: readonly RouteRule[], queues: readonly QueueForRouting[], t: TaskAttributes): string | undefined {
  const byId = new Map(queues.map((q) => [q.id, q]));
  for (const rule of rules) if (ruleMatches(rule, t) && accepts(byId.get(rule.queue))) return rule.queue;
  const reviewing = queues.filter((q) => accepts(q) && t.policy !== null && q.policies.includes(t.policy));
  const registry = reviewing.find((q) => t.language !== null && q.languages.includes(t.language)) ?? reviewing.find((q) => q.languages.length === 0);
  if (!registry) return undefined;
  if (t.kind === 'appeal' && registry.escalation_queue && accepts(byId.get(registry.escalation_queue))) return registry.escalation_queue;
  return registry.id;
}

export async function loadRouting(ex: Executor): Promise<{ rules: RouteRule[]; queues: QueueForRouting[] }> {
  const [rows, queues] = await Promise.all([
    ex.selectFrom('review_routes').selectAll().orderBy('position').execute(),
    ex.selectFrom('queues').select(['id', 'policies', 'languages', 'escalation_queue', 'state', 'archived']).orderBy('id').execute(),
  ]);
  const rules = rows.map((r) => ({
    task_kind: r.task_kind as RouteRule['task_kind'],
    policy: r.policy_id,
    modality: r.modality as RouteRule['modality'],
    language: r.language,
    market: r.market,
    severity_tiers: r.severity_tiers,
    queue: r.queue_id,
  }));
  return { rules, queues };
}

/** Replaces the routing rules as a whole (their order is their meaning). */
export async function saveRouting(db: Db, rules: RouteRule[], actor: string, now: Date): Promise<RouteRule[]> {
  return db.transaction().execute(async (tx) => {
    for (const [i, r] of rules.entries()) {
      try {
        await requireQueue(tx, r.queue);
        if (r.policy) {
          const p = await tx.selectFrom('policies').select('id').where('id', '=', r.policy).where('archived', '=', false).executeTakeFirst();
          if (!p) throw new UnknownReferenceError(`unknown policy ${JSON.stringify(r.policy)}`);
        }
      } catch (err) {
        if (err instanceof UnknownReferenceError) throw new UnknownReferenceError(`rule ${i + 1}: ${err.message}`);
        throw err;
      }
    }
    await tx.deleteFrom('review_routes').execute();
    if (rules.length)
      await tx
        .insertInto('review_routes')
        .values(
          rules.map((r, i) => ({
            position: i + 1,
            task_kind: r.task_kind ?? null,
            policy_id: r.policy ?? null,
            modality: r.modality ?? null,
            language: r.language ?? null,
            market: r.market ?? null,
            severity_tiers: r.severity_tiers ?? null,
            queue_id: r.queue,
          })),
        )
        .execute();
    await appendAudit(tx, now, { actor, action: 'review.routing', target_type: 'review_routes', target_id: 'routes', details: { rules: rules.length } });
    return (await loadRouting(tx)).rules;
  });
}
