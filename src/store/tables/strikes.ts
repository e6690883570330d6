// Table types of the strike tables (see migration 011); merged into Tables in ../schema.ts.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Int8 = ColumnType<number, number | bigint, number | bigint>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export interface StrikeLaddersTable {
  ladder: string;
  version: number;
  expiry_days: number;
  steps: Json<unknown[]>;
  updated_at: Timestamp;
  updated_by: string;
}

export interface StrikeLadderVersionsTable {
  ladder: string;
  version: number;
  expiry_days: number;
  steps: Json<unknown[]>;
  changed_at: Timestamp;
  changed_by: string;
}

export interface StrikesTable {
  id: Generated<number>;
  entity_type: string;
  entity_id: string;
  policy_id: string;
  ladder: string;
  ladder_version: number;
  at: Timestamp;
  expires_at: Timestamp;
  source: string;
  actor: string;
  reason: Generated<string>;
  cause_action_seq: Int8 | null;
  cause_verdict_id: Int8 | null;
  action_seq: Int8;
  active_count: number;
  step: Json<Record<string, unknown> | null>;
  step_action_seqs: ColumnType<number[], number[] | undefined, number[]>;
  reverted_at: Timestamp | null;
  reverted_by_seq: Int8 | null;
}

export interface StrikeTables {
  strike_ladders: StrikeLaddersTable;
  strike_ladder_versions: StrikeLadderVersionsTable;
  strikes: StrikesTable;
}
