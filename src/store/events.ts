// Events, entities and relations: the SQL behind ingest and the entity pages. Batches travel as one JSON
// parameter expanded with jsonb_to_recordset, which is fast and serialises the same on both backends.
import { sql } from 'kysely';
import type { Executor } from './schema.js';

export interface NewEventRow {
  id: string;
  type: string;
  event_time: string;
  received_at: string;
  partition_key: string;
  language: string | null;
  language_detected: boolean;
  /** The event as JSON text (already serialised for its hash, so it is not serialised twice). */
  body: string;
  body_hash: string;
  refs: string[];
}

export interface EntityUpsertRow {
  type: string;
  id: string;
  attrs: Record<string, unknown>;
  first_seen: string;
  last_seen: string;
  event_count: number;
}

export interface RelationUpsertRow {
  src_type: string;
  src_id: string;
  kind: string;
  dst_type: string;
  dst_id: string;
  first_seen: string;
  last_seen: string;
}

export interface StoredEvent {
  seq: number;
  id: string;
  type: string;
  event_time: Date;
  received_at: Date;
  partition_key: string;
  language: string | null;
  body: Record<string, unknown>;
}

const json = (rows: unknown) => JSON.stringify(rows);

/** Event rows as one JSON array, splicing each row's body text in as JSON rather than as a string. */
export function eventRowsJson(rows: NewEventRow[]): string {
  let out = '[';
  rows.forEach((row, i) => {
    const { body, ...rest } = row;
    out += `${i ? ',' : ''}${JSON.stringify(rest).slice(0, -1)},"body":${body}}`;
  });
  return `${out}]`;
}

export async function findEventHashes(ex: Executor, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await ex.selectFrom('events').select(['id', 'body_hash']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.body_hash]));
}

/** Inserts events not stored yet; returns the seq of each inserted id (ids already present are absent). */
export async function insertEvents(ex: Executor, rows: NewEventRow[]): Promise<Map<string, number>> {
  if (!rows.length) return new Map();
  const { rows: inserted } = await sql<{ id: string; seq: number }>`
    INSERT INTO events (id, type, event_time, received_at, partition_key, language, language_detected, body, body_hash, refs)
    SELECT x.id, x.type, x.event_time, x.received_at, x.partition_key, x.language, x.language_detected, x.body, x.body_hash,
           ARRAY(SELECT jsonb_array_elements_text(x.refs))
    FROM jsonb_to_recordset(${eventRowsJson(rows)}::text::jsonb) AS x(
      id text, type text, event_time timestamptz, received_at timestamptz, partition_key text,
      language text, language_detected boolean, body jsonb, body_hash text, refs jsonb)
    ON CONFLICT (id) DO NOTHING
    RETURNING id, seq`.execute(ex);
  return new Map(inserted.map((r) => [r.id, r.seq]));
}

/**
 * Upserts the entities and relations a batch mentions in one statement. Rows must be unique by key and
 * sorted by it, so concurrent batches on a server lock rows in the same order. Attributes merge (later
 * wins), first/last seen widen, counts add.
 */
export async function upsertWorld(ex: Executor, entities: EntityUpsertRow[], relations: RelationUpsertRow[]): Promise<void> {
  if (!entities.length && !relations.length) return;
  await sql`
    WITH en AS (
      INSERT INTO entities AS e (type, id, attrs, first_seen, last_seen, event_count)
      SELECT x.type, x.id, x.attrs, x.first_seen, x.last_seen, x.event_count
      FROM jsonb_to_recordset(${json(entities)}::text::jsonb) AS x(type text, id text, attrs jsonb, first_seen timestamptz, last_seen timestamptz, event_count bigint)
      ON CONFLICT (type, id) DO UPDATE SET
        attrs = e.attrs || EXCLUDED.attrs,
        first_seen = LEAST(e.first_seen, EXCLUDED.first_seen),
        last_seen = GREATEST(e.last_seen, EXCLUDED.last_seen),
        event_count = e.event_count + EXCLUDED.event_count
      RETURNING 1
    ), re AS (
      INSERT INTO relations AS r (src_type, src_id, kind, dst_type, dst_id, first_seen, last_seen)
      SELECT x.src_type, x.src_id, x.kind, x.dst_type, x.dst_id, x.first_seen, x.last_seen
      FROM jsonb_to_recordset(${json(relations)}::text::jsonb) AS x(src_type text, src_id text, kind text, dst_type text, dst_id text, first_seen timestamptz, last_seen timestamptz)
      ON CONFLICT (src_type, src_id, kind, dst_type, dst_id) DO UPDATE SET
        first_seen = LEAST(r.first_seen, EXCLUDED.first_seen),
        last_seen = GREATEST(r.last_seen, EXCLUDED.last_seen)
      -- A relation seen again within the same hour only widens nothing: skip the row version.
      WHERE EXCLUDED.last_seen > r.last_seen + interval '1 hour' OR EXCLUDED.first_seen < r.first_seen
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM en) AS entities, (SELECT count(*) FROM re) AS relations`.execute(ex);
}

export interface EventFilter {
  type?: string;
  entity?: { type: string; id: string };
  beforeSeq?: number;
  afterSeq?: number;
  limit: number;
}

const eventColumns = ['seq', 'id', 'type', 'event_time', 'received_at', 'partition_key', 'language', 'body'] as const;

/** Newest first (or oldest first after `afterSeq`, for tailing). */
export async function listEvents(ex: Executor, filter: EventFilter): Promise<StoredEvent[]> {
  let q = ex.selectFrom('events as ev').select(eventColumns.map((c) => `ev.${c}` as const));
  if (filter.entity) q = q.where(sql<boolean>`ev.refs @> ARRAY[${`${filter.entity.type}:${filter.entity.id}`}]::text[]`);
  if (filter.type) q = q.where('ev.type', '=', filter.type);
  if (filter.beforeSeq !== undefined) q = q.where('ev.seq', '<', filter.beforeSeq);
  if (filter.afterSeq !== undefined) q = q.where('ev.seq', '>', filter.afterSeq).orderBy('ev.seq', 'asc');
  else q = q.orderBy('ev.seq', 'desc');
  return (await q.limit(filter.limit).execute()) as StoredEvent[];
}

export async function countEvents(ex: Executor): Promise<number> {
  const row = await ex.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
