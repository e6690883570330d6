// Platform webhooks: the endpoints enforcement actions are sent to, and the durable delivery outbox that
// doubles as the delivery log. A delivery row is written in the transaction that records its action.
export const name = 'webhooks';
export const sql = /* sql */ `
CREATE TABLE webhook_endpoints (
  id           text COLLATE "C" PRIMARY KEY,
  url          text NOT NULL,
  -- Kept in clear: HMAC signing needs the secret itself, not a hash of it.
  secret       text NOT NULL,
  description  text NOT NULL DEFAULT '',
  -- Action kinds sent to this endpoint; empty means every kind.
  action_kinds text[] NOT NULL DEFAULT '{}',
  enabled      boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);

CREATE TABLE webhook_deliveries (
  -- Stable: derived from endpoint and action, so a retry resends the same id and the receiver can dedupe.
  id               text COLLATE "C" PRIMARY KEY,
  -- Insertion order: the delivery log pages on it, newest first.
  seq              bigserial NOT NULL UNIQUE,
  endpoint_id      text COLLATE "C" NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  action_seq       bigint REFERENCES actions (seq),
  -- "type:id" of the action's entity: deliveries of one endpoint and entity go out in action order.
  entity_key       text COLLATE "C",
  event_type       text COLLATE "C" NOT NULL,
  payload          jsonb NOT NULL,
  status           text COLLATE "C" NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  -- For a pending delivery: when it is due; while an attempt is in flight, when its lease ends.
  next_attempt_at  timestamptz NOT NULL,
  last_attempt_at  timestamptz,
  last_status_code integer,
  last_error       text,
  delivered_at     timestamptz,
  created_at       timestamptz NOT NULL
);
-- The poller: due pending deliveries.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
-- The ordering check: an earlier pending delivery of the same endpoint and entity.
CREATE INDEX webhook_deliveries_entity ON webhook_deliveries (endpoint_id, entity_key, action_seq) WHERE status = 'pending';
-- The delivery log, per endpoint and per status.
CREATE INDEX webhook_deliveries_endpoint_log ON webhook_deliveries (endpoint_id, seq);
CREATE INDEX webhook_deliveries_status_log ON webhook_deliveries (status, seq);
`;
