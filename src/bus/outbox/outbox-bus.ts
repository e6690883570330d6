// The embedded bus: messages are delivered straight from the bus_outbox table, so it needs nothing but
// the database (PGlite or a PostgreSQL server). Each consumer group keeps a cursor per topic in
// bus_cursors; failed messages are parked in bus_retries and redelivered when due, then moved to
// bus_dead_letters. Cursor moves and parking are written in one transaction, after the handlers
// they record have finished: a crash at any point loses nothing, it only redelivers.
import { sql } from 'kysely';
import type { Db, Executor } from '../../store/schema.js';
import { type Bus, type BusMessage, type Delivery, type SubscribeOptions, type Subscription } from '../bus.js';
import { checkSubscribeOptions, errorText, reportToStderr, resolveSubscribeOptions, retryDelay } from '../common.js';
import { GroupLocks } from '../group-locks.js';
import { KeyedRunner } from '../keyed-runner.js';
import { OutboxReader, writeOutbox, type OutboxRow } from '../outbox-table.js';
import { Sleeper } from '../sleeper.js';

export interface OutboxBusOptions {
  db: Db;
  /** The clock for retry times and dead letters. */
  now?: () => Date;
  /** Where background failures (lost database, failed cursor writes) are reported. Default: stderr. */
  onError?: (err: unknown, context: string) => void;
  /** Pause between polls when there was nothing (more) to read, in ms. Default 25. */
  idleMs?: number;
  /** Pause between attempts to take over a group another process is consuming, in ms. Default 250. */
  lockRetryMs?: number;
}

/** Messages read per poll, and how many may wait in memory per subscription. */
const READ_BATCH = 500;
/** Pause after an unexpected failure of a poll or a cursor write, in ms. */
const FAILURE_BACKOFF_MS = 1000;
/** Pause between back-to-back progress writes of one subscription, in ms. */
const FLUSH_GATHER_MS = 10;

export class OutboxBus implements Bus {
  readonly kind = 'outbox' as const;
  private readonly subscriptions = new Set<OutboxSubscription<any>>();
  private readonly locks: GroupLocks;
  private readonly now: () => Date;
  private readonly onError: (err: unknown, context: string) => void;
  private closed = false;

  constructor(private readonly options: OutboxBusOptions) {
    this.now = options.now ?? (() => new Date());
    this.onError = options.onError ?? reportToStderr;
    this.locks = new GroupLocks(options.db, this.onError);
  }

  publish(tx: Executor, messages: BusMessage[]): Promise<void> {
    return writeOutbox(tx, messages);
  }

  subscribe<T>(options: SubscribeOptions<T>): Subscription {
    if (this.closed) throw new Error('the bus is closed');
    checkSubscribeOptions(options);
    const sub = new OutboxSubscription<T>(this.options.db, this.locks, options, {
      now: this.now,
      onError: this.onError,
      idleMs: this.options.idleMs ?? 25,
      lockRetryMs: this.options.lockRetryMs ?? 250,
    });
    this.subscriptions.add(sub);
    sub.start();
    return {
      stop: async () => {
        await sub.stop();
        this.subscriptions.delete(sub);
      },
    };
  }

  async lag(topic: string, group: string): Promise<number> {
    // Unread messages past the cursor, plus messages behind it that are parked for another attempt.
    const { rows } = await sql<{ lag: number }>`
      WITH cursor AS (SELECT coalesce((SELECT position FROM bus_cursors WHERE group_name = ${group} AND topic = ${topic}), 0) AS position)
      SELECT (SELECT count(*) FROM bus_outbox, cursor WHERE topic = ${topic} AND seq > cursor.position)
           + (SELECT count(*) FROM bus_retries r JOIN bus_outbox o ON o.seq = r.seq, cursor
              WHERE r.group_name = ${group} AND o.topic = ${topic} AND r.seq <= cursor.position) AS lag`.execute(this.options.db);
    return Number(rows[0].lag);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.subscriptions.clear();
    await this.locks.close();
  }
}

interface Item {
  row: OutboxRow;
  attempt: number;
  /** Came from bus_retries (rather than from past the cursor). */
  redelivery: boolean;
}

/** What a finished handler leaves to write at the next flush. */
type Outcome =
  | { kind: 'acked'; seq: number; redelivery: boolean }
  | { kind: 'retry'; seq: number; redelivery: boolean; attempts: number; nextAt: Date; error: string }
  | { kind: 'dead'; seq: number; redelivery: boolean; attempts: number; error: string };

interface Settings {
  now: () => Date;
  onError: (err: unknown, context: string) => void;
  idleMs: number;
  lockRetryMs: number;
}

class OutboxSubscription<T> {
  private readonly group: string;
  private readonly topic: string;
  private readonly lockName: string;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: (attempt: number) => number;
  private readonly reader: OutboxReader;
  private readonly runner: KeyedRunner<Item>;
  private readonly sleeper = new Sleeper();
  private readonly bufferLimit: number;

  private loop: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  private stopRequested = false;
  private signalStop!: () => void;
  private readonly stopSignal = new Promise<void>((resolve) => (this.signalStop = resolve));

  /** Whether the state below belongs to a group lock this subscription holds. */
  private owning = false;
  /** Position written to bus_cursors. */
  private cursor = 0;
  /** Highest seq read past the cursor and handed to the runner. */
  private readPosition = 0;
  /** Seqs read past the cursor, ascending, from index `firstUnfinished` on not all finished. */
  private readSeqs: number[] = [];
  private firstUnfinished = 0;
  private readonly finished = new Set<number>();
  /** Redeliveries taken from bus_retries whose outcome is not yet written: not to be taken again. */
  private readonly redeliveriesHeld = new Set<number>();
  private outcomes: Outcome[] = [];
  private flushing: Promise<void> | undefined;
  private flushRequested = false;
  private flushRetry: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly locks: GroupLocks,
    private readonly options: SubscribeOptions<T>,
    private readonly settings: Settings,
  ) {
    this.group = options.group;
    this.topic = options.topic;
    this.lockName = `outbox:${options.group}:${options.topic}`;
    const resolved = resolveSubscribeOptions(options);
    this.maxAttempts = resolved.maxAttempts;
    this.retryDelayMs = resolved.retryDelayMs;
    this.reader = new OutboxReader(db, options.topic);
    this.runner = new KeyedRunner<Item>(resolved.concurrency, (item) => this.handle(item));
    this.bufferLimit = resolved.bufferLimit;
  }

  start(): void {
    this.loop = this.run();
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.stopRequested = true;
      this.signalStop();
      this.sleeper.wake();
      await this.loop;
      // Messages that never reached the handler stay unfinished, so the cursor stays in front of them.
      for (const item of await this.runner.stop()) if (item.redelivery) this.redeliveriesHeld.delete(item.row.seq);
      await this.flushPending();
      if (this.flushRetry) clearTimeout(this.flushRetry);
      await this.locks.release(this.lockName);
    })();
    return this.stopping;
  }

  private async run(): Promise<void> {
    while (!this.stopRequested) {
      try {
        if (!this.locks.holds(this.lockName)) {
          if (this.owning) await this.giveUp();
          if (!(await this.locks.tryAcquire(this.lockName))) {
            await this.sleeper.sleep(this.settings.lockRetryMs);
            continue;
          }
          await this.loadCursor();
          if (this.stopRequested) break;
        }
        if (this.runner.size >= this.bufferLimit) {
          await Promise.race([this.runner.waitBelow(this.bufferLimit), this.stopSignal]);
          continue;
        }
        const room = Math.min(READ_BATCH, this.bufferLimit - this.runner.size);
        const redeliveries = await this.readDueRetries(room);
        const fresh = await this.reader.readAfter(this.readPosition, room);
        if (this.stopRequested || !this.locks.holds(this.lockName)) continue;
        for (const item of redeliveries) {
          this.redeliveriesHeld.add(item.row.seq);
          this.runner.push(item.row.key, item);
        }
        for (const row of fresh.rows) {
          this.readSeqs.push(row.seq);
          this.readPosition = row.seq;
          this.runner.push(row.key, { row, attempt: 1, redelivery: false });
        }
        if (!fresh.full) await this.sleeper.sleep(this.settings.idleMs);
      } catch (err) {
        this.settings.onError(err, `polling ${this.topic} for group ${this.group}`);
        await this.sleeper.sleep(FAILURE_BACKOFF_MS);
      }
    }
  }

  /** Starts from the group's cursor: a group seen for the first time starts at the beginning of the topic. */
  private async loadCursor(): Promise<void> {
    await this.db
      .insertInto('bus_cursors')
      .values({ group_name: this.group, topic: this.topic, position: 0 })
      .onConflict((oc) => oc.columns(['group_name', 'topic']).doNothing())
      .execute();
    const row = await this.db
      .selectFrom('bus_cursors')
      .select('position')
      .where('group_name', '=', this.group)
      .where('topic', '=', this.topic)
      .executeTakeFirstOrThrow();
    this.cursor = this.readPosition = row.position;
    this.readSeqs = [];
    this.firstUnfinished = 0;
    this.finished.clear();
    this.reader.reset();
    this.owning = true;
  }

  /** The group lock was lost: another process may take over, so stop taking messages and record what finished. */
  private async giveUp(): Promise<void> {
    for (const item of this.runner.takeQueued()) if (item.redelivery) this.redeliveriesHeld.delete(item.row.seq);
    await this.runner.idle();
    await this.flushPending();
    this.owning = false;
  }

  private async readDueRetries(limit: number): Promise<Item[]> {
    const held = [...this.redeliveriesHeld];
    const rows = await this.db
      .selectFrom('bus_retries as r')
      .innerJoin('bus_outbox as o', 'o.seq', 'r.seq')
      .select(['r.seq', 'r.attempts', 'o.topic', 'o.partition_key', 'o.message_id', 'o.payload'])
      .where('r.group_name', '=', this.group)
      .where('o.topic', '=', this.topic)
      .where('r.next_at', '<=', this.settings.now())
      .$if(held.length > 0, (qb) => qb.where('r.seq', 'not in', held))
      .orderBy('r.next_at')
      .orderBy('r.seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      row: { seq: r.seq, topic: r.topic, key: r.partition_key, id: r.message_id, payload: r.payload },
      attempt: r.attempts + 1,
      redelivery: true,
    }));
  }

  private async handle(item: Item): Promise<void> {
    const { row, attempt, redelivery } = item;
    const delivery: Delivery<T> = { topic: row.topic, key: row.key, id: row.id, payload: row.payload as T, attempt };
    let outcome: Outcome;
    try {
      await this.options.handler(delivery);
      outcome = { kind: 'acked', seq: row.seq, redelivery };
    } catch (err) {
      const error = errorText(err);
      outcome =
        attempt >= this.maxAttempts
          ? { kind: 'dead', seq: row.seq, redelivery, attempts: attempt, error }
          : { kind: 'retry', seq: row.seq, redelivery, attempts: attempt, error, nextAt: new Date(this.settings.now().getTime() + retryDelay(this.retryDelayMs, attempt)) };
    }
    if (!redelivery) this.finished.add(row.seq);
    this.outcomes.push(outcome);
    this.requestFlush();
  }

  /** Writes finished outcomes and the cursor soon; flushes run one at a time and coalesce. */
  private requestFlush(): void {
    if (this.flushing) {
      this.flushRequested = true;
      return;
    }
    this.flushing = (async () => {
      try {
        for (;;) {
          this.flushRequested = false;
          await this.flushOnce();
          if (!this.flushRequested) break;
          // Let outcomes gather: one progress transaction per handful of messages, not one per message.
          await new Promise((resolve) => setTimeout(resolve, FLUSH_GATHER_MS));
        }
      } catch (err) {
        this.settings.onError(err, `recording progress of group ${this.group} on ${this.topic}`);
        this.flushRetry ??= setTimeout(() => {
          this.flushRetry = undefined;
          this.requestFlush();
        }, FAILURE_BACKOFF_MS);
      } finally {
        this.flushing = undefined;
      }
    })();
  }

  /** Waits for a running flush, then writes whatever is left. */
  private async flushPending(): Promise<void> {
    while (this.flushing) await this.flushing;
    try {
      await this.flushOnce();
    } catch (err) {
      this.settings.onError(err, `recording progress of group ${this.group} on ${this.topic}`);
    }
  }

  /** The cursor may pass every seq before the first one still unfinished. */
  private cursorTarget(): number {
    while (this.firstUnfinished < this.readSeqs.length && this.finished.has(this.readSeqs[this.firstUnfinished])) {
      this.finished.delete(this.readSeqs[this.firstUnfinished]);
      this.firstUnfinished++;
    }
    if (this.firstUnfinished > 4096) {
      this.readSeqs = this.readSeqs.slice(this.firstUnfinished);
      this.firstUnfinished = 0;
    }
    return this.firstUnfinished < this.readSeqs.length ? this.readSeqs[this.firstUnfinished] - 1 : this.readPosition;
  }

  private async flushOnce(): Promise<void> {
    const target = this.owning ? this.cursorTarget() : this.cursor;
    const outcomes = this.outcomes;
    if (outcomes.length === 0 && target <= this.cursor) return;
    this.outcomes = [];
    const now = this.settings.now();
    try {
      await this.db.transaction().execute(async (tx) => {
        const retries = outcomes.filter((o) => o.kind === 'retry');
        const dead = outcomes.filter((o) => o.kind === 'dead');
        const cleared = outcomes.filter((o) => o.redelivery && o.kind !== 'retry').map((o) => o.seq);
        if (retries.length) {
          await tx
            .insertInto('bus_retries')
            .values(retries.map((o) => ({ group_name: this.group, seq: o.seq, attempts: o.attempts, next_at: o.nextAt, last_error: o.error })))
            .onConflict((oc) =>
              oc.columns(['group_name', 'seq']).doUpdateSet((eb) => ({
                attempts: eb.ref('excluded.attempts'),
                next_at: eb.ref('excluded.next_at'),
                last_error: eb.ref('excluded.last_error'),
              })),
            )
            .execute();
        }
        if (dead.length) {
          await tx
            .insertInto('bus_dead_letters')
            .values(dead.map((o) => ({ group_name: this.group, seq: o.seq, attempts: o.attempts, last_error: o.error, dead_at: now })))
            .onConflict((oc) => oc.columns(['group_name', 'seq']).doNothing())
            .execute();
        }
        if (cleared.length) await tx.deleteFrom('bus_retries').where('group_name', '=', this.group).where('seq', 'in', cleared).execute();
        if (target > this.cursor) {
          await tx
            .updateTable('bus_cursors')
            .set({ position: sql<number>`greatest(position, ${target})` })
            .where('group_name', '=', this.group)
            .where('topic', '=', this.topic)
            .execute();
        }
      });
    } catch (err) {
      this.outcomes = outcomes.concat(this.outcomes);
      throw err;
    }
    this.cursor = Math.max(this.cursor, target);
    for (const o of outcomes) if (o.redelivery) this.redeliveriesHeld.delete(o.seq);
  }
}
