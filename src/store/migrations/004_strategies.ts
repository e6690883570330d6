// Strategies: immutable versions with a lifecycle state, named lists, every decision with its evidence,
// and the action log extended with where an action came from (strategy, version, decision) and what it
// relied on, so a statement of reasons can be written and a version's actions reverted as one.
export const name = 'strategies';
export const sql = /* sql */ `
CREATE TABLE strategies (
  id             text COLLATE "C" PRIMARY KEY,
  name           text NOT NULL,
  description    text NOT NULL DEFAULT '',
  policy_id      text COLLATE "C" NOT NULL REFERENCES policies (id),
  latest_version integer NOT NULL,
  paused         boolean NOT NULL DEFAULT false,
  paused_reason  text,
  archived       boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL,
  created_by     text NOT NULL,
  updated_at     timestamptz NOT NULL
);

CREATE TABLE strategy_versions (
  strategy_id      text COLLATE "C" NOT NULL REFERENCES strategies (id),
  version          integer NOT NULL,
  source           text NOT NULL,
  policy_id        text COLLATE "C" NOT NULL REFERENCES policies (id),
  severity         smallint NOT NULL,
  event_types      text[] NOT NULL,
  -- draft | shadow | rollout | live | retired
  state            text COLLATE "C" NOT NULL,
  rollout_percent  smallint NOT NULL DEFAULT 0,
  expires_at       timestamptz,
  note             text NOT NULL DEFAULT '',
  created_at       timestamptz NOT NULL,
  created_by       text NOT NULL,
  state_changed_at timestamptz NOT NULL,
  state_changed_by text NOT NULL,
  PRIMARY KEY (strategy_id, version)
);
CREATE UNIQUE INDEX strategy_versions_one_live ON strategy_versions (strategy_id) WHERE state = 'live';
CREATE UNIQUE INDEX strategy_versions_one_candidate ON strategy_versions (strategy_id) WHERE state IN ('shadow', 'rollout');

CREATE TABLE lists (
  id          text COLLATE "C" PRIMARY KEY,
  kind        text COLLATE "C" NOT NULL,
  description text NOT NULL DEFAULT '',
  updated_at  timestamptz NOT NULL,
  updated_by  text NOT NULL
);
CREATE TABLE list_items (
  list_id text COLLATE "C" NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
  value   text COLLATE "C" NOT NULL,
  PRIMARY KEY (list_id, value)
);

CREATE TABLE decisions (
  id               bigserial PRIMARY KEY,
  event_seq        bigint NOT NULL,
  event_id         text COLLATE "C" NOT NULL,
  event_type       text COLLATE "C" NOT NULL,
  event_time       timestamptz NOT NULL,
  decided_at       timestamptz NOT NULL,
  strategy_id      text COLLATE "C" NOT NULL,
  strategy_version integer NOT NULL,
  rule             text NOT NULL,
  -- live | rollout | shadow
  mode             text COLLATE "C" NOT NULL,
  applied          boolean NOT NULL,
  policy_id        text COLLATE "C" NOT NULL,
  severity         smallint NOT NULL,
  entity_type      text COLLATE "C",
  entity_id        text COLLATE "C",
  actions          jsonb NOT NULL,
  evidence         jsonb NOT NULL,
  UNIQUE (event_id, strategy_id, strategy_version)
);
CREATE INDEX decisions_strategy ON decisions (strategy_id, strategy_version, id);
CREATE INDEX decisions_entity ON decisions (entity_type, entity_id, id);
CREATE INDEX decisions_event ON decisions (event_seq);

ALTER TABLE actions ADD COLUMN effective_at timestamptz;
ALTER TABLE actions ADD COLUMN strategy_id text COLLATE "C";
ALTER TABLE actions ADD COLUMN strategy_version integer;
ALTER TABLE actions ADD COLUMN decision_id bigint REFERENCES decisions (id);
ALTER TABLE actions ADD COLUMN details jsonb NOT NULL DEFAULT '{}';
UPDATE actions SET effective_at = at;
ALTER TABLE actions ALTER COLUMN effective_at SET NOT NULL;
-- An action is reverted at most once; the revert is itself an action pointing back at it (the log stays append-only).
CREATE UNIQUE INDEX actions_reverted_once ON actions (reverts_seq) WHERE reverts_seq IS NOT NULL;
CREATE INDEX actions_strategy ON actions (strategy_id, strategy_version, seq);
CREATE INDEX actions_entity_effective ON actions (entity_type, entity_id, effective_at);
`;
