// Shapes of the Vigil HTTP API as the console reads them (kept in step with src/server/routes by hand).

export const ENTITY_TYPES = ['account', 'content', 'livestream', 'shop', 'device', 'payment_instrument', 'ip'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface Me {
  id: string;
  name: string;
  roles: string[];
  /** Review teams of the key's moderator (older servers leave it out). */
  teams?: string[];
  /** What verdicts and actions record as the actor for this key. */
  actor?: string;
}

export interface EventStats {
  now: string;
  buckets: { minute: string; type: string; count: number }[];
  totals: Record<string, number>;
  total: number;
}

export interface StoredEvent {
  seq: number;
  id: string;
  type: string;
  event_time: string;
  received_at: string;
  language: string | null;
  partition_key: string;
  body: Record<string, unknown>;
}

export interface Entity {
  type: string;
  id: string;
  attrs: Record<string, unknown>;
  labels: string[];
  first_seen: string;
  last_seen: string;
  event_count: number;
}

export interface Related {
  kind: string;
  type: string;
  id: string;
  last_seen: string;
}

export interface MediaInfo {
  sha256: string;
  kind: string;
  mime: string | null;
  width: number | null;
  height: number | null;
  thumbnail: boolean;
}

export interface EntityDetail {
  entity: Entity;
  relations: { outgoing: Related[]; incoming: Related[] };
  events: StoredEvent[];
  media: MediaInfo[];
}

/** The bookkeeping every versioned record (policy, queue) carries. */
interface Versioned {
  version: number;
  archived: boolean;
  updated_at: string;
  updated_by: string;
}
/** A versioned record as the shared record pages see it, whatever its kind. */
export interface VersionedRecord extends Versioned {
  id: string;
  name: string;
}
/** One entry of a record's version history: who changed it when. */
export interface RecordVersion {
  version: number;
  archived: boolean;
  changed_at: string;
  changed_by: string;
}

export interface PolicyInput {
  name: string;
  definition: string;
  severity_tier: number;
  dsa_category: string;
}
export interface Policy extends PolicyInput, Versioned {
  id: string;
}
export interface PolicyVersion extends PolicyInput, RecordVersion {}

export interface QueueInput {
  name: string;
  description?: string;
  policies: string[];
  languages: string[];
  /** Time to a verdict the queue aims for, in minutes. */
  sla_minutes?: number;
  escalation_queue?: string | null;
  /** Teams whose moderators may review it; empty means every moderator. */
  teams?: string[];
}
export const QUEUE_STATES = ['active', 'paused', 'draining'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];
export interface Queue extends QueueInput, Versioned {
  id: string;
  sla_minutes: number;
  escalation_queue: string | null;
  teams: string[];
  state: QueueState;
}
export interface QueueVersion extends QueueInput, RecordVersion {}
