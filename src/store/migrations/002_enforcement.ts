// The action log the enforcement capability starts from: every action taken on an entity, by whom and why.
export const name = 'enforcement_actions';
export const sql = /* sql */ `
CREATE TABLE actions (
  seq         bigserial PRIMARY KEY,
  at          timestamptz NOT NULL,
  entity_type text COLLATE "C" NOT NULL,
  entity_id   text COLLATE "C" NOT NULL,
  action      text COLLATE "C" NOT NULL,
  policy_id   text COLLATE "C" REFERENCES policies (id),
  source      text NOT NULL,
  actor       text NOT NULL,
  reason      text NOT NULL DEFAULT '',
  reverts_seq bigint REFERENCES actions (seq)
);
CREATE INDEX actions_entity ON actions (entity_type, entity_id, seq);
`;
