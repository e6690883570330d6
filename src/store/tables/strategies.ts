// Table types of the strategy tables (see migration 004); merged into Tables in ../schema.ts.
import type { ColumnType, Generated } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type Int8 = ColumnType<number, number | bigint, number | bigint>;
export type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export interface StrategiesTable {
  id: string;
  name: string;
  description: Generated<string>;
  policy_id: string;
  latest_version: number;
  paused: Generated<boolean>;
  paused_reason: string | null;
  archived: Generated<boolean>;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
}

export interface StrategyVersionsTable {
  strategy_id: string;
  version: number;
  source: string;
  policy_id: string;
  severity: number;
  event_types: string[];
  state: string;
  rollout_percent: Generated<number>;
  expires_at: Timestamp | null;
  note: Generated<string>;
  created_at: Timestamp;
  created_by: string;
  state_changed_at: Timestamp;
  state_changed_by: string;
}

export interface ListsTable {
  id: string;
  kind: string;
  description: Generated<string>;
  updated_at: Timestamp;
  updated_by: string;
}

export interface ListItemsTable {
  list_id: string;
  value: string;
}

export interface DecisionsTable {
  id: Generated<number>;
  event_seq: Int8;
  event_id: string;
  event_type: string;
  event_time: Timestamp;
  decided_at: Timestamp;
  strategy_id: string;
  strategy_version: number;
  rule: string;
  mode: string;
  applied: boolean;
  policy_id: string;
  severity: number;
  entity_type: string | null;
  entity_id: string | null;
  actions: Json<unknown[]>;
  evidence: Json<Record<string, unknown>>;
}

export interface GuardrailSettingsTable {
  id: number;
  settings: Json<Record<string, unknown>>;
  updated_at: Timestamp;
  updated_by: string;
}

export interface EntitySnoozesTable {
  id: Generated<number>;
  entity_type: string;
  entity_id: string;
  strategy_id: string | null;
  until: Timestamp;
  reason: Generated<string>;
  created_at: Timestamp;
  created_by: string;
}

export interface AlertsTable {
  id: Generated<number>;
  at: Timestamp;
  kind: string;
  strategy_id: string | null;
  message: string;
  details: Json<Record<string, unknown>>;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
}

export interface StrategyTables {
  guardrail_settings: GuardrailSettingsTable;
  entity_snoozes: EntitySnoozesTable;
  alerts: AlertsTable;
  strategies: StrategiesTable;
  strategy_versions: StrategyVersionsTable;
  lists: ListsTable;
  list_items: ListItemsTable;
  decisions: DecisionsTable;
}
