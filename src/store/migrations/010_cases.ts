// Cases (investigations): a case, the items it links (entities, review tasks, verdicts, decisions, actions,
// evidence) and its append-only timeline. Also makes the audit log append-only: a trigger refuses UPDATE and
// DELETE on audit_log and on case_timeline (TRUNCATE, used only by test resets, is not row-level).
export const name = 'cases';
export const sql = /* sql */ `
CREATE TABLE cases (
  id          bigserial PRIMARY KEY,
  title       text NOT NULL,
  description text NOT NULL DEFAULT '',
  owner       text COLLATE "C",
  status      text COLLATE "C" NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  resolution  text,
  tags        text[] NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL,
  created_by  text NOT NULL,
  updated_at  timestamptz NOT NULL,
  closed_at   timestamptz,
  closed_by   text,
  CHECK ((status = 'closed') = (resolution IS NOT NULL))
);
CREATE INDEX cases_status ON cases (status, id);
CREATE INDEX cases_owner ON cases (owner, id);
CREATE INDEX cases_tags ON cases USING gin (tags);

-- What a case links. Review tasks and verdicts are referred to by id only (no foreign key to review tables).
-- A removed item keeps its row (removed_at set) so the timeline can still name it.
CREATE TABLE case_items (
  id          bigserial PRIMARY KEY,
  case_id     bigint NOT NULL REFERENCES cases (id),
  kind        text COLLATE "C" NOT NULL CHECK (kind IN ('entity', 'review_task', 'verdict', 'decision', 'action', 'evidence')),
  -- The canonical key within its kind: "type:id" for an entity, the id or seq, or for evidence "media:<sha256>",
  -- "url:<url>" or "text:<md5 of the text>".
  ref         text COLLATE "C" NOT NULL,
  entity_type text COLLATE "C",
  entity_id   text COLLATE "C",
  evidence    jsonb,
  note        text NOT NULL DEFAULT '',
  added_at    timestamptz NOT NULL,
  added_by    text NOT NULL,
  removed_at  timestamptz,
  removed_by  text
);
CREATE UNIQUE INDEX case_items_current ON case_items (case_id, kind, ref) WHERE removed_at IS NULL;
CREATE INDEX case_items_ref ON case_items (kind, ref, case_id) WHERE removed_at IS NULL;

CREATE TABLE case_timeline (
  seq     bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases (id),
  at      timestamptz NOT NULL,
  actor   text NOT NULL,
  kind    text COLLATE "C" NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX case_timeline_case ON case_timeline (case_id, seq);

-- Audit log queries: by actor, by action prefix (COLLATE "C" makes LIKE 'x.%' a range scan), by time.
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER case_timeline_append_only BEFORE UPDATE OR DELETE ON case_timeline FOR EACH ROW EXECUTE FUNCTION refuse_change();
`;
