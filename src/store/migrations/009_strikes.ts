// Strike ladders (per policy, plus 'default'), their versions, the strikes given to accounts, and which
// actions each strike caused (so reverting the strike lifts them).
export const name = 'strikes';
export const sql = /* sql */ `
-- ladder: 'default' or a policy id (no foreign key: 'default' is not a policy).
CREATE TABLE strike_ladders (
  ladder      text COLLATE "C" PRIMARY KEY,
  version     integer NOT NULL,
  expiry_days integer NOT NULL CHECK (expiry_days > 0),
  steps       jsonb NOT NULL,
  updated_at  timestamptz NOT NULL,
  updated_by  text NOT NULL
);

CREATE TABLE strike_ladder_versions (
  ladder      text COLLATE "C" NOT NULL,
  version     integer NOT NULL,
  expiry_days integer NOT NULL,
  steps       jsonb NOT NULL,
  changed_at  timestamptz NOT NULL,
  changed_by  text NOT NULL,
  PRIMARY KEY (ladder, version)
);

CREATE TABLE strikes (
  id               bigserial PRIMARY KEY,
  entity_type      text COLLATE "C" NOT NULL,
  entity_id        text COLLATE "C" NOT NULL,
  policy_id        text COLLATE "C" NOT NULL REFERENCES policies (id),
  -- The ladder that counted it: strikes count toward the next step only with others of the same ladder.
  ladder           text COLLATE "C" NOT NULL,
  ladder_version   integer NOT NULL,
  at               timestamptz NOT NULL,
  expires_at       timestamptz NOT NULL,
  source           text NOT NULL,
  actor            text NOT NULL,
  reason           text NOT NULL DEFAULT '',
  cause_action_seq bigint,
  cause_verdict_id bigint,
  action_seq       bigint NOT NULL REFERENCES actions (seq),
  -- Active strikes under the ladder when it was given, itself included, and the step that reached.
  active_count     integer NOT NULL,
  step             jsonb,
  step_action_seqs bigint[] NOT NULL DEFAULT '{}',
  reverted_at      timestamptz,
  reverted_by_seq  bigint REFERENCES actions (seq)
);
CREATE INDEX strikes_entity ON strikes (entity_type, entity_id, ladder, expires_at);
CREATE UNIQUE INDEX strikes_action ON strikes (action_seq);
`;
