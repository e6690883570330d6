// Table types of the review workforce (see migration 013); merged into Tables in ../schema.ts.
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Int8 = ColumnType<number, number | bigint, number | bigint>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export interface ShiftWindow {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: number[];
  /** "HH:MM" in UTC; an end before the start runs past midnight. */
  start: string;
  end: string;
}

export interface ModeratorsTable {
  id: string;
  display_name: ColumnType<string, string | undefined, string>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  capacity: ColumnType<number, number | undefined, number>;
  languages: Json<Record<string, 'basic' | 'fluent' | 'native'>>;
  exposure_budgets: Json<Record<string, number>>;
  schedule: Json<ShiftWindow[]>;
  shift_hours: ColumnType<number, number | undefined, number>;
  updated_at: Timestamp;
  updated_by: string;
}

export interface ModeratorCertificationsTable {
  moderator: string;
  policy_id: string;
  granted_at: Timestamp;
  granted_by: string;
  expires_at: Timestamp | null;
}

export interface ModeratorExposureTable {
  moderator: string;
  at: Timestamp;
  category: string;
  task_id: Int8;
}

export interface WorkforceTables {
  moderators: ModeratorsTable;
  moderator_certifications: ModeratorCertificationsTable;
  moderator_exposure: ModeratorExposureTable;
}
