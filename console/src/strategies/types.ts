// Shapes of the strategies API as the console reads them (kept in step with src/domain/strategy.ts and
// src/server/routes/strategies.ts by hand: the domain file pulls in TypeBox, which the console bundle
// should not carry).

export const STRATEGY_STATES = ['draft', 'shadow', 'rollout', 'live', 'retired'] as const;
export type StrategyState = (typeof STRATEGY_STATES)[number];

/** Where a version may go from each state (src/strategies/store/strategies.ts, ALLOWED). */
export const NEXT_STATES: Record<StrategyState, readonly StrategyState[]> = {
  draft: ['shadow', 'rollout', 'live', 'retired'],
  shadow: ['rollout', 'live', 'retired'],
  rollout: ['shadow', 'rollout', 'live', 'retired'],
  live: ['retired'],
  retired: ['shadow', 'rollout', 'live'],
};

export const STATE_NOTES: Record<StrategyState, string> = {
  draft: 'saved, not running',
  shadow: 'decides beside live, records decisions, applies nothing',
  rollout: 'applied for a share of entities; live decides for the rest',
  live: 'decides and acts',
  retired: 'stopped',
};

export interface StrategyActivity {
  strategy_id: string;
  /** Decisions per hour over the last 24 hours, oldest first. */
  hourly: { applied: number[]; shadow: number[] };
  applied_24h: number;
  shadow_24h: number;
}

export interface Strategy {
  id: string;
  name: string;
  description: string;
  policy_id: string;
  latest_version: number;
  live_version: number | null;
  candidate: { version: number; state: string; rollout_percent: number } | null;
  paused: boolean;
  paused_reason: string | null;
  archived: boolean;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface StrategyListItem extends Strategy {
  activity: StrategyActivity | null;
}

export interface StrategyVersion {
  strategy_id: string;
  version: number;
  source: string;
  policy_id: string;
  severity: number;
  event_types: string[];
  state: StrategyState;
  rollout_percent: number;
  expires_at: string | null;
  note: string;
  created_at: string;
  created_by: string;
  state_changed_at: string;
  state_changed_by: string;
}

export interface StrategyInput {
  id: string;
  name: string;
  description?: string;
  source: string;
  note?: string;
}

/** One error or warning at its place in the source; `offset` indexes the JS string (UTF-16 units). */
export interface SourceProblem {
  line: number;
  col: number;
  offset: number;
  level: 'error' | 'warning';
  message: string;
}

export interface CompiledAction {
  verb: string;
  roles: Record<string, string>;
  label?: string;
  queue?: string;
  priority?: number;
  reason?: string;
  durationMs?: number;
  message?: string;
}

/** POST /v1/strategies/check. */
export interface CheckResult {
  ok: boolean;
  problems: SourceProblem[];
  policy?: string;
  severity?: number;
  on?: string[];
  rules?: { name: string; condition: string | null; actions: CompiledAction[] }[];
  counters?: string[];
}

export interface BacktestHit {
  event_id: string;
  event_time: string;
  rule: string;
  entity: { type: string; id: string } | null;
  actions: string[];
}

export interface BacktestReport {
  strategy_id: string;
  version: number;
  from: string;
  to: string;
  events: number;
  hits: number;
  hit_rate: number;
  truncated: boolean;
  by_rule: Record<string, number>;
  by_day: { day: string; events: number; hits: number }[];
  overlap: { strategy_id: string; both: number; only_this: number; only_other: number }[];
  precision: { confirmed: number; overturned: number; value: number | null };
  recall: { found: number; missed: number; value: number | null };
  /** Queue id → tasks it would have enqueued. */
  review_load: Record<string, number>;
  sample: BacktestHit[];
  duration_ms: number;
}

export interface ShadowDiffRow {
  event_id: string;
  event_time: string;
  live_rule: string | null;
  shadow_rule: string | null;
  entity: { type: string; id: string } | null;
}

export interface ShadowDiff {
  both: number;
  only_shadow: number;
  only_live: number;
  rows: ShadowDiffRow[];
}
