// What a simulation is: its seed, size, pace and length, and the knobs that shape the world.
// Everything else is derived from these, so the same config and seed give the same run.

export interface SimulationConfig {
  /** Same seed and config, same run (when no actions feed back into it). */
  seed: number;
  /** Size of the population (ordinary and bad accounts together). */
  accounts: number;
  /** Simulated length of the run. */
  days: number;
  /** Simulated time at which the run starts (RFC 3339). Passed in; the simulator never reads the clock for it. */
  start: string;
  /** Simulated seconds per real second, or 'max' to run as fast as the sink takes events (file output). */
  speed: number | 'max';
  /** Multiplies every behaviour's rate; 1 gives roughly 40 events per simulated second for 20,000 accounts. */
  activity: number;
  /** Prefix of every id the run mints, so runs with different seeds never collide in one Vigil. */
  idPrefix: string;
  /** Generate real image bytes for photos and listings; off, photos carry no media (much faster). */
  images: boolean;
  /** Share of violations written with terms that no demo material package contains. */
  unseenTermShare: number;
  /** Share of violations that disguise their term (leetspeak, look-alike letters, spacing, ...). */
  evasionShare: number;
  /** Share of content sent without a language, for Vigil to detect. */
  unstatedLanguageShare: number;
  /** Share of the population that are bad actors of some kind. */
  badActorShare: number;
}

export const DEFAULT_SIMULATION_CONFIG: Readonly<SimulationConfig> = Object.freeze({
  seed: 1,
  accounts: 20_000,
  days: 1,
  start: '2025-03-03T00:00:00.000Z',
  speed: 1,
  activity: 1,
  idPrefix: '',
  images: true,
  unseenTermShare: 0.4,
  evasionShare: 0.45,
  unstatedLanguageShare: 0.2,
  badActorShare: 0.05,
});

export class InvalidSimulationConfigError extends Error {
  constructor(field: string, problem: string) {
    super(`simulation config: ${field} ${problem}`);
    this.name = 'InvalidSimulationConfigError';
  }
}

const share = (config: SimulationConfig, field: keyof SimulationConfig) => {
  const v = config[field];
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new InvalidSimulationConfigError(field, `must be a number from 0 to 1, got ${String(v)}`);
};

/** Fills defaults and rejects nonsense with a message naming the field. */
export function resolveConfig(partial: Partial<SimulationConfig> = {}): SimulationConfig {
  const config: SimulationConfig = { ...DEFAULT_SIMULATION_CONFIG, ...partial };
  if (!Number.isInteger(config.seed) || config.seed < 0 || config.seed > 0xffffffff) throw new InvalidSimulationConfigError('seed', 'must be an integer from 0 to 2^32-1');
  if (!Number.isInteger(config.accounts) || config.accounts < 50) throw new InvalidSimulationConfigError('accounts', 'must be an integer of at least 50');
  if (!(config.days > 0)) throw new InvalidSimulationConfigError('days', 'must be greater than 0');
  if (Number.isNaN(Date.parse(config.start))) throw new InvalidSimulationConfigError('start', `is not a date-time: ${config.start}`);
  if (config.speed !== 'max' && !(typeof config.speed === 'number' && config.speed > 0)) throw new InvalidSimulationConfigError('speed', "must be a positive number or 'max'");
  if (!(config.activity > 0)) throw new InvalidSimulationConfigError('activity', 'must be greater than 0');
  for (const field of ['unseenTermShare', 'evasionShare', 'unstatedLanguageShare', 'badActorShare'] as const) share(config, field);
  if (!config.idPrefix) config.idPrefix = `s${config.seed}`;
  if (!/^[A-Za-z0-9_.:-]{1,40}$/.test(config.idPrefix)) throw new InvalidSimulationConfigError('idPrefix', 'must be 1-40 letters, digits or _.:-');
  return config;
}
