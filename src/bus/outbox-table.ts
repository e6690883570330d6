// The bus_outbox table, shared by both buses: publish writes messages into it inside the caller's
// transaction, and OutboxReader reads them back in seq order for a consumer (outbox bus) or a relay
// (JetStream), handing out only rows that no still-running transaction can precede.
import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../store/schema.js';
import type { BusMessage } from './bus.js';

export interface OutboxRow {
  seq: number;
  topic: string;
  key: string;
  id: string;
  payload: unknown;
}

function checkMessage(m: BusMessage): void {
  if (typeof m.topic !== 'string' || m.topic === '') throw new TypeError('a bus message needs a non-empty topic');
  if (typeof m.key !== 'string') throw new TypeError(`bus message on ${m.topic}: key must be a string`);
  if (typeof m.id !== 'string' || m.id === '') throw new TypeError(`bus message on ${m.topic}: id must be a non-empty string`);
}

async function insertRows(tx: Tx, messages: BusMessage[]): Promise<void> {
  // The transaction takes its transaction id before it draws any seq. OutboxReader depends on this:
  // a seq that is handed out but not yet visible then always belongs to a transaction listed as running.
  await sql`SELECT pg_current_xact_id()`.execute(tx);
  // One statement for the whole batch: four arrays unnested in order, so seqs follow the array order.
  await sql`
    INSERT INTO bus_outbox (topic, partition_key, message_id, payload)
    SELECT m.topic, m.partition_key, m.message_id, m.payload::jsonb
    FROM unnest(${messages.map((m) => m.topic)}::text[], ${messages.map((m) => m.key)}::text[],
                ${messages.map((m) => m.id)}::text[], ${messages.map((m) => JSON.stringify(m.payload ?? null))}::text[])
         WITH ORDINALITY AS m(topic, partition_key, message_id, payload, n)
    ORDER BY m.n`.execute(tx);
}

/** Writes `messages` to the outbox in the caller's transaction (a transaction of its own when given the Db). */
export async function writeOutbox(executor: Executor, messages: BusMessage[]): Promise<void> {
  if (messages.length === 0) return;
  messages.forEach(checkMessage);
  if (executor.isTransaction) await insertRows(executor as Tx, messages);
  else await executor.transaction().execute((tx) => insertRows(tx, messages));
}

interface ReadRow {
  xmin: string;
  xmax: string;
  seq: number | null;
  topic: string | null;
  partition_key: string | null;
  message_id: string | null;
  payload: unknown;
}

/**
 * Reads outbox rows past a position, in seq order, but only rows no later commit can slip in front of.
 *
 * Seqs are drawn when a row is inserted, not when its transaction commits: on a PostgreSQL server,
 * seq 7 can be visible while seq 6 still belongs to a running transaction. A reader that moved past
 * 7 would never see 6. So each read also notes the snapshot's transaction horizon: rows up to the
 * highest seq read are final once every transaction that was running at that read has ended
 * (snapshot xmin has reached that read's xmax), or at once when no transaction was running at all
 * (always the case on PGlite, which runs one transaction at a time). Rows beyond that wait for a
 * later read. A long-running writing transaction anywhere on the server delays delivery; it never loses a message.
 */
export class OutboxReader {
  /** A bound awaiting confirmation: seqs up to `upTo` are final once xmin reaches `xmax`. */
  private probe: { upTo: number; xmax: bigint } | undefined;

  constructor(
    private readonly db: Db,
    /** Only this topic; all topics when absent (the relay). */
    private readonly topic?: string,
  ) {}

  /** Forgets the pending bound (after the position was reloaded from the database). */
  reset(): void {
    this.probe = undefined;
  }

  /**
   * Up to `limit` final rows with seq > `after`. `full` says the read hit the limit with every row
   * final, so more are probably waiting right now.
   */
  async readAfter(after: number, limit: number): Promise<{ rows: OutboxRow[]; full: boolean }> {
    const topicFilter = this.topic === undefined ? sql`` : sql`topic = ${this.topic} AND`;
    // One statement, so the horizon and the rows come from the same snapshot.
    const { rows } = await sql<ReadRow>`
      SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, pg_snapshot_xmax(pg_current_snapshot())::text AS xmax,
             o.seq, o.topic, o.partition_key, o.message_id, o.payload
      FROM (SELECT 1) AS one
      LEFT JOIN LATERAL (
        SELECT seq, topic, partition_key, message_id, payload FROM bus_outbox
        WHERE ${topicFilter} seq > ${after} ORDER BY seq LIMIT ${limit}
      ) AS o ON true
      ORDER BY o.seq`.execute(this.db);
    const xmin = BigInt(rows[0].xmin);
    const xmax = BigInt(rows[0].xmax);
    const read: OutboxRow[] = rows
      .filter((r) => r.seq !== null)
      .map((r) => ({ seq: r.seq!, topic: r.topic!, key: r.partition_key!, id: r.message_id!, payload: r.payload }));
    const highest = read.length ? read[read.length - 1].seq : after;

    let finalUpTo = after;
    if (this.probe && xmin >= this.probe.xmax) {
      finalUpTo = Math.max(finalUpTo, this.probe.upTo);
      this.probe = undefined;
    }
    if (xmin === xmax) {
      finalUpTo = highest;
      this.probe = undefined;
    } else if (!this.probe && highest > finalUpTo) {
      this.probe = { upTo: highest, xmax };
    }
    const final = read.filter((r) => r.seq <= finalUpTo);
    return { rows: final, full: read.length === limit && final.length === read.length };
  }
}
