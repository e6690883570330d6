// Statements of reasons (DSA Art. 17 / 24(5)): one per restricting action that names a policy, stored as
// the exact JSON the EU Transparency Database takes, plus the platform-wide settings they are built with.
export const name = 'statements';
export const sql = /* sql */ `
CREATE TABLE statements (
  -- The action's seq: one statement per action, and the id the API and the export page on.
  id          bigint PRIMARY KEY REFERENCES actions (seq),
  puid        text COLLATE "C" NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL,
  entity_type text COLLATE "C" NOT NULL,
  entity_id   text COLLATE "C" NOT NULL,
  policy_id   text COLLATE "C" NOT NULL,
  action      text COLLATE "C" NOT NULL,
  -- Exactly the TDB statement fields, validated before they were stored.
  tdb         jsonb NOT NULL
);
CREATE INDEX statements_entity ON statements (entity_type, entity_id, id);
CREATE INDEX statements_policy ON statements (policy_id, id);

CREATE TABLE statement_settings (
  id         smallint PRIMARY KEY CHECK (id = 1),
  settings   jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);
`;
