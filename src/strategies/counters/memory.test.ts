// What is particular to the memory store: memory bounded by window + lateness, idle keys dropped, and
// snapshots that restore to the same state and carry on exactly.
import { describe, expect, it } from 'vitest';
import { MemoryCounterStore } from './memory.js';
import { applyBoth, batches, MIXED_COUNTERS, prng, randomStream, Reference } from './test-fixtures.js';

const LATENESS = 5_000;
const windowOf = (key: string) => MIXED_COUNTERS.find((c) => c.name === key.split('|')[0])!.windowMs;

describe('memory counter store', () => {
  it("holds exactly the observations within window + lateness of each key's latest, and drops idle keys", async () => {
    const store = new MemoryCounterStore({ lateness: LATENESS });
    const reference = new Reference();
    const rand = prng(12);
    for (const batch of batches(randomStream({ seed: 12, events: 3_000, lateness: LATENESS }), rand)) await applyBoth(store, reference, batch);
    const keys = reference.keys();
    const held = keys.reduce((n, k) => n + reference.heldAfter(k, reference.maxTime(k) - windowOf(k) - LATENESS), 0);
    const recorded = keys.reduce((n, k) => n + reference.heldAfter(k, -Infinity), 0);
    expect(store.stats()).toEqual({ keys: keys.length, observations: held });
    expect(held).toBeLessThan(recorded / 5);

    // One op with a wild clock, far later, does not make the others idle...
    const future = Math.max(...keys.map((k) => reference.maxTime(k))) + 60_000;
    const later = (n: number, from: number) => Array.from({ length: n }, (_, i) => ({ key: 'other|1', aggregate: 'count' as const, windowMs: 1_000, timeMs: future, seq: from + i, observe: true }));
    await store.apply(later(1, 1e9));
    store.sweep();
    expect(store.stats()).toEqual({ keys: keys.length + 1, observations: held + 1 });
    // ...but once the ops have moved on, every old key is past any exact event's need.
    await store.apply(later(64, 2e9));
    store.sweep();
    expect(store.stats()).toEqual({ keys: 1, observations: 65 });
  });

  it('restores a snapshot to the same state, and the restored store carries on exactly', async () => {
    const original = new MemoryCounterStore({ lateness: LATENESS });
    const reference = new Reference();
    const rand = prng(21);
    const all = batches(randomStream({ seed: 21, events: 1_200, lateness: LATENESS, lateShare: 0.3 }), rand);
    const half = Math.floor(all.length / 2);
    for (const batch of all.slice(0, half)) await applyBoth(original, reference, batch);
    const snapshot = original.snapshot();
    const restored = MemoryCounterStore.restore(snapshot, { lateness: LATENESS });
    expect(restored.snapshot().equals(snapshot)).toBe(true);
    expect(restored.stats()).toEqual(original.stats());
    for (const batch of all.slice(half)) {
      const ops = batch.flatMap((e) => e.ops);
      const want = reference.apply(ops);
      expect(restored.applySync(ops)).toEqual(want);
      expect(original.applySync(ops)).toEqual(want);
    }
  });

  it('snapshots a busy store in a few bytes per observation, not the 16–24 of raw doubles', () => {
    const store = new MemoryCounterStore();
    const rand = prng(5);
    const ops = Array.from({ length: 60_000 }, (_, i) => ({
      key: `${i % 2 ? 'gift' : 'comments'}|${i % 10}`,
      aggregate: i % 2 ? ('sum' as const) : ('count' as const),
      windowMs: 600_000,
      timeMs: 1_700_000_000_000 + Math.floor(i * 3.7) - (rand() < 0.1 ? Math.floor(rand() * 1000) : 0),
      seq: i + 1,
      observe: true,
      value: Math.round(rand() * 100_000) / 100,
    }));
    store.applySync(ops);
    expect(store.stats().observations).toBe(60_000);
    expect(store.snapshot().length / 60_000).toBeLessThan(5);
  });

  it('refuses a damaged snapshot, and a negative lateness', () => {
    const store = new MemoryCounterStore();
    store.applySync([{ key: 'k', aggregate: 'distinct', windowMs: 10, timeMs: 5, seq: 1, observe: true, item: 'a' }]);
    const snapshot = store.snapshot();
    expect(() => MemoryCounterStore.restore(snapshot.subarray(0, snapshot.length - 1))).toThrow(/truncated/);
    expect(() => MemoryCounterStore.restore(Buffer.concat([snapshot, Buffer.from([0])]))).toThrow(/trailing/);
    expect(() => MemoryCounterStore.restore(Buffer.from([99]))).toThrow(/version/);
    // Version 1 carried a latest time after the version byte (tagged varints: 1 = present, then 1,000 ms).
    const v1 = Buffer.concat([Buffer.from([1, 4, 0xa0, 0x1f]), snapshot.subarray(1)]);
    expect(MemoryCounterStore.restore(v1).snapshot().equals(snapshot)).toBe(true);
    expect(() => new MemoryCounterStore({ lateness: -1 })).toThrow(RangeError);
  });
});
