// Guardrails on automation: their settings, per-entity snoozes, and the alerts they raise.
export const name = 'guardrails';
export const sql = /* sql */ `
CREATE TABLE guardrail_settings (
  id         smallint PRIMARY KEY CHECK (id = 1),
  settings   jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);

-- While snoozed, an entity receives no automated actions (from one strategy, or from all when strategy_id is null).
CREATE TABLE entity_snoozes (
  id          bigserial PRIMARY KEY,
  entity_type text COLLATE "C" NOT NULL,
  entity_id   text COLLATE "C" NOT NULL,
  strategy_id text COLLATE "C",
  until       timestamptz NOT NULL,
  reason      text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL,
  created_by  text NOT NULL
);
CREATE INDEX entity_snoozes_entity ON entity_snoozes (entity_type, entity_id, until);

CREATE TABLE alerts (
  id              bigserial PRIMARY KEY,
  at              timestamptz NOT NULL,
  kind            text COLLATE "C" NOT NULL,
  strategy_id     text COLLATE "C",
  message         text NOT NULL,
  details         jsonb NOT NULL DEFAULT '{}',
  acknowledged_at timestamptz,
  acknowledged_by text
);
CREATE INDEX alerts_open ON alerts (id) WHERE acknowledged_at IS NULL;
`;
