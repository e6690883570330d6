// Table types for the typed SQL builder (Kysely). One source of truth for what the migrations create.
import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { CaseTables } from './tables/cases.js';
import type { CounterTables } from './tables/counters.js';
import type { StrategyTables } from './tables/strategies.js';
import type { StrikeTables } from './tables/strikes.js';
import type { WebhookTables } from './tables/webhooks.js';
import type { ReviewTables } from './tables/review.js';
import type { StatementTables } from './tables/statements.js';
import type { QaTables } from './tables/qa.js';
import type { WorkforceTables } from './tables/workforce.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** bigint (int8) columns come back as JS numbers on both backends (see store/types.ts). */
type Int8 = ColumnType<number, number | bigint, number | bigint>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export interface EventsTable {
  seq: Generated<number>;
  id: string;
  type: string;
  event_time: Timestamp;
  received_at: Timestamp;
  partition_key: string;
  language: string | null;
  language_detected: Generated<boolean>;
  body: Json<Record<string, unknown>>;
  body_hash: string;
  refs: string[];
}
export interface EntitiesTable {
  type: string;
  id: string;
  attrs: Json<Record<string, unknown>>;
  labels: Generated<string[]>;
  first_seen: Timestamp;
  last_seen: Timestamp;
  event_count: Generated<number>;
}
export interface RelationsTable {
  src_type: string;
  src_id: string;
  kind: string;
  dst_type: string;
  dst_id: string;
  first_seen: Timestamp;
  last_seen: Timestamp;
}
export interface BusOutboxTable {
  seq: Generated<number>;
  topic: string;
  partition_key: string;
  message_id: string;
  payload: Json;
  created_at: Generated<Timestamp>;
}
export interface BusCursorsTable {
  group_name: string;
  topic: string;
  position: Int8;
}
export interface BusRetriesTable {
  group_name: string;
  seq: Int8;
  attempts: number;
  next_at: Timestamp;
  last_error: string | null;
}
export interface BusDeadLettersTable {
  group_name: string;
  seq: Int8;
  attempts: number;
  last_error: string | null;
  dead_at: Timestamp;
}
export interface BusRelaysTable {
  relay: string;
  position: Int8;
}
export interface ConsumerInboxTable {
  consumer: string;
  message_id: string;
  processed_at: Timestamp;
}
export interface EventProcessingTable {
  seq: Int8;
  processed_at: Timestamp;
  times: Generated<number>;
}
export interface EventCountsTable {
  minute: Timestamp;
  type: string;
  count: Int8;
}
export interface PoliciesTable {
  id: string;
  name: string;
  definition: string;
  severity_tier: number;
  dsa_category: string;
  version: number;
  archived: Generated<boolean>;
  updated_at: Timestamp;
  updated_by: string;
}
export interface PolicyVersionsTable {
  policy_id: string;
  version: number;
  name: string;
  definition: string;
  severity_tier: number;
  dsa_category: string;
  archived: boolean;
  changed_at: Timestamp;
  changed_by: string;
}
export interface QueuesTable {
  id: string;
  name: string;
  description: Generated<string>;
  policies: string[];
  languages: string[];
  version: number;
  archived: Generated<boolean>;
  updated_at: Timestamp;
  updated_by: string;
  sla_minutes: Generated<number>;
  escalation_queue: string | null;
  teams: Generated<string[]>;
  state: Generated<'active' | 'paused' | 'draining'>;
}
export interface QueueVersionsTable {
  queue_id: string;
  version: number;
  name: string;
  description: string;
  policies: string[];
  languages: string[];
  archived: boolean;
  changed_at: Timestamp;
  changed_by: string;
  sla_minutes: Generated<number>;
  escalation_queue: string | null;
  teams: Generated<string[]>;
}
export interface ApiKeysTable {
  id: string;
  name: string;
  key_hash: string;
  roles: string[];
  created_at: Timestamp;
  revoked_at: Timestamp | null;
  teams: Generated<string[]>;
}
export interface MediaTable {
  sha256: string;
  md5: string | null;
  kind: string;
  mime: string | null;
  size_bytes: Int8 | null;
  width: number | null;
  height: number | null;
  duration_s: number | null;
  source_url: string | null;
  stored: boolean;
  thumbnail_key: string | null;
  created_at: Timestamp;
  pdq: Generated<string | null>;
  pdq_quality: Generated<number | null>;
  /** The 8 dihedral variants, in DIHEDRAL_VARIANTS order. */
  pdq_dihedral: Generated<string[] | null>;
  frame_pdq: Generated<string[] | null>;
}
export interface AuditLogTable {
  seq: Generated<number>;
  at: Timestamp;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  details: Json<Record<string, unknown>>;
}
export interface ActionsTable {
  seq: Generated<number>;
  at: Timestamp;
  entity_type: string;
  entity_id: string;
  action: string;
  policy_id: string | null;
  source: string;
  actor: string;
  reason: Generated<string>;
  reverts_seq: Int8 | null;
  /** When the action took effect in the platform's time: the causing event's time for strategy actions. */
  effective_at: Timestamp;
  strategy_id: ColumnType<string | null, string | null | undefined, string | null>;
  strategy_version: ColumnType<number | null, number | null | undefined, number | null>;
  decision_id: ColumnType<number | null, number | bigint | null | undefined, number | null>;
  details: ColumnType<Record<string, unknown>, string | Record<string, unknown> | undefined, string | Record<string, unknown>>;
}
export interface MaterialPackagesTable {
  id: string;
  name: string;
  description: Generated<string>;
  owner: string;
  scope: Json<{ surfaces: string[]; markets: string[]; languages: string[] }>;
  version: number;
  archived: Generated<boolean>;
  updated_at: Timestamp;
  updated_by: string;
}
export interface MaterialPackageVersionsTable {
  package_id: string;
  version: number;
  changed_at: Timestamp;
  changed_by: string;
  summary: string;
}
export interface MaterialsTable {
  id: Generated<number>;
  package_id: string;
  kind: string;
  value: string;
  near: string | null;
  within: number | null;
  languages: string[];
  policy_id: string;
  severity: number;
  match_mode: string;
  exceptions: string[];
  status: string;
  opt_out: string[];
  max_distance: number | null;
  min_frame_share: number | null;
  note: string | null;
  author: string;
  version: number;
  updated_at: Timestamp;
  updated_by: string;
}
export interface MaterialHistoryTable {
  material_id: Int8;
  package_version: number;
  snapshot: Json<Record<string, unknown>>;
  changed_at: Timestamp;
  changed_by: string;
}
export interface MaterialHitsTable {
  id: Generated<number>;
  event_seq: Int8;
  event_id: string;
  item_type: string;
  item_id: string;
  surface: string;
  field: string;
  material_id: Int8;
  package_id: string;
  package_version: number;
  policy_id: string;
  severity: number;
  test: boolean;
  span_start: number | null;
  span_end: number | null;
  matched: string | null;
  distance: number | null;
  at: Timestamp;
}
export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: Timestamp;
}

export interface Tables extends StrategyTables, CounterTables, WebhookTables, ReviewTables, StrikeTables, CaseTables, StatementTables, QaTables, WorkforceTables {
  events: EventsTable;
  entities: EntitiesTable;
  relations: RelationsTable;
  bus_outbox: BusOutboxTable;
  bus_cursors: BusCursorsTable;
  bus_retries: BusRetriesTable;
  bus_dead_letters: BusDeadLettersTable;
  bus_relays: BusRelaysTable;
  consumer_inbox: ConsumerInboxTable;
  event_processing: EventProcessingTable;
  event_counts: EventCountsTable;
  policies: PoliciesTable;
  policy_versions: PolicyVersionsTable;
  queues: QueuesTable;
  queue_versions: QueueVersionsTable;
  api_keys: ApiKeysTable;
  media: MediaTable;
  audit_log: AuditLogTable;
  actions: ActionsTable;
  material_packages: MaterialPackagesTable;
  material_package_versions: MaterialPackageVersionsTable;
  materials: MaterialsTable;
  material_history: MaterialHistoryTable;
  material_hits: MaterialHitsTable;
  schema_migrations: SchemaMigrationsTable;
}

/** The query builder every store uses; the same on PGlite and PostgreSQL. */
export type Db = Kysely<Tables>;
/** A query builder bound to an open transaction. */
export type Tx = Transaction<Tables>;
/** Either: functions that can join a caller's transaction take this. */
export type Executor = Db | Tx;
