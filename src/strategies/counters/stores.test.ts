// Both counter stores against the brute-force reference: random seeded streams of mixed counters with
// late events, redeliveries, workers out of seq order and events later than lateness; then what is
// particular to each (Redis expiry and pruning, a new connection resuming).
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { redisUrl, requireService } from '../../../test/support/services.js';
import { CounterMismatchError, type CounterOp, type CounterStore } from './counter-store.js';
import { MemoryCounterStore } from './memory.js';
import { RedisCounterStore, type RedisCounterStoreOptions } from './redis.js';
import { applyBoth, batches, MIXED_COUNTERS, opsOf, prng, randomStream, Reference, type StreamEvent } from './test-fixtures.js';

const LATENESS = 20_000;
const redisService = await requireService('Redis', redisUrl());
const PREFIX = `vigil-test:counters:${randomBytes(4).toString('hex')}:`;
let admin: Redis | undefined;
let stores = 0;

interface Harness {
  kind: 'memory' | 'redis';
  skip: boolean;
  /** A fresh, empty store; `shareWith` gives a second handle on the same state (another worker). */
  open(options?: { lateness?: number; shareWith?: CounterStore; opsPerCall?: number }): CounterStore;
  /** The recorded observations, as comparable data (not the running windows, which reads move). */
  recorded(store: CounterStore): Promise<unknown>;
}

async function redisAdmin(): Promise<Redis> {
  admin ??= new Redis(redisUrl());
  return admin;
}

async function keysOf(prefix: string): Promise<string[]> {
  const r = await redisAdmin();
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    out.push(...keys);
  } while (cursor !== '0');
  return out.sort();
}

const HARNESSES: Harness[] = [
  {
    kind: 'memory',
    skip: false,
    open: (o = {}) => o.shareWith ?? new MemoryCounterStore({ lateness: o.lateness ?? LATENESS }),
    recorded: async (store) => (store as MemoryCounterStore).snapshot().toString('base64'),
  },
  {
    kind: 'redis',
    skip: !redisService.run,
    open: (o = {}) => {
      const keyPrefix = o.shareWith ? (o.shareWith as RedisCounterStore).keyPrefix : `${PREFIX}${++stores}:`;
      const options: RedisCounterStoreOptions = { url: redisUrl(), keyPrefix, lateness: o.lateness ?? LATENESS, opsPerCall: o.opsPerCall };
      return new RedisCounterStore(options);
    },
    recorded: async (store) => {
      const r = await redisAdmin();
      const out: Record<string, unknown> = {};
      for (const key of await keysOf((store as RedisCounterStore).keyPrefix)) {
        const kind = key.slice((store as RedisCounterStore).keyPrefix.length)[0];
        if (kind === 'z' || kind === 'q') out[key] = await r.zrange(key, 0, -1, 'WITHSCORES');
        if (kind === 'm') out[key] = await r.hmget(key, 'a', 'w', 'ms', 'mt');
      }
      return out;
    },
  },
];

afterAll(async () => {
  if (!admin) return;
  const keys = await keysOf(PREFIX);
  for (let i = 0; i < keys.length; i += 500) await admin.del(...keys.slice(i, i + 500));
  await admin.quit();
});

/** Batch indices where every event lies within lateness of the latest time applied: a redelivery there must be exact. */
function redeliverable(batch: readonly StreamEvent[], latest: number, lateness: number): boolean {
  return batch.every((e) => e.timeMs >= latest - lateness);
}

describe.each(HARNESSES)('$kind counter store', (h) => {
  describe.skipIf(h.skip)('against the reference', () => {
    it.each([1, 2, 3, 4, 5, 6, 7, 8])('answers as the reference on a random stream with late events and redeliveries (seed %i)', async (seed) => {
      const rand = prng(seed * 7919);
      const store = h.open({ opsPerCall: seed % 2 ? 5 : undefined });
      const reference = new Reference();
      let latest = -Infinity;
      const applied: StreamEvent[][] = [];
      let redeliveries = 0;
      try {
        for (const batch of batches(randomStream({ seed, events: 700, lateness: LATENESS, lateShare: 0.25 }), rand)) {
          latest = Math.max(latest, ...batch.map((e) => e.timeMs));
          const { got, want } = await applyBoth(store, reference, batch);
          expect(got, `seed ${seed}, batch at seq ${batch[0].seq}`).toEqual(want);
          applied.push(batch);
          if (rand() < 0.15) {
            const again = applied[Math.max(0, applied.length - 1 - Math.floor(rand() * 5))];
            if (!redeliverable(again, latest, LATENESS)) continue;
            redeliveries++;
            const r = await applyBoth(store, reference, again);
            expect(r.got, `seed ${seed}, redelivery at seq ${again[0].seq}`).toEqual(r.want);
          }
        }
        expect(redeliveries).toBeGreaterThan(5);
      } finally {
        await store.close();
      }
    });

    it('answers deep windows on a hot key exactly (thousands of observations in the window, pruned as it slides)', async () => {
      const store = h.open({ lateness: 2_000 });
      const reference = new Reference();
      const rand = prng(99);
      const events: StreamEvent[] = [];
      // 5 events per ms on one stream, gift sums over 1 s and accounts over 1.5 s, with a little jitter.
      for (let i = 0; i < 6_000; i++) {
        const timeMs = 1_700_000_000_000 + Math.floor(i / 5) - (rand() < 0.05 ? Math.floor(rand() * 50) : 0);
        const ops: CounterOp[] = [
          { key: 'gift|s1', aggregate: 'sum', windowMs: 1_000, timeMs, seq: i + 1, observe: true, value: Math.round(rand() * 1000) / 100 },
          { key: 'acct|s1', aggregate: 'distinct', windowMs: 1_500, timeMs, seq: i + 1, observe: rand() < 0.9, item: `a${Math.floor(rand() * 3000)}` },
          { key: 'n|s1', aggregate: 'count', windowMs: 1_000, timeMs, seq: i + 1, observe: true },
        ];
        events.push({ seq: i + 1, timeMs, ops, exact: true });
      }
      try {
        for (const batch of batches(events, rand, 50)) {
          const { got, want } = await applyBoth(store, reference, batch);
          expect(got, `batch at seq ${batch[0].seq}`).toEqual(want);
        }
        // The window really was deep: the last count saw about 5,000 events.
        const last = await store.apply([{ key: 'n|s1', aggregate: 'count', windowMs: 1_000, timeMs: events[events.length - 1].timeMs, seq: 1e9, observe: false }]);
        expect(last[0]).toBeGreaterThan(4_500);
      } finally {
        await store.close();
      }
    });

    it('a redelivered batch answers as the first time and changes nothing', async () => {
      const store = h.open();
      const reference = new Reference();
      const rand = prng(4242);
      let checked = 0;
      let latest = -Infinity;
      try {
        for (const batch of batches(randomStream({ seed: 4242, events: 400, lateness: LATENESS }), rand)) {
          const first = await applyBoth(store, reference, batch);
          expect(first.got).toEqual(first.want);
          latest = Math.max(latest, ...batch.map((e) => e.timeMs));
          // (A batch whose early events are now more than lateness behind its later ones may read less the second time.)
          if (batch[0].seq % 4 !== 0 || !redeliverable(batch, latest, LATENESS)) continue;
          const before = await h.recorded(store);
          const again = await store.apply(opsOf(batch));
          expect(again, `redelivery at seq ${batch[0].seq}`).toEqual(first.all.got);
          expect(await h.recorded(store)).toEqual(before);
          checked++;
        }
        expect(checked).toBeGreaterThan(10);
      } finally {
        await store.close();
      }
    });

    it('workers applying batches out of seq order count exactly the lower seqs already recorded', async () => {
      const a = h.open({ lateness: 300_000 });
      const b = h.open({ lateness: 300_000, shareWith: a });
      const reference = new Reference();
      const rand = prng(777);
      const all = batches(randomStream({ seed: 777, events: 800, lateness: 300_000, lateSpan: 30_000 }), rand);
      // Neighbouring batches swap places: the later one's events are recorded before the earlier one reads.
      for (let i = 0; i + 1 < all.length; i += 2) if (rand() < 0.6) [all[i], all[i + 1]] = [all[i + 1], all[i]];
      let behind = 0;
      let maxSeq = 0;
      try {
        for (const [i, batch] of all.entries()) {
          if (batch[0].seq < maxSeq) behind++;
          maxSeq = Math.max(maxSeq, batch[batch.length - 1].seq);
          const { got, want } = await applyBoth(i % 2 ? b : a, reference, batch);
          expect(got, `batch at seq ${batch[0].seq}`).toEqual(want);
        }
        expect(behind).toBeGreaterThan(20);
      } finally {
        await a.close();
        if (b !== a) await b.close();
      }
    });

    it('events later than lateness read no more than the reference and leave the exact ones exact', async () => {
      const store = h.open();
      const reference = new Reference();
      const rand = prng(31337);
      let tooLate = 0;
      try {
        for (const batch of batches(randomStream({ seed: 31337, events: 800, lateness: LATENESS, tooLateShare: 0.08, counters: MIXED_COUNTERS.filter((c) => c.aggregate !== 'sum') }), rand)) {
          const { got, want, all } = await applyBoth(store, reference, batch);
          expect(got, `batch at seq ${batch[0].seq}`).toEqual(want);
          all.got.forEach((g, i) => expect(g).toBeLessThanOrEqual(all.want[i]));
          tooLate += batch.filter((e) => !e.exact).length;
        }
        expect(tooLate).toBeGreaterThan(30);
      } finally {
        await store.close();
      }
    });

    it('keeps exactly what an event lateness behind the latest time needs, to the millisecond', async () => {
      const store = h.open({ lateness: 5_000 });
      const op = (seq: number, timeMs: number, observe = true): CounterOp => ({ key: 'edge|1', aggregate: 'count', windowMs: 1_000, timeMs, seq, observe });
      try {
        await store.apply([op(1, 100), op(2, 101), op(3, 102), op(4, 6_101)]);
        // 6,101 − 5,000 = 1,101 is as late as an exact event may be: its window (101, 1,101] still holds 102.
        expect(await store.apply([op(5, 1_101)])).toEqual([1]);
        expect(await store.apply([op(6, 1_101, false)])).toEqual([2]);
        // One millisecond later than that, 101 may be gone: never more than the exact 2.
        expect((await store.apply([op(7, 1_100, false)]))[0]).toBeLessThanOrEqual(2);
      } finally {
        await store.close();
      }
    });

    it('refuses an op whose aggregate or window disagrees with what the key holds, and malformed ops', async () => {
      const store = h.open();
      const op: CounterOp = { key: 'k|1', aggregate: 'count', windowMs: 1000, timeMs: 5000, seq: 1, observe: true };
      try {
        await store.apply([op]);
        await expect(store.apply([{ ...op, seq: 2, aggregate: 'sum', value: 1 }])).rejects.toThrow(CounterMismatchError);
        await expect(store.apply([{ ...op, seq: 2, windowMs: 2000 }])).rejects.toThrow(/count\/1000ms.*count\/2000ms/);
        await expect(store.apply([{ ...op, seq: 2, timeMs: 1.5 }])).rejects.toThrow(RangeError);
        await expect(store.apply([{ ...op, key: 'k|2', aggregate: 'sum', seq: 2 }])).rejects.toThrow(/finite value/);
        await expect(store.apply([{ ...op, key: 'k|3', aggregate: 'distinct', seq: 2 }])).rejects.toThrow(/item/);
        // None of that was recorded: the key still counts its one observation.
        expect(await store.apply([{ ...op, seq: 3, observe: false }])).toEqual([1]);
      } finally {
        await store.close();
      }
    });
  });
});

describe.skipIf(!redisService.run)('redis counter store', () => {
  it('a new connection continues the stream exactly, replays included', async () => {
    const first = HARNESSES[1].open() as RedisCounterStore;
    const reference = new Reference();
    const rand = prng(5150);
    const all = batches(randomStream({ seed: 5150, events: 600, lateness: LATENESS }), rand);
    const cut = Math.floor(all.length / 2);
    const checkpoint = cut - 6;
    const answered = new Map<number, number[]>();
    let latest = -Infinity;
    for (const [i, batch] of all.slice(0, cut).entries()) {
      const { got, want, all: every } = await applyBoth(first, reference, batch);
      expect(got).toEqual(want);
      latest = Math.max(latest, ...batch.map((e) => e.timeMs));
      if (i >= checkpoint) answered.set(batch[0].seq, every.got);
    }
    await first.close();

    // A worker restarting from an older position replays what the first had already applied: the same
    // answers, for every event still within lateness of the latest time.
    const second = HARNESSES[1].open({ shareWith: first });
    let replayed = 0;
    try {
      for (const batch of all.slice(checkpoint, cut)) {
        const again = await second.apply(opsOf(batch));
        const times = batch.flatMap((e) => e.ops.map(() => e.timeMs));
        const keep = (_: number, i: number) => times[i] >= latest - LATENESS;
        expect(again.filter(keep)).toEqual(answered.get(batch[0].seq)!.filter(keep));
        replayed += again.filter(keep).length;
      }
      expect(replayed).toBeGreaterThan(10);
      for (const batch of all.slice(cut)) {
        const { got, want } = await applyBoth(second, reference, batch);
        expect(got).toEqual(want);
      }
    } finally {
      await second.close();
    }
  });

  it('keys expire after window + lateness without an op, and pruning keeps only what exact events can need', async () => {
    const store = HARNESSES[1].open({ lateness: 5_000 }) as RedisCounterStore;
    const reference = new Reference();
    const rand = prng(8);
    try {
      for (const batch of batches(randomStream({ seed: 8, events: 1500, lateness: 5_000, lateShare: 0.05 }), rand)) await applyBoth(store, reference, batch);
      const r = await redisAdmin();
      const windows = new Map(MIXED_COUNTERS.map((c) => [c.name, c.windowMs]));
      for (const key of reference.keys()) {
        const win = windows.get(key.split('|')[0])!;
        const [z, q, m] = ['z', 'q', 'm'].map((k) => `${store.keyPrefix}${k}:${key}`);
        for (const k of [z, q, m]) {
          const ttl = await r.pttl(k);
          expect(ttl).toBeGreaterThan(0);
          expect(ttl).toBeLessThanOrEqual(win + 5_000);
        }
        const held = await r.zcard(z);
        const bound = reference.maxTime(key) - win - 5_000;
        expect(held).toBeGreaterThanOrEqual(reference.heldAfter(key, bound));
        expect(held).toBeLessThanOrEqual(reference.heldAfter(key, bound - Math.floor((win + 5_000) / 16)));
        expect(await r.zcard(q)).toBe(held);
      }
      // An op renews its key's expiry to window + lateness, a read as well as a write.
      await store.apply([{ key: 'comments|0', aggregate: 'count', windowMs: 10_000, timeMs: 0, seq: 1, observe: false }]);
      expect(await r.pttl(`${store.keyPrefix}z:comments|0`)).toBeGreaterThan(15_000 - 2_000);
      // The stream spans far more than any window + lateness, so pruning did drop most of it.
      const recorded = reference.keys().reduce((n, k) => n + reference.heldAfter(k, -Infinity), 0);
      let held = 0;
      for (const key of reference.keys()) held += await r.zcard(`${store.keyPrefix}z:${key}`);
      expect(held).toBeLessThan(recorded / 3);
    } finally {
      await store.close();
    }
  });

  it('reads of keys nothing was recorded under leave no keys behind', async () => {
    const store = HARNESSES[1].open() as RedisCounterStore;
    try {
      const ops: CounterOp[] = MIXED_COUNTERS.map((c, i) => ({ key: `${c.name}|none`, aggregate: c.aggregate, windowMs: c.windowMs, timeMs: 10_000, seq: i + 1, observe: false }));
      expect(await store.apply(ops)).toEqual(MIXED_COUNTERS.map(() => 0));
      expect(await keysOf(store.keyPrefix)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
