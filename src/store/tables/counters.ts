// Table types of the counters tables (see migrations); merged into Tables in ../schema.ts.
import type { ColumnType } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type Int8 = ColumnType<number, number | bigint, number | bigint>;
export type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export interface CounterCheckpointsTable {
  name: string;
  seq: Int8;
  /** A MemoryCounterStore snapshot. Comes back as a Buffer from PostgreSQL, a Uint8Array from PGlite. */
  state: Uint8Array;
  saved_at: Timestamp;
}

export interface CounterTables {
  counter_checkpoints: CounterCheckpointsTable;
}
