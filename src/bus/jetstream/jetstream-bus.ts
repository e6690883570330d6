// The scaled-out bus on NATS JetStream. publish still writes to bus_outbox in the caller's transaction
// (a message exists exactly when its change committed); a background relay copies the outbox to a
// stream in seq order, with the message id as JetStream's deduplication id, and records how far it got
// in bus_relays. Each consumer group is a durable pull consumer per topic; failures are nak'ed with a
// delay, and after maxAttempts terminated and recorded in bus_dead_letters.
import { createHash } from 'node:crypto';
import { connect, headers, nanos, type NatsConnection } from '@nats-io/transport-node';
import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import type { Db, Executor } from '../../store/schema.js';
import { type Bus, type BusMessage, type Delivery, type SubscribeOptions, type Subscription } from '../bus.js';
import { checkSubscribeOptions, errorText, reportToStderr, resolveSubscribeOptions, retryDelay } from '../common.js';
import { GroupLocks } from '../group-locks.js';
import { KeyedRunner } from '../keyed-runner.js';
import { OutboxReader, writeOutbox, type OutboxRow } from '../outbox-table.js';
import { Sleeper } from '../sleeper.js';

export interface JetStreamBusOptions {
  db: Db;
  /** The NATS server(s) to connect to; the bus closes this connection on close(). */
  natsUrl?: string;
  /** A connection to use instead; the bus leaves it open on close(). */
  connection?: NatsConnection;
  /** The stream, and the first token of its subjects. Tests use a random one per run. Default "VIGIL". */
  streamName?: string;
  /** Subjects carry a partition derived from the key, for consumers that split a topic. Default 16. */
  partitions?: number;
  /** How long the stream keeps messages, in ms. Default 7 days. */
  maxAgeMs?: number;
  /** The clock for dead letters. */
  now?: () => Date;
  onError?: (err: unknown, context: string) => void;
  /** Pause between relay polls of the outbox when it had nothing (more), in ms. Default 25. */
  idleMs?: number;
  /** Pause between attempts to take over a relay another process runs, in ms. Default 250. */
  lockRetryMs?: number;
}

const DEFAULT_STREAM = 'VIGIL';
/** Longer than any realistic relay restart, so a batch published again after a crash is dropped as duplicate. */
const DUPLICATE_WINDOW_MS = 10 * 60_000;
const ACK_WAIT_MS = 30_000;
const RELAY_BATCH = 1000;
const PULL_BATCH = 256;
const FAILURE_BACKOFF_MS = 1000;

const HEADER_TOPIC = 'Vigil-Topic';
const HEADER_KEY = 'Vigil-Key';
const HEADER_SEQ = 'Vigil-Seq';
const HEADER_MSG_ID = 'Nats-Msg-Id';

/** A topic or group as one subject or consumer-name token: [A-Za-z0-9_-] kept, every other byte as ~xx. */
export function nameToken(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9_-]/.test(c) ? c : `~${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** FNV-1a over the key's bytes: stable across processes and versions, which the partition of a subject must be. */
export function partitionOf(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash % partitions;
}

function consumerName(group: string, topic: string): string {
  // "~~" cannot occur inside a token (every "~" there is followed by hex digits), so the pair is unambiguous.
  const name = `${nameToken(group)}~~${nameToken(topic)}`;
  return name.length <= 200 ? name : `${name.slice(0, 180)}_${createHash('sha256').update(name).digest('hex').slice(0, 16)}`;
}

const isNotFound = (err: unknown) =>
  err instanceof JetStreamApiError && (err.code === JetStreamApiCodes.ConsumerNotFound || err.code === JetStreamApiCodes.StreamNotFound);

export class JetStreamBus implements Bus {
  readonly kind = 'jetstream' as const;
  readonly streamName: string;
  private readonly subscriptions = new Set<JetStreamSubscription<any>>();
  private readonly locks: GroupLocks;
  private readonly relay: OutboxRelay;
  private readonly now: () => Date;
  private readonly onError: (err: unknown, context: string) => void;
  private closed = false;

  /** Connects, creates the stream when missing, and starts the relay. */
  static async connect(options: JetStreamBusOptions): Promise<JetStreamBus> {
    const streamName = options.streamName ?? DEFAULT_STREAM;
    if (!/^[A-Za-z0-9_-]+$/.test(streamName)) throw new TypeError(`stream name ${JSON.stringify(streamName)} may hold only letters, digits, _ and -`);
    if (!options.connection && !options.natsUrl) throw new TypeError('the JetStream bus needs natsUrl or connection');
    const nc = options.connection ?? (await connect({ servers: options.natsUrl }));
    try {
      const jsm = await jetstreamManager(nc);
      await ensureStream(jsm, streamName, options.maxAgeMs ?? 7 * 24 * 3_600_000);
      return new JetStreamBus(options, nc, jsm, streamName, !options.connection);
    } catch (err) {
      if (!options.connection) await nc.close().catch(() => undefined);
      throw err;
    }
  }

  private constructor(
    private readonly options: JetStreamBusOptions,
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    streamName: string,
    private readonly ownsConnection: boolean,
  ) {
    this.streamName = streamName;
    this.now = options.now ?? (() => new Date());
    this.onError = options.onError ?? reportToStderr;
    this.locks = new GroupLocks(options.db, this.onError);
    this.relay = new OutboxRelay(options.db, jetstream(nc), this.locks, {
      stream: streamName,
      partitions: options.partitions ?? 16,
      idleMs: options.idleMs ?? 25,
      lockRetryMs: options.lockRetryMs ?? 250,
      onError: this.onError,
    });
    this.relay.start();
  }

  publish(tx: Executor, messages: BusMessage[]): Promise<void> {
    return writeOutbox(tx, messages);
  }

  subscribe<T>(options: SubscribeOptions<T>): Subscription {
    if (this.closed) throw new Error('the bus is closed');
    checkSubscribeOptions(options);
    const sub = new JetStreamSubscription<T>(this.options.db, this.nc, this.jsm, this.streamName, options, this.now, this.onError);
    this.subscriptions.add(sub);
    sub.start();
    return {
      stop: async () => {
        await sub.stop();
        this.subscriptions.delete(sub);
      },
    };
  }

  /** Outbox rows not yet relayed, plus what the group's consumer has not yet had acknowledged. */
  async lag(topic: string, group: string): Promise<number> {
    // Relayed position first, consumer second: a message relayed in between is counted twice rather than
    // not at all, so lag never reads 0 while there is work.
    const relayed = await this.relayedUpTo();
    const unrelayed = await this.options.db
      .selectFrom('bus_outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('topic', '=', topic)
      .where('seq', '>', relayed)
      .executeTakeFirstOrThrow();
    let inStream: number;
    try {
      const info = await this.jsm.consumers.info(this.streamName, consumerName(group, topic));
      inStream = info.num_pending + info.num_ack_pending;
    } catch (err) {
      if (!isNotFound(err)) throw err;
      // A group that never subscribed starts at the beginning: everything stored on the topic is its lag.
      const info = await this.jsm.streams.info(this.streamName, { subjects_filter: topicFilter(this.streamName, topic) });
      inStream = Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
    }
    return Number(unrelayed.n) + inStream;
  }

  /**
   * The highest outbox seq in the stream. The relay records its position only after the stream acknowledged
   * a batch, so the recorded position can trail the stream; the last stored message says how far it really got.
   */
  private async relayedUpTo(): Promise<number> {
    const recorded = await this.options.db.selectFrom('bus_relays').select('position').where('relay', '=', this.streamName).executeTakeFirst();
    const info = await this.jsm.streams.info(this.streamName);
    let inStream = 0;
    if (info.state.last_seq > 0) {
      const last = await this.jsm.streams.getMessage(this.streamName, { seq: info.state.last_seq }).catch(() => null);
      const header = last?.header.get(HEADER_SEQ);
      if (header) inStream = Number(header);
    }
    return Math.max(recorded?.position ?? 0, Number.isSafeInteger(inStream) ? inStream : 0);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.subscriptions.clear();
    await this.relay.stop();
    await this.locks.close();
    if (this.ownsConnection) await this.nc.drain().catch(() => undefined);
  }
}

const topicFilter = (stream: string, topic: string) => `${stream}.${nameToken(topic)}.*`;

async function ensureStream(jsm: JetStreamManager, name: string, maxAgeMs: number): Promise<void> {
  try {
    await jsm.streams.info(name);
    return;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  try {
    await jsm.streams.add({
      name,
      subjects: [`${name}.>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_age: nanos(maxAgeMs),
      duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    });
  } catch (err) {
    // Another process may have created it in between; only a stream that still does not exist is an error.
    await jsm.streams.info(name).catch(() => Promise.reject(err));
  }
}

interface RelaySettings {
  stream: string;
  partitions: number;
  idleMs: number;
  lockRetryMs: number;
  onError: (err: unknown, context: string) => void;
}

/** Copies the outbox into the stream, in seq order, one process at a time. */
class OutboxRelay {
  private readonly reader: OutboxReader;
  private readonly sleeper = new Sleeper();
  private readonly lockName: string;
  private position = 0;
  private loop: Promise<void> | undefined;
  private stopRequested = false;

  constructor(
    private readonly db: Db,
    private readonly js: JetStreamClient,
    private readonly locks: GroupLocks,
    private readonly settings: RelaySettings,
  ) {
    this.reader = new OutboxReader(db);
    this.lockName = `relay:${settings.stream}`;
  }

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopRequested = true;
    this.sleeper.wake();
    await this.loop;
    await this.locks.release(this.lockName);
  }

  private async run(): Promise<void> {
    while (!this.stopRequested) {
      try {
        if (!this.locks.holds(this.lockName)) {
          if (!(await this.locks.tryAcquire(this.lockName))) {
            await this.sleeper.sleep(this.settings.lockRetryMs);
            continue;
          }
          await this.loadPosition();
        }
        const { rows, full } = await this.reader.readAfter(this.position, RELAY_BATCH);
        if (rows.length) {
          await this.publish(rows);
          const last = rows[rows.length - 1].seq;
          await this.db
            .updateTable('bus_relays')
            .set({ position: (eb) => eb.fn('greatest', [eb.ref('position'), eb.val(last)]) })
            .where('relay', '=', this.settings.stream)
            .execute();
          this.position = last;
        }
        if (!full) await this.sleeper.sleep(this.settings.idleMs);
      } catch (err) {
        this.settings.onError(err, `relaying the outbox to stream ${this.settings.stream}`);
        // The position did not move: the batch is published again, and what already reached the stream is dropped as duplicate.
        await this.sleeper.sleep(FAILURE_BACKOFF_MS);
      }
    }
  }

  private async loadPosition(): Promise<void> {
    await this.db
      .insertInto('bus_relays')
      .values({ relay: this.settings.stream, position: 0 })
      .onConflict((oc) => oc.column('relay').doNothing())
      .execute();
    const row = await this.db.selectFrom('bus_relays').select('position').where('relay', '=', this.settings.stream).executeTakeFirstOrThrow();
    this.position = row.position;
    this.reader.reset();
  }

  /**
   * Publishes a batch and waits for every acknowledgement. They go out in seq order on one connection,
   * so the stream stores them in that order; only a batch retried after a partial failure can reorder.
   */
  private async publish(rows: OutboxRow[]): Promise<void> {
    const { stream, partitions } = this.settings;
    await Promise.all(
      rows.map((row) => {
        const h = headers();
        // Header values cannot hold line breaks; keys and topics are free text.
        h.set(HEADER_TOPIC, encodeURIComponent(row.topic));
        h.set(HEADER_KEY, encodeURIComponent(row.key));
        h.set(HEADER_SEQ, String(row.seq));
        const subject = `${stream}.${nameToken(row.topic)}.${partitionOf(row.key, partitions)}`;
        return this.js.publish(subject, JSON.stringify(row.payload), { msgID: row.id, headers: h });
      }),
    );
  }
}

class JetStreamSubscription<T> {
  private readonly durable: string;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: (attempt: number) => number;
  private readonly runner: KeyedRunner<JsMsg>;
  private readonly bufferLimit: number;
  private readonly sleeper = new Sleeper();
  private loop: Promise<void> | undefined;
  private messages: ConsumerMessages | undefined;
  private stopping: Promise<void> | undefined;
  private stopRequested = false;
  private signalStop!: () => void;
  private readonly stopSignal = new Promise<void>((resolve) => (this.signalStop = resolve));

  constructor(
    private readonly db: Db,
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly stream: string,
    private readonly options: SubscribeOptions<T>,
    private readonly now: () => Date,
    private readonly onError: (err: unknown, context: string) => void,
  ) {
    this.durable = consumerName(options.group, options.topic);
    const resolved = resolveSubscribeOptions(options);
    this.maxAttempts = resolved.maxAttempts;
    this.retryDelayMs = resolved.retryDelayMs;
    this.runner = new KeyedRunner<JsMsg>(resolved.concurrency, (m) => this.handle(m));
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
      this.messages?.stop();
      // Messages that never reached the handler go back at once instead of after the ack wait.
      for (const m of await this.runner.stop()) m.nak();
      await this.loop;
      await this.nc.flush().catch(() => undefined);
    })();
    return this.stopping;
  }

  private async run(): Promise<void> {
    const js = jetstream(this.nc);
    while (!this.stopRequested) {
      try {
        await this.ensureConsumer();
        const consumer = await js.consumers.get(this.stream, this.durable);
        const messages = await consumer.consume({ max_messages: PULL_BATCH });
        this.messages = messages;
        if (this.stopRequested) messages.stop();
        for await (const m of messages) {
          if (this.stopRequested) {
            m.nak();
            continue;
          }
          this.runner.push(decodeHeader(m, HEADER_KEY) ?? '', m);
          if (this.runner.size >= this.bufferLimit) await Promise.race([this.runner.waitBelow(this.bufferLimit), this.stopSignal]);
        }
      } catch (err) {
        if (this.stopRequested) break;
        this.onError(err, `consuming ${this.options.topic} for group ${this.options.group}`);
        await this.sleeper.sleep(FAILURE_BACKOFF_MS);
      }
    }
  }

  private async ensureConsumer(): Promise<void> {
    try {
      await this.jsm.consumers.info(this.stream, this.durable);
      return;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    try {
      await this.jsm.consumers.add(this.stream, {
        durable_name: this.durable,
        ack_policy: AckPolicy.Explicit,
        // A new group starts at the beginning of the topic, as on the outbox bus.
        deliver_policy: DeliverPolicy.All,
        filter_subject: topicFilter(this.stream, this.options.topic),
        ack_wait: nanos(ACK_WAIT_MS),
        // Dead letters are decided here (term after maxAttempts), so the server redelivers without limit.
        max_deliver: -1,
      });
    } catch (err) {
      await this.jsm.consumers.info(this.stream, this.durable).catch(() => Promise.reject(err));
    }
  }

  private async handle(m: JsMsg): Promise<void> {
    const attempt = m.info.deliveryCount;
    // A handler may run longer than the ack wait; tell the server it is still being worked on.
    const working = setInterval(() => m.working(), ACK_WAIT_MS / 3);
    const seqHeader = m.headers?.get(HEADER_SEQ);
    const seq = seqHeader ? Number(seqHeader) : Number.NaN;
    try {
      const delivery: Delivery<T> = {
        topic: decodeHeader(m, HEADER_TOPIC) ?? this.options.topic,
        key: decodeHeader(m, HEADER_KEY) ?? '',
        id: m.headers?.get(HEADER_MSG_ID) ?? '',
        payload: m.json<T>(),
        attempt,
      };
      await this.options.handler(delivery);
      m.ack();
    } catch (err) {
      const error = errorText(err);
      if (attempt < this.maxAttempts) {
        m.nak(retryDelay(this.retryDelayMs, attempt));
        return;
      }
      try {
        if (Number.isSafeInteger(seq)) {
          await this.db
            .insertInto('bus_dead_letters')
            .values({ group_name: this.options.group, seq, attempts: attempt, last_error: error, dead_at: this.now() })
            .onConflict((oc) => oc.columns(['group_name', 'seq']).doNothing())
            .execute();
        } else {
          this.onError(err, `message ${m.seq} of stream ${this.stream} has no outbox seq; terminated without a dead-letter row`);
        }
        // No reason text: servers before 2.10 do not recognise "+TERM <reason>" and would leave the message pending.
        m.term();
      } catch (dbErr) {
        // Not recorded, so not given up either: it comes back and is dead-lettered on a later attempt.
        this.onError(dbErr, `recording a dead letter for group ${this.options.group}`);
        m.nak(retryDelay(this.retryDelayMs, attempt));
      }
    } finally {
      clearInterval(working);
    }
  }
}

function decodeHeader(m: JsMsg, name: string): string | undefined {
  const value = m.headers?.get(name);
  if (!value) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // not written by the relay; used as it is rather than stopping the consumer
  }
}
