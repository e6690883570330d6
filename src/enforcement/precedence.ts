// When several strategies act on the same entity for one event, which actions take effect. In order:
//  1. A human verdict overrides automation: if the latest human action (review, appeal or manual) on an
//     entity cleared it (allow, restore, unsuspend, unban, restore_listing, unsuspend_shop) for a policy, automated actions of that policy on it
//     are suppressed (a clearing with no policy clears every policy).
//  2. An `allow` from a strategy suppresses every other strategy's actions on that entity for the event.
//  3. The same action on the same entity (same label or queue) from several strategies takes effect once,
//     credited to the most severe policy (lowest tier), then the first strategy by id.
import { entityKey, type EntityRef } from '../domain/index.js';

export interface ProposedAction {
  verb: string;
  entity: EntityRef;
  policy: string;
  severity: number;
  strategyId: string;
  /** Distinguishes actions of one verb: the label or the queue. */
  qualifier: string;
}

export interface HumanClearing {
  entity: EntityRef;
  policy: string | null;
}

export const CLEARING_ACTIONS = new Set(['allow', 'restore', 'unsuspend', 'unban', 'restore_listing', 'unsuspend_shop']);
export const HUMAN_SOURCES = new Set(['manual', 'review', 'appeal']);

export interface Resolution<T extends ProposedAction> {
  applied: T[];
  suppressed: { action: T; because: string }[];
}

export function resolvePrecedence<T extends ProposedAction>(proposals: readonly T[], clearings: readonly HumanClearing[]): Resolution<T> {
  const suppressed: Resolution<T>['suppressed'] = [];
  const cleared = (p: T) => clearings.find((c) => entityKey(c.entity) === entityKey(p.entity) && (c.policy === null || c.policy === p.policy));
  const allowedBy = new Map<string, string>();
  for (const p of proposals) if (p.verb === 'allow' && !cleared(p)) allowedBy.set(entityKey(p.entity), allowedBy.get(entityKey(p.entity)) ?? p.strategyId);
  const survivors: T[] = [];
  for (const p of proposals) {
    const human = cleared(p);
    if (human) suppressed.push({ action: p, because: `a moderator cleared ${entityKey(p.entity)}${human.policy ? ` for ${human.policy}` : ''}` });
    else if (p.verb !== 'allow' && allowedBy.has(entityKey(p.entity)) && allowedBy.get(entityKey(p.entity)) !== p.strategyId)
      suppressed.push({ action: p, because: `strategy ${allowedBy.get(entityKey(p.entity))} allowed ${entityKey(p.entity)}` });
    else survivors.push(p);
  }
  const order = [...survivors].sort((a, b) => a.severity - b.severity || (a.strategyId < b.strategyId ? -1 : a.strategyId > b.strategyId ? 1 : 0));
  const kept = new Map<string, T>();
  for (const p of order) {
    const k = `${p.verb}\u0000${entityKey(p.entity)}\u0000${p.qualifier}`;
    const first = kept.get(k);
    if (first) suppressed.push({ action: p, because: `the same action comes from ${first.strategyId} (${first.policy})` });
    else kept.set(k, p);
  }
  const applied = survivors.filter((p) => [...kept.values()].includes(p));
  return { applied, suppressed };
}
