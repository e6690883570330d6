// The bus contract: what every Bus implementation promises its publishers and consumers. One suite,
// run against the outbox bus on PGlite and on a PostgreSQL server, and JetStream with its outbox on
// either. A variant whose server is absent skips with a printed reason outside CI and fails under CI.
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { sql } from 'kysely';
import { resetDatabase, testDatabase } from '../../test/support/db.js';
import { natsUrl, requireService } from '../../test/support/services.js';
import type { Backend, Database } from '../store/database.js';
import { createBus, processOnce, type Bus, type BusMessage, type Delivery } from './index.js';

interface Variant {
  name: string;
  backend: Backend;
  jetstream: boolean;
  skip: boolean;
}

const nats = await requireService('NATS', natsUrl());
const VARIANTS: Variant[] = [
  { name: 'outbox bus on PGlite', backend: 'pglite', jetstream: false, skip: false },
  // The PostgreSQL template is missing only when the server is (global-setup fails under CI in that case).
  { name: 'outbox bus on PostgreSQL', backend: 'postgres', jetstream: false, skip: !inject('postgresTemplateDb') },
  { name: 'JetStream bus (outbox on PGlite)', backend: 'pglite', jetstream: true, skip: !nats.run },
  // The relay's reading order and its one-relay-at-a-time lock differ on a server; cover them there too.
  { name: 'JetStream bus (outbox on PostgreSQL)', backend: 'postgres', jetstream: true, skip: !nats.run || !inject('postgresTemplateDb') },
];

/** A dot and a space, so topics that are not plain subject tokens are covered too. */
const TOPIC = 'contract.events v1';
const OTHER_TOPIC = 'contract.other';

function message(id: string, key: string, payload: unknown = { id }, topic = TOPIC): BusMessage {
  return { topic, key, id, payload };
}

/** Messages m0..m(n-1), spread over `keys` keys, each payload saying its key and its place in that key's order. */
function series(prefix: string, n: number, keys: number): BusMessage[] {
  const perKey = new Map<string, number>();
  return Array.from({ length: n }, (_, i) => {
    const key = `${prefix}-key${i % keys}`;
    const order = perKey.get(key) ?? 0;
    perKey.set(key, order + 1);
    return message(`${prefix}-${i}`, key, { key, order });
  });
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const eventually = (check: () => unknown) => vi.waitFor(check, { timeout: 15_000, interval: 10 });
const ids = (deliveries: Delivery[]) => deliveries.map((d) => d.id);
const sorted = (values: string[]) => [...values].sort();

for (const variant of VARIANTS) {
  (variant.skip ? describe.skip : describe)(`bus contract [${variant.name}]`, () => {
    let database: Database;
    let natsAdmin: NatsConnection | undefined;
    let streamName: string | undefined;
    const opened: Bus[] = [];

    const openBus = async (): Promise<Bus> => {
      const bus = await createBus({ db: database.db, natsUrl: variant.jetstream ? natsUrl() : undefined, streamName });
      opened.push(bus);
      return bus;
    };
    const db = () => database.db;

    beforeAll(async () => {
      database = await testDatabase(variant.backend);
      if (variant.jetstream) natsAdmin = await connect({ servers: natsUrl() });
    });
    afterAll(async () => {
      await natsAdmin?.close();
      await database?.close();
    });
    beforeEach(async () => {
      await resetDatabase(db());
      streamName = variant.jetstream ? `VIGIL_TEST_${randomBytes(6).toString('hex')}` : undefined;
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((bus) => bus.close()));
      if (natsAdmin && streamName) {
        const jsm = await jetstreamManager(natsAdmin);
        await jsm.streams.delete(streamName).catch(() => undefined);
      }
    });

    it('delivers nothing published in a transaction that rolled back', async () => {
      const bus = await openBus();
      await expect(
        db()
          .transaction()
          .execute(async (tx) => {
            await bus.publish(tx, [message('rolled-back', 'k')]);
            throw new Error('abort');
          }),
      ).rejects.toThrow('abort');
      await bus.publish(db(), [message('committed', 'k')]);
      const seen: Delivery[] = [];
      bus.subscribe({ topic: TOPIC, group: 'g', handler: async (d) => void seen.push(d) });
      // Same key: had the rolled-back message existed, it would have come first.
      await eventually(() => expect(ids(seen)).toContain('committed'));
      expect(ids(seen)).toEqual(['committed']);
      await eventually(async () => expect(await bus.lag(TOPIC, 'g')).toBe(0));
    });

    it('delivers a message whose transaction commits after a later-published one', async () => {
      // On a PostgreSQL server "slow" draws its seq first but becomes visible last; a reader that moved
      // past "fast" at once would never see it. (PGlite runs one transaction at a time: "fast" waits.)
      const bus = await openBus();
      const seen: Delivery[] = [];
      bus.subscribe({ topic: TOPIC, group: 'g', handler: async (d) => void seen.push(d) });
      const slowPublished = deferred();
      const commitSlow = deferred();
      const slow = db()
        .transaction()
        .execute(async (tx) => {
          await bus.publish(tx, [message('slow', 'k1')]);
          slowPublished.resolve();
          await commitSlow.promise;
        });
      await slowPublished.promise;
      const fast = bus.publish(db(), [message('fast', 'k2')]);
      await sleep(150); // several polls while "fast" is committed and "slow" is not
      commitSlow.resolve();
      await Promise.all([slow, fast]);
      await eventually(() => expect(sorted(ids(seen))).toEqual(['fast', 'slow']));
      await eventually(async () => expect(await bus.lag(TOPIC, 'g')).toBe(0));
    });

    it('delivers every message exactly once to each of two groups, payloads intact', async () => {
      const bus = await openBus();
      const early = series('early', 120, 7);
      early[0] = message(early[0].id, early[0].key, { text: 'zażółć 🚦', nested: { list: [1, 'two', null], flag: true } });
      await db()
        .transaction()
        .execute((tx) => bus.publish(tx, early.slice(0, 60)));
      await bus.publish(db(), early.slice(60));
      await bus.publish(db(), [message('elsewhere', 'k', {}, OTHER_TOPIC)]);

      const alpha: Delivery[] = [];
      const beta: Delivery[] = [];
      bus.subscribe({ topic: TOPIC, group: 'alpha', handler: async (d) => void alpha.push(d) });
      bus.subscribe({ topic: TOPIC, group: 'beta', concurrency: 3, handler: async (d) => void beta.push(d) });
      const late = series('late', 80, 5);
      await bus.publish(db(), late);

      const all = sorted([...early, ...late].map((m) => m.id));
      await eventually(async () => {
        expect(await bus.lag(TOPIC, 'alpha')).toBe(0);
        expect(await bus.lag(TOPIC, 'beta')).toBe(0);
      });
      expect(sorted(ids(alpha))).toEqual(all);
      expect(sorted(ids(beta))).toEqual(all);
      const first = alpha.find((d) => d.id === early[0].id)!;
      expect(first).toEqual({ topic: TOPIC, key: early[0].key, id: early[0].id, payload: early[0].payload, attempt: 1 });
      expect(alpha.every((d) => d.attempt === 1 && d.topic === TOPIC)).toBe(true);
    });

    it('keeps each key in publish order while different keys run in parallel', async () => {
      const bus = await openBus();
      const all = series('ordered', 180, 6);
      // Several transactions, each holding some of every key.
      for (let i = 0; i < all.length; i += 45) await bus.publish(db(), all.slice(i, i + 45));

      const running = new Set<string>();
      let overlaps = 0;
      let mostAtOnce = 0;
      const orderByKey = new Map<string, number[]>();
      bus.subscribe<{ key: string; order: number }>({
        topic: TOPIC,
        group: 'g',
        concurrency: 4,
        handler: async ({ key, payload }) => {
          if (running.has(key)) overlaps++;
          running.add(key);
          mostAtOnce = Math.max(mostAtOnce, running.size);
          await sleep(Math.random() * 3);
          orderByKey.set(key, [...(orderByKey.get(key) ?? []), payload.order]);
          running.delete(key);
        },
      });
      await eventually(() => expect([...orderByKey.values()].flat()).toHaveLength(180));
      expect(overlaps).toBe(0);
      for (const orders of orderByKey.values()) expect(orders).toEqual(Array.from({ length: 30 }, (_, i) => i));
      expect(mostAtOnce).toBeGreaterThan(1);
      expect(mostAtOnce).toBeLessThanOrEqual(4);
    });

    it('redelivers a failed message with attempt 2, and it then succeeds', async () => {
      const bus = await openBus();
      await bus.publish(db(), [message('before', 'k'), message('flaky', 'k'), message('after', 'k'), message('other', 'k2')]);
      const attempts: [string, number][] = [];
      const succeeded: string[] = [];
      bus.subscribe({
        topic: TOPIC,
        group: 'g',
        retryDelayMs: () => 400,
        handler: async (d) => {
          attempts.push([d.id, d.attempt]);
          if (d.id === 'flaky' && d.attempt === 1) throw new Error('temporary failure');
          succeeded.push(d.id);
        },
      });
      await eventually(() => expect(sorted(succeeded)).toEqual(['after', 'before', 'other']));
      // Waiting for its next attempt, the failed message still counts as not acknowledged.
      await eventually(async () => expect(await bus.lag(TOPIC, 'g')).toBe(1));
      await eventually(() => expect(succeeded).toContain('flaky'));
      expect(attempts.filter(([id]) => id === 'flaky')).toEqual([
        ['flaky', 1],
        ['flaky', 2],
      ]);
      expect(sorted(succeeded)).toEqual(['after', 'before', 'flaky', 'other']);
      await eventually(async () => expect(await bus.lag(TOPIC, 'g')).toBe(0));
      expect(attempts).toHaveLength(5);
    });

    it('parks a message as a dead letter after maxAttempts and goes on with the rest', async () => {
      const bus = await openBus();
      await bus.publish(db(), [message('poison', 'k'), ...series('fine', 10, 2)]);
      const attempts: [string, number][] = [];
      const succeeded: string[] = [];
      bus.subscribe({
        topic: TOPIC,
        group: 'g',
        maxAttempts: 3,
        retryDelayMs: () => 10,
        handler: async (d) => {
          attempts.push([d.id, d.attempt]);
          if (d.id === 'poison') throw new Error('cannot handle poison');
          succeeded.push(d.id);
        },
      });
      const deadLetters = () =>
        db()
          .selectFrom('bus_dead_letters as d')
          .innerJoin('bus_outbox as o', 'o.seq', 'd.seq')
          .select(['d.group_name', 'o.message_id', 'd.attempts', 'd.last_error'])
          .execute();
      await eventually(async () => expect(await deadLetters()).toHaveLength(1));
      expect(await deadLetters()).toEqual([{ group_name: 'g', message_id: 'poison', attempts: 3, last_error: 'cannot handle poison' }]);

      await bus.publish(db(), [message('after-death', 'k')]);
      await eventually(() => expect(succeeded).toContain('after-death'));
      await eventually(async () => expect(await bus.lag(TOPIC, 'g')).toBe(0));
      expect(attempts.filter(([id]) => id === 'poison')).toEqual([
        ['poison', 1],
        ['poison', 2],
        ['poison', 3],
      ]);
      expect(succeeded).toHaveLength(11);
    });

    it('redelivers to a new bus on the same database what a closed bus had not acknowledged', async () => {
      const first = await openBus();
      const gate = deferred();
      const bStarted = deferred();
      const seenByFirst: Delivery[] = [];
      first.subscribe({
        topic: TOPIC,
        group: 'g',
        concurrency: 1,
        retryDelayMs: () => 20,
        handler: async (d) => {
          seenByFirst.push(d);
          if (d.id === 'b') {
            bStarted.resolve();
            await gate.promise;
          }
        },
      });
      await first.publish(db(), [message('a', 'k'), message('b', 'k'), message('c', 'k')]);
      await bStarted.promise;

      const closing = first.close();
      // close() waits for the running handler...
      expect(await Promise.race([closing.then(() => 'closed'), sleep(100).then(() => 'still waiting')])).toBe('still waiting');
      // ...which fails because it was interrupted, so "b" was never acknowledged; "c" never started.
      gate.reject(new Error('interrupted by shutdown'));
      await closing;
      expect(ids(seenByFirst)).toEqual(['a', 'b']);

      await first.publish(db(), [message('d', 'k')]); // while no bus consumes: publishing needs only the database
      const second = await openBus();
      const seenBySecond: Delivery[] = [];
      second.subscribe({ topic: TOPIC, group: 'g', handler: async (d) => void seenBySecond.push(d) });
      await eventually(() => expect(sorted(ids(seenBySecond))).toEqual(['b', 'c', 'd']));
      expect(seenBySecond.find((d) => d.id === 'b')!.attempt).toBe(2);
      await eventually(async () => expect(await second.lag(TOPIC, 'g')).toBe(0));
      expect(sorted(ids(seenBySecond))).toEqual(['b', 'c', 'd']); // "a" was acknowledged before the restart
    });

    it('applies effects exactly once through processOnce when a message is delivered twice', async () => {
      const bus = await openBus();
      const minute = new Date('2026-01-01T00:00:00Z');
      const results: { id: string; attempt: number; applied: boolean }[] = [];
      bus.subscribe({
        topic: TOPIC,
        group: 'counter',
        retryDelayMs: () => 10,
        handler: async (d) => {
          const applied = await processOnce(db(), 'counter', d.id, new Date(), async (tx) => {
            await tx
              .insertInto('event_counts')
              .values({ minute, type: d.id, count: 1 })
              .onConflict((oc) => oc.columns(['minute', 'type']).doUpdateSet({ count: sql<number>`event_counts.count + 1` }))
              .execute();
          });
          results.push({ id: d.id, attempt: d.attempt, applied });
          // The effect committed, then the acknowledgement was lost: the bus must deliver it again.
          if (d.id === 'x1' && d.attempt === 1) throw new Error('acknowledgement lost');
        },
      });
      await bus.publish(db(), [message('x1', 'k'), message('x2', 'k')]);
      await eventually(() => expect(results.filter((r) => r.id === 'x1')).toHaveLength(2));
      await eventually(async () => expect(await bus.lag(TOPIC, 'counter')).toBe(0));
      expect(results.filter((r) => r.id === 'x1')).toEqual([
        { id: 'x1', attempt: 1, applied: true },
        { id: 'x1', attempt: 2, applied: false },
      ]);
      const counts = await db().selectFrom('event_counts').select(['type', 'count']).orderBy('type').execute();
      expect(counts).toEqual([
        { type: 'x1', count: 1 },
        { type: 'x2', count: 1 },
      ]);
    });

    it('reports lag per topic and group until the messages are acknowledged, then 0', async () => {
      const bus = await openBus();
      await bus.publish(db(), [...series('lagging', 5, 5), message('o1', 'k', {}, OTHER_TOPIC), message('o2', 'k', {}, OTHER_TOPIC)]);
      // Eventually: JetStream's lag moves from outbox to stream as the relay copies, and may count a message twice meanwhile.
      await eventually(async () => expect([await bus.lag(TOPIC, 'g'), await bus.lag(OTHER_TOPIC, 'g')]).toEqual([5, 2]));

      const gate = deferred();
      let started = 0;
      bus.subscribe({
        topic: TOPIC,
        group: 'g',
        handler: async () => {
          started++;
          await gate.promise;
        },
      });
      await eventually(() => expect(started).toBe(5));
      await sleep(50);
      expect(await bus.lag(TOPIC, 'g')).toBe(5); // being handled is not acknowledged
      gate.resolve();
      await eventually(async () => expect(await bus.lag(TOPIC, 'g')).toBe(0));
      expect(await bus.lag(TOPIC, 'other-group')).toBe(5);
      expect(await bus.lag(OTHER_TOPIC, 'g')).toBe(2);
    });

    it('shares a group between two buses without duplicates, and the remaining one takes over', async () => {
      const one = await openBus();
      const two = await openBus();
      const handledBy = new Map<string, string[]>();
      const record = (member: string) => async (d: Delivery) => void handledBy.set(d.id, [...(handledBy.get(d.id) ?? []), member]);
      one.subscribe({ topic: TOPIC, group: 'shared', handler: record('one') });
      two.subscribe({ topic: TOPIC, group: 'shared', handler: record('two') });

      const before = series('before', 40, 8);
      await one.publish(db(), before);
      await eventually(() => expect(handledBy.size).toBe(40));
      await one.close();

      const after = series('after', 40, 8);
      await two.publish(db(), after);
      await eventually(() => expect(handledBy.size).toBe(80));
      await eventually(async () => expect(await two.lag(TOPIC, 'shared')).toBe(0));
      expect([...handledBy.values()].filter((members) => members.length > 1)).toEqual([]);
      expect(after.map((m) => handledBy.get(m.id))).toEqual(after.map(() => ['two']));
    });

    it('shares a group between two subscriptions of one bus, and a stopped subscription hands over', async () => {
      const bus = await openBus();
      const handledBy = new Map<string, string[]>();
      const record = (member: string) => async (d: Delivery) => void handledBy.set(d.id, [...(handledBy.get(d.id) ?? []), member]);
      const one = bus.subscribe({ topic: TOPIC, group: 'shared', handler: record('one') });
      bus.subscribe({ topic: TOPIC, group: 'shared', handler: record('two') });

      await bus.publish(db(), series('before', 40, 8));
      await eventually(() => expect(handledBy.size).toBe(40));
      await one.stop();
      const after = series('after', 40, 8);
      await bus.publish(db(), after);
      await eventually(() => expect(handledBy.size).toBe(80));
      await eventually(async () => expect(await bus.lag(TOPIC, 'shared')).toBe(0));
      expect([...handledBy.values()].filter((members) => members.length > 1)).toEqual([]);
      expect(after.map((m) => handledBy.get(m.id))).toEqual(after.map(() => ['two']));
    });
  });
}
