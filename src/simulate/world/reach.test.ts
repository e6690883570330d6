// How views grow, and how actions stop or slow them.
import { describe, expect, it } from 'vitest';
import { newReach, setReachFactor, unhinderedViewsAt, viewsAt } from './reach.js';

const HOUR = 3_600_000;

describe('reach', () => {
  it('grows towards the reach, fast at first', () => {
    const r = newReach(1000, 4 * HOUR);
    expect(viewsAt(r, 0)).toBe(0);
    expect(viewsAt(r, 4 * HOUR)).toBe(632);
    expect(viewsAt(r, 100 * HOUR)).toBe(1000);
  });

  it('freezes when removed and resumes when restored, never losing views', () => {
    const r = newReach(1000, 4 * HOUR);
    setReachFactor(r, 2 * HOUR, 0);
    const atRemoval = viewsAt(r, 2 * HOUR);
    expect(viewsAt(r, 10 * HOUR)).toBe(atRemoval);
    setReachFactor(r, 10 * HOUR, 1);
    expect(viewsAt(r, 20 * HOUR)).toBeGreaterThan(atRemoval);
    expect(viewsAt(r, 20 * HOUR)).toBeLessThan(unhinderedViewsAt(r, 20 * HOUR));
  });

  it('slows when reach is limited', () => {
    const limited = newReach(1000, 4 * HOUR);
    setReachFactor(limited, HOUR, 0.15);
    expect(viewsAt(limited, 48 * HOUR)).toBeLessThan(unhinderedViewsAt(limited, 48 * HOUR) * 0.5);
  });
});
