// Foundation schema: events, entities and relations, the bus outbox, policies, queues, API keys, media, audit.
// Text keys that are compared or ordered use COLLATE "C" so PGlite and PostgreSQL sort them the same.
export const name = 'foundation';
export const sql = /* sql */ `
CREATE TABLE events (
  seq          bigserial PRIMARY KEY,
  id           text COLLATE "C" NOT NULL UNIQUE,
  type         text COLLATE "C" NOT NULL,
  event_time   timestamptz NOT NULL,
  received_at  timestamptz NOT NULL,
  partition_key text COLLATE "C" NOT NULL,
  language     text,
  language_detected boolean NOT NULL DEFAULT false,
  body         jsonb NOT NULL,
  body_hash    text NOT NULL,
  -- Every entity the event mentions, as "type:id": an entity's timeline is a GIN lookup on it.
  refs         text[] NOT NULL
);
CREATE INDEX events_type_time ON events (type, event_time);
CREATE INDEX events_refs ON events USING gin (refs);

CREATE TABLE entities (
  type        text COLLATE "C" NOT NULL,
  id          text COLLATE "C" NOT NULL,
  attrs       jsonb NOT NULL DEFAULT '{}',
  labels      text[] NOT NULL DEFAULT '{}',
  first_seen  timestamptz NOT NULL,
  last_seen   timestamptz NOT NULL,
  event_count bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (type, id)
);
CREATE INDEX entities_last_seen ON entities (type, last_seen DESC);

CREATE TABLE relations (
  src_type   text COLLATE "C" NOT NULL,
  src_id     text COLLATE "C" NOT NULL,
  kind       text COLLATE "C" NOT NULL,
  dst_type   text COLLATE "C" NOT NULL,
  dst_id     text COLLATE "C" NOT NULL,
  first_seen timestamptz NOT NULL,
  last_seen  timestamptz NOT NULL,
  PRIMARY KEY (src_type, src_id, kind, dst_type, dst_id)
);
CREATE INDEX relations_dst ON relations (dst_type, dst_id);

-- The bus: every message is first written here, in the transaction that produced it.
CREATE TABLE bus_outbox (
  seq           bigserial PRIMARY KEY,
  topic         text COLLATE "C" NOT NULL,
  partition_key text COLLATE "C" NOT NULL,
  message_id    text COLLATE "C" NOT NULL,
  payload       jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bus_outbox_topic ON bus_outbox (topic, seq);
-- Per consumer group and topic: every message with seq <= position has been delivered and acknowledged or parked for retry.
CREATE TABLE bus_cursors (
  group_name text COLLATE "C" NOT NULL,
  topic      text COLLATE "C" NOT NULL,
  position   bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (group_name, topic)
);
CREATE TABLE bus_retries (
  group_name text COLLATE "C" NOT NULL,
  seq        bigint NOT NULL,
  attempts   integer NOT NULL,
  next_at    timestamptz NOT NULL,
  last_error text,
  PRIMARY KEY (group_name, seq)
);
CREATE TABLE bus_dead_letters (
  group_name text COLLATE "C" NOT NULL,
  seq        bigint NOT NULL,
  attempts   integer NOT NULL,
  last_error text,
  dead_at    timestamptz NOT NULL,
  PRIMARY KEY (group_name, seq)
);
-- How far a relay has copied the outbox to an external bus (JetStream).
CREATE TABLE bus_relays (
  relay    text COLLATE "C" PRIMARY KEY,
  position bigint NOT NULL DEFAULT 0
);
-- Exactly-once effects: a consumer records each message id in the transaction that applies its effects.
CREATE TABLE consumer_inbox (
  consumer     text COLLATE "C" NOT NULL,
  message_id   text COLLATE "C" NOT NULL,
  processed_at timestamptz NOT NULL,
  PRIMARY KEY (consumer, message_id)
);

-- Effects of the foundation's event processor: events processed, counted per minute and type.
CREATE TABLE event_processing (
  seq          bigint PRIMARY KEY,
  processed_at timestamptz NOT NULL,
  times        integer NOT NULL DEFAULT 1
);
CREATE TABLE event_counts (
  minute timestamptz NOT NULL,
  type   text COLLATE "C" NOT NULL,
  count  bigint NOT NULL,
  PRIMARY KEY (minute, type)
);

CREATE TABLE policies (
  id            text COLLATE "C" PRIMARY KEY,
  name          text NOT NULL,
  definition    text NOT NULL,
  severity_tier smallint NOT NULL CHECK (severity_tier BETWEEN 1 AND 4),
  dsa_category  text NOT NULL,
  version       integer NOT NULL,
  archived      boolean NOT NULL DEFAULT false,
  updated_at    timestamptz NOT NULL,
  updated_by    text NOT NULL
);
CREATE TABLE policy_versions (
  policy_id     text COLLATE "C" NOT NULL REFERENCES policies (id),
  version       integer NOT NULL,
  name          text NOT NULL,
  definition    text NOT NULL,
  severity_tier smallint NOT NULL,
  dsa_category  text NOT NULL,
  archived      boolean NOT NULL,
  changed_at    timestamptz NOT NULL,
  changed_by    text NOT NULL,
  PRIMARY KEY (policy_id, version)
);

CREATE TABLE queues (
  id          text COLLATE "C" PRIMARY KEY,
  name        text NOT NULL,
  description text NOT NULL DEFAULT '',
  policies    text[] NOT NULL,
  languages   text[] NOT NULL,
  version     integer NOT NULL,
  archived    boolean NOT NULL DEFAULT false,
  updated_at  timestamptz NOT NULL,
  updated_by  text NOT NULL
);
CREATE TABLE queue_versions (
  queue_id    text COLLATE "C" NOT NULL REFERENCES queues (id),
  version     integer NOT NULL,
  name        text NOT NULL,
  description text NOT NULL,
  policies    text[] NOT NULL,
  languages   text[] NOT NULL,
  archived    boolean NOT NULL,
  changed_at  timestamptz NOT NULL,
  changed_by  text NOT NULL,
  PRIMARY KEY (queue_id, version)
);

CREATE TABLE api_keys (
  id           text COLLATE "C" PRIMARY KEY,
  name         text NOT NULL,
  key_hash     text NOT NULL UNIQUE,
  roles        text[] NOT NULL,
  created_at   timestamptz NOT NULL,
  revoked_at   timestamptz
);

CREATE TABLE media (
  sha256        text COLLATE "C" PRIMARY KEY,
  md5           text,
  kind          text NOT NULL,
  mime          text,
  size_bytes    bigint,
  width         integer,
  height        integer,
  duration_s    double precision,
  source_url    text,
  stored        boolean NOT NULL,
  thumbnail_key text,
  created_at    timestamptz NOT NULL
);

CREATE TABLE audit_log (
  seq         bigserial PRIMARY KEY,
  at          timestamptz NOT NULL,
  actor       text NOT NULL,
  action      text COLLATE "C" NOT NULL,
  target_type text COLLATE "C" NOT NULL,
  target_id   text COLLATE "C" NOT NULL,
  details     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id, seq);
`;
