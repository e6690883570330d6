// Event intake: after validation, one transaction stores the batch (idempotent by event id), upserts the
// entities and relations it mentions, links entities to events, and publishes each new event on the bus.
// The caller acknowledges only after this resolves, i.e. after commit.
import type { Bus } from '../bus/bus.js';
import { describeEvent, entityKey, statedLanguage, type EventDescription, type VigilEvent } from '../domain/index.js';
import type { Db } from '../store/schema.js';
import { findEventHashes, insertEvents, upsertWorld, type EntityUpsertRow, type NewEventRow, type RelationUpsertRow } from '../store/events.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import type { LanguageDetector } from './language.js';

export const EVENTS_TOPIC = 'events';

/** What the bus carries for each accepted event; consumers read the rest from the store. */
export interface EventMessage {
  seq: number;
  id: string;
  type: string;
  event_time: string;
  received_at: string;
}

export class EventConflictError extends Error {
  constructor(
    readonly index: number,
    readonly eventId: string,
  ) {
    super(`event ${index} (id ${JSON.stringify(eventId)}): an event with this id was already accepted with a different body; the stored event is kept`);
    this.name = 'EventConflictError';
  }
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  results: { id: string; status: 'accepted' | 'duplicate'; seq?: number }[];
}

export interface IngestDeps {
  db: Db;
  bus: Bus;
  languages: LanguageDetector;
}

export interface Prepared {
  event: VigilEvent;
  index: number;
  hash: string;
  description: EventDescription;
  row: NewEventRow;
}

/** Pure: hashes, describes and (where needed) language-tags a batch; finds repeats inside it. */
export function prepare(events: VigilEvent[], languages: LanguageDetector, receivedAt: string): { prepared: Prepared[]; duplicatesInBatch: Set<number> } {
  const firstById = new Map<string, Prepared>();
  const duplicatesInBatch = new Set<number>();
  const prepared: Prepared[] = [];
  events.forEach((event, index) => {
    const canonical = canonicalJson(event);
    const hash = sha256Hex(canonical);
    const earlier = firstById.get(event.id);
    if (earlier) {
      if (earlier.hash !== hash) throw new EventConflictError(index, event.id);
      duplicatesInBatch.add(index);
      return;
    }
    const description = describeEvent(event);
    const stated = statedLanguage(event);
    const detected = stated ? undefined : description.text ? languages.detect(description.text) : undefined;
    const p: Prepared = {
      event,
      index,
      hash,
      description,
      row: {
        id: event.id,
        type: event.type,
        event_time: new Date(event.time).toISOString(),
        received_at: receivedAt,
        partition_key: description.partitionKey,
        language: stated ?? detected ?? null,
        language_detected: detected !== undefined,
        body: canonical,
        body_hash: hash,
        refs: [...new Set(description.mentions.map(entityKey))],
      },
    };
    firstById.set(event.id, p);
    prepared.push(p);
  });
  return { prepared, duplicatesInBatch };
}

/** Pure: the entity and relation rows for the newly inserted events, merged per key and sorted. */
export function worldRows(fresh: Prepared[]) {
  const entities = new Map<string, EntityUpsertRow>();
  const relations = new Map<string, RelationUpsertRow>();
  for (const p of fresh) {
    const at = p.row.event_time;
    const description = p.description;
    const counted = new Set<string>();
    for (const m of description.mentions) {
      const key = entityKey(m);
      const attrs = m.type === 'content' && p.row.language_detected && m.role !== 'target' ? { ...m.attrs, language: p.row.language } : m.attrs;
      const row = entities.get(key);
      if (!row) entities.set(key, { type: m.type, id: m.id, attrs: { ...attrs }, first_seen: at, last_seen: at, event_count: 1 });
      else {
        // Later events win attribute conflicts; the batch is applied in event-time order.
        if (at >= row.last_seen) Object.assign(row.attrs, attrs);
        else row.attrs = { ...attrs, ...row.attrs };
        if (at < row.first_seen) row.first_seen = at;
        if (at > row.last_seen) row.last_seen = at;
        if (!counted.has(key)) row.event_count += 1;
      }
      counted.add(key);
    }
    for (const r of description.relations) {
      const key = `${entityKey(r.src)}|${r.kind}|${entityKey(r.dst)}`;
      const row = relations.get(key);
      if (!row) relations.set(key, { src_type: r.src.type, src_id: r.src.id, kind: r.kind, dst_type: r.dst.type, dst_id: r.dst.id, first_seen: at, last_seen: at });
      else {
        if (at < row.first_seen) row.first_seen = at;
        if (at > row.last_seen) row.last_seen = at;
      }
    }
  }
  const byKey = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return { entities: byKey(entities), relations: byKey(relations) };
}

/**
 * Stores a validated batch. All or nothing: a conflicting id (same id, different body) rejects the whole
 * batch with EventConflictError and stores none of it.
 */
export async function ingestBatch(deps: IngestDeps, events: VigilEvent[], now: Date): Promise<IngestResult> {
  const receivedAt = now.toISOString();
  const { prepared, duplicatesInBatch } = prepare(events, deps.languages, receivedAt);
  const statuses = new Map<number, { status: 'accepted' | 'duplicate'; seq?: number }>();

  await deps.db.transaction().execute(async (tx) => {
    const seqs = await insertEvents(
      tx,
      prepared.map((p) => p.row),
    );
    // An id not inserted was stored before (or by a concurrent batch a moment ago): a duplicate only if
    // its body is the same; otherwise the whole batch is refused and rolled back.
    const known = prepared.filter((p) => !seqs.has(p.event.id));
    if (known.length) {
      const stored = await findEventHashes(tx, known.map((p) => p.event.id));
      for (const p of known) if (stored.get(p.event.id) !== p.hash) throw new EventConflictError(p.index, p.event.id);
    }
    const fresh = prepared
      .filter((p) => seqs.has(p.event.id))
      .sort((a, b) => (a.row.event_time < b.row.event_time ? -1 : a.row.event_time > b.row.event_time ? 1 : 0));
    const world = worldRows(fresh);
    await upsertWorld(tx, world.entities, world.relations);
    const inOrder = [...fresh].sort((a, b) => a.index - b.index);
    await deps.bus.publish(
      tx,
      inOrder.map((p) => ({
        topic: EVENTS_TOPIC,
        key: p.row.partition_key,
        id: p.event.id,
        payload: { seq: seqs.get(p.event.id)!, id: p.event.id, type: p.event.type, event_time: p.row.event_time, received_at: receivedAt } satisfies EventMessage,
      })),
    );
    for (const p of prepared) statuses.set(p.index, seqs.has(p.event.id) ? { status: 'accepted', seq: seqs.get(p.event.id) } : { status: 'duplicate' });
  });

  const results = events.map((e, index) => ({ id: e.id, ...(duplicatesInBatch.has(index) ? { status: 'duplicate' as const } : statuses.get(index)!) }));
  const accepted = results.filter((r) => r.status === 'accepted').length;
  return { accepted, duplicates: results.length - accepted, results };
}
