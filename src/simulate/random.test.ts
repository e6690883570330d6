// Seeded randomness and the agenda: the two things a reproducible run rests on.
import { describe, expect, it } from 'vitest';
import { Random } from './random.js';
import { Agenda } from './agenda.js';

describe('Random', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = Array.from({ length: 5 }, ((r) => () => r.nextUint32())(new Random(1)));
    const b = Array.from({ length: 5 }, ((r) => () => r.nextUint32())(new Random(1)));
    const c = Array.from({ length: 5 }, ((r) => () => r.nextUint32())(new Random(2)));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('keeps forks independent: drawing from one does not move another', () => {
    const root1 = new Random(7);
    const root2 = new Random(7);
    const text1 = root1.fork('text');
    root2.fork('media').next();
    expect(text1.next()).toBe(root2.fork('text').next());
    expect(root1.fork('text').next()).not.toBe(root1.fork('media').next());
  });

  it('draws uniform integers in range and honours weights', () => {
    const r = new Random(5);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[r.int(0, 3)]++;
    for (const c of counts) expect(c).toBeGreaterThan(9_400);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) if (r.weighted([['a', 3], ['b', 1]] as const) === 'a') heavy++;
    expect(heavy / 10_000).toBeCloseTo(0.75, 1);
    const mean = Array.from({ length: 20_000 }, () => r.poisson(4)).reduce((s, x) => s + x, 0) / 20_000;
    expect(mean).toBeCloseTo(4, 0);
  });
});

describe('Agenda', () => {
  it('runs happenings by time, and same-time ones in the order scheduled', () => {
    const agenda = new Agenda();
    const order: string[] = [];
    for (const [t, name] of [[30, 'c'], [10, 'a1'], [20, 'b'], [10, 'a2'], [5, 'z']] as const) agenda.schedule(t, () => void order.push(name));
    while (agenda.size) agenda.take()!.run();
    expect(order).toEqual(['z', 'a1', 'a2', 'b', 'c']);
    expect(agenda.nextTime()).toBe(Infinity);
  });
});
