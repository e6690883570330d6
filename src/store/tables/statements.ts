// Table types of the statements-of-reasons tables (see migrations/009_statements.ts); merged into Tables in ../schema.ts.
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Int8 = ColumnType<number, number | bigint, number | bigint>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export interface StatementsTable {
  id: Int8;
  puid: string;
  created_at: Timestamp;
  entity_type: string;
  entity_id: string;
  policy_id: string;
  action: string;
  tdb: Json<Record<string, unknown>>;
}

export interface StatementSettingsTable {
  id: number;
  settings: Json<Record<string, unknown>>;
  updated_at: Timestamp;
  updated_by: string;
}

export interface StatementTables {
  statements: StatementsTable;
  statement_settings: StatementSettingsTable;
}
