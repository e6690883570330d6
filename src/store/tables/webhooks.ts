// Table types of the webhooks tables (see migrations); merged into Tables in ../schema.ts.
import type { ColumnType, Generated } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type Int8 = ColumnType<number, number | bigint, number | bigint>;
export type Json<T = unknown> = ColumnType<T, string | T, string | T>;
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WebhookTables {}
