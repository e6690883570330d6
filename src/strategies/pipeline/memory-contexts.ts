// The in-memory counterpart of contexts.ts: what deciding a batch needs, built from a map of entity state
// kept in this process instead of the store. Attributes are merged from the events as ingest merges them
// (later events win), labels and earlier actions live on the entity and are updated by decideBatch as
// actions are applied, and material hits come from the MaterialSet directly. For benchmarks, backtests
// and tests that run the decision pipeline without a database.
import { describeEvent, entityKey, type EntityRef, type VigilEvent } from '../../domain/index.js';
import { checkedItemsOf, type MaterialSet, type MediaFacts } from '../../materials/index.js';
import type { EntityView } from '../language/index.js';
import type { BatchContext, EntityState } from './contexts.js';
import type { PipelineEvent, SpanHit } from './evaluate.js';

/** One entity as the store would hold it: attributes merged from its events, its labels and actions. */
export interface MemoryEntity extends EntityState {
  attrs: Record<string, unknown>;
  firstSeenMs: number;
  lastSeenMs: number;
}

export interface MemoryEvent {
  /** Position in ingest order (the store's seq). */
  order: number;
  event: VigilEvent;
  /** The event's language, stated or detected, as ingest stores it. */
  language: string | null;
  /** Whether the language was detected rather than stated (ingest then puts it on the content). */
  languageDetected?: boolean;
}

export class MemoryEntityStore {
  readonly entities = new Map<string, MemoryEntity>();

  get(ref: EntityRef): MemoryEntity | undefined {
    return this.entities.get(entityKey(ref));
  }
}

const EMPTY_MEDIA: ReadonlyMap<string, MediaFacts> = new Map();

/**
 * Contexts for a batch of events in ingest order. First merges what the events say about their entities
 * into `store` (as ingest does before the pipeline reads the batch), then builds each event's context.
 */
export function memoryContexts(store: MemoryEntityStore, materials: MaterialSet, lists: ReadonlyMap<string, ReadonlySet<string>>, batch: readonly MemoryEvent[], media: ReadonlyMap<string, MediaFacts> = EMPTY_MEDIA): BatchContext {
  const described = batch.map((b) => describeEvent(b.event));
  const timeMs = batch.map((b) => Date.parse(b.event.time));
  const entities: MemoryEntity[][] = [];
  const state = new Map<string, EntityState>();
  for (let i = 0; i < batch.length; i++) {
    const at = timeMs[i]!;
    const mine: MemoryEntity[] = [];
    for (const m of described[i]!.mentions) {
      const key = entityKey(m);
      // (describeEvent gives each mention attributes of its own, so they can be kept as they are.)
      const attrs = m.type === 'content' && batch[i]!.languageDetected && m.role !== 'target' ? { ...m.attrs, language: batch[i]!.language } : m.attrs;
      let e = store.entities.get(key);
      if (!e) {
        e = { ref: { type: m.type, id: m.id }, attrs: { ...attrs }, labels: [], actions: [], human: new Map(), firstSeenMs: at, lastSeenMs: at };
        store.entities.set(key, e);
      } else {
        // Later events win attribute conflicts.
        if (at >= e.lastSeenMs) Object.assign(e.attrs, attrs);
        else e.attrs = { ...attrs, ...e.attrs };
        if (at < e.firstSeenMs) e.firstSeenMs = at;
        if (at > e.lastSeenMs) e.lastSeenMs = at;
      }
      state.set(key, e);
      mine.push(e);
    }
    entities.push(mine);
  }
  const events: PipelineEvent[] = batch.map((b, i) => {
    const d = described[i]!;
    const roles: Record<string, EntityView> = {};
    d.mentions.forEach((m, k) => {
      const e = entities[i]![k]!;
      // The stored attributes with the event's own on top; when the event says nothing newer than the
      // entity holds (the usual case), the view shares the entity's attributes (valid until the next call).
      roles[m.role] = { type: m.type, id: m.id, attrs: holds(e.attrs, m.attrs) ? e.attrs : { ...e.attrs, ...m.attrs }, labels: e.labels, firstSeenMs: e.firstSeenMs, actions: e.actions };
    });
    const hits: SpanHit[] = [];
    for (const item of checkedItemsOf(b.event, b.language ?? undefined))
      for (const h of materials.checkItem(item, media))
        if (!h.test)
          hits.push({ material_id: h.material_id, package_id: h.package_id, package_version: h.package_version, policy_id: h.policy_id, severity: h.severity, field: h.field, span_start: h.start ?? null, span_end: h.end ?? null, matched: h.matched ?? null });
    return {
      order: b.order,
      seq: b.order,
      rolloutKey: d.partitionKey,
      hits,
      ctx: { event: b.event, timeMs: timeMs[i]!, text: d.text ?? '', language: b.language, roles, hits, lists },
    };
  });
  return { events, meta: batch.map((b, i) => ({ seq: b.order, id: b.event.id, type: b.event.type, eventTime: new Date(timeMs[i]!) })), state };
}

/** Whether `all` already has every attribute of `some`, with the same value. */
function holds(all: Readonly<Record<string, unknown>>, some: Readonly<Record<string, unknown>>): boolean {
  for (const k in some) if (all[k] !== some[k]) return false;
  return true;
}
