// Pacing in real time (with a fake clock) and stopping early.
import { describe, expect, it } from 'vitest';
import { createSimulation } from './simulation.js';
import { memorySink } from './sinks/sink.js';
import type { RealClock } from './time.js';

/** A clock whose time moves only when the simulation sleeps. */
function fakeClock(): RealClock & { slept: number } {
  const clock = {
    t: 0,
    slept: 0,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += ms;
      clock.slept += ms;
    },
  };
  return clock;
}

describe('a paced run', () => {
  it('takes real time in proportion to simulated time at the given speed', async () => {
    const clock = fakeClock();
    const sink = memorySink();
    // 20 simulated minutes at 600 simulated seconds per real second: about 2 real seconds.
    await createSimulation({ seed: 3, accounts: 200, days: 1 / 72, speed: 600, images: false }).run({ sink, clock });
    expect(clock.slept).toBeGreaterThan(1_800);
    expect(clock.slept).toBeLessThan(2_400);
    expect(sink.events.length).toBeGreaterThan(0);
  });

  it('refuses a numeric speed without a clock, and stops early on abort', async () => {
    await expect(createSimulation({ accounts: 100, speed: 10 }).run({ sink: memorySink() })).rejects.toThrow('clock');
    const controller = new AbortController();
    const sink = memorySink();
    const stats = await createSimulation({ seed: 4, accounts: 200, days: 1, speed: 'max', images: false }).run({
      sink,
      signal: controller.signal,
      batchSize: 100,
      onProgress: (p) => p.events > 500 && controller.abort(),
    });
    expect(stats.events).toBe(sink.events.length);
    expect(Date.parse(stats.simulatedUntil)).toBeLessThan(Date.parse('2025-03-04T00:00:00Z'));
  });
});
