// Table types of the cases tables (see migration 010); merged into Tables in ../schema.ts.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export interface CasesTable {
  id: Generated<number>;
  title: string;
  description: Generated<string>;
  owner: string | null;
  status: Generated<'open' | 'closed'>;
  resolution: string | null;
  tags: Generated<string[]>;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
  closed_by: string | null;
}

export interface CaseItemsTable {
  id: Generated<number>;
  case_id: number;
  kind: string;
  ref: string;
  entity_type: string | null;
  entity_id: string | null;
  evidence: Json<Record<string, unknown> | null>;
  note: Generated<string>;
  added_at: Timestamp;
  added_by: string;
  removed_at: Timestamp | null;
  removed_by: string | null;
}

export interface CaseTimelineTable {
  seq: Generated<number>;
  case_id: number;
  at: Timestamp;
  actor: string;
  kind: string;
  details: Json<Record<string, unknown>>;
}

export interface CaseTables {
  cases: CasesTable;
  case_items: CaseItemsTable;
  case_timeline: CaseTimelineTable;
}
