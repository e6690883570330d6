// Config defaults, and clear errors naming the field for nonsense.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIMULATION_CONFIG, InvalidSimulationConfigError, resolveConfig } from './config.js';

describe('resolveConfig', () => {
  it('fills defaults and derives the id prefix from the seed', () => {
    const config = resolveConfig({ seed: 9 });
    expect(config.accounts).toBe(DEFAULT_SIMULATION_CONFIG.accounts);
    expect(config.accounts).toBeGreaterThanOrEqual(10_000);
    expect(config.idPrefix).toBe('s9');
  });

  it.each([
    [{ seed: -1 }, 'seed'],
    [{ accounts: 10 }, 'accounts'],
    [{ days: 0 }, 'days'],
    [{ start: 'yesterday' }, 'start'],
    [{ speed: 0 }, 'speed'],
    [{ unseenTermShare: 1.5 }, 'unseenTermShare'],
    [{ idPrefix: 'has space' }, 'idPrefix'],
  ])('rejects %o naming %s', (partial, field) => {
    expect(() => resolveConfig(partial as never)).toThrow(InvalidSimulationConfigError);
    expect(() => resolveConfig(partial as never)).toThrow(field);
  });
});
