// Table types of the webhooks tables (see migrations); merged into Tables in ../schema.ts.
import type { ColumnType, Generated } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type Int8 = ColumnType<number, number | bigint, number | bigint>;
export type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export interface WebhookEndpointsTable {
  id: string;
  url: string;
  secret: string;
  description: Generated<string>;
  action_kinds: Generated<string[]>;
  enabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDeliveriesTable {
  id: string;
  seq: Generated<number>;
  endpoint_id: string;
  action_seq: Int8 | null;
  entity_key: string | null;
  event_type: string;
  payload: Json<Record<string, unknown>>;
  status: WebhookDeliveryStatus;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_attempt_at: Timestamp | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: Timestamp | null;
  created_at: Timestamp;
}

export interface WebhookTables {
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
