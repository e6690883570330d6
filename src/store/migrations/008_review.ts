// Human review: queues' operating settings, routing rules, tasks with their signals and leases, verdicts,
// reporters' track records, appeals, and the review settings.
export const name = 'review';
export const sql = /* sql */ `
ALTER TABLE queues ADD COLUMN sla_minutes integer NOT NULL DEFAULT 1440,
  ADD COLUMN escalation_queue text COLLATE "C",
  ADD COLUMN teams text[] NOT NULL DEFAULT '{}',
  ADD COLUMN state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused', 'draining'));
ALTER TABLE queue_versions ADD COLUMN sla_minutes integer NOT NULL DEFAULT 1440,
  ADD COLUMN escalation_queue text COLLATE "C",
  ADD COLUMN teams text[] NOT NULL DEFAULT '{}';
ALTER TABLE api_keys ADD COLUMN teams text[] NOT NULL DEFAULT '{}';

-- Routing rules, first match wins; a null column matches anything.
CREATE TABLE review_routes (
  position       integer PRIMARY KEY,
  task_kind      text,
  policy_id      text COLLATE "C" REFERENCES policies (id),
  modality       text,
  language       text,
  market         text,
  severity_tiers integer[],
  queue_id       text COLLATE "C" NOT NULL REFERENCES queues (id)
);

CREATE TABLE review_tasks (
  id                 bigserial PRIMARY KEY,
  kind               text NOT NULL CHECK (kind IN ('review', 'appeal')),
  entity_type        text COLLATE "C" NOT NULL,
  entity_id          text COLLATE "C" NOT NULL,
  policy_id          text COLLATE "C" REFERENCES policies (id),
  queue_id           text COLLATE "C" NOT NULL REFERENCES queues (id),
  status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  priority           double precision NOT NULL,
  severity_tier      integer,
  deadline           timestamptz NOT NULL,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  modality           text,
  language           text,
  market             text,
  sample_probability double precision,
  appeal_id          bigint,
  excluded_moderator text,
  lease_holder       text,
  lease_token        bigint NOT NULL DEFAULT 0,
  leased_at          timestamptz,
  lease_expires_at   timestamptz,
  skips              integer NOT NULL DEFAULT 0,
  escalations        integer NOT NULL DEFAULT 0,
  closed_at          timestamptz,
  closed_by          text
);
CREATE UNIQUE INDEX review_tasks_one_open ON review_tasks (kind, entity_type, entity_id, (COALESCE(policy_id, ''))) WHERE status = 'open';
CREATE INDEX review_tasks_next ON review_tasks (queue_id, priority DESC, deadline, id) WHERE status = 'open';
-- "Next task" across every queue a moderator may work.
CREATE INDEX review_tasks_next_any ON review_tasks (priority DESC, deadline, id) WHERE status = 'open';
CREATE INDEX review_tasks_entity ON review_tasks (entity_type, entity_id);
CREATE INDEX review_tasks_closed ON review_tasks (queue_id, closed_at) WHERE status = 'done';

-- Every reason a task exists: a strategy's enqueue action, a user report, an appeal, a QA or measurement sample.
CREATE TABLE review_signals (
  id               bigserial PRIMARY KEY,
  task_id          bigint NOT NULL REFERENCES review_tasks (id),
  at               timestamptz NOT NULL,
  source           text NOT NULL CHECK (source IN ('strategy', 'report', 'appeal', 'qa', 'measurement', 'manual')),
  weight           double precision NOT NULL,
  action_seq       bigint,
  strategy_id      text COLLATE "C",
  strategy_version integer,
  decision_id      bigint,
  reporter         text,
  actor            text NOT NULL,
  reason           text NOT NULL DEFAULT '',
  details          jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX review_signals_task ON review_signals (task_id);
CREATE INDEX review_signals_strategy ON review_signals (strategy_id, strategy_version) WHERE strategy_id IS NOT NULL;
CREATE UNIQUE INDEX review_signals_action ON review_signals (action_seq) WHERE action_seq IS NOT NULL;

CREATE TABLE review_verdicts (
  id          bigserial PRIMARY KEY,
  task_id     bigint NOT NULL UNIQUE REFERENCES review_tasks (id),
  at          timestamptz NOT NULL,
  moderator   text NOT NULL,
  entity_type text COLLATE "C" NOT NULL,
  entity_id   text COLLATE "C" NOT NULL,
  task_policy text COLLATE "C",
  policy_id   text COLLATE "C" REFERENCES policies (id),
  action_seqs bigint[] NOT NULL DEFAULT '{}',
  notes       text NOT NULL DEFAULT '',
  handle_ms   integer,
  lease_token bigint NOT NULL
);
CREATE INDEX review_verdicts_entity ON review_verdicts (entity_type, entity_id);
CREATE INDEX review_verdicts_moderator ON review_verdicts (moderator, at);

CREATE TABLE review_skips (
  task_id   bigint NOT NULL REFERENCES review_tasks (id),
  moderator text NOT NULL,
  at        timestamptz NOT NULL,
  reason    text NOT NULL,
  PRIMARY KEY (task_id, moderator)
);

CREATE TABLE reporters (
  reporter text COLLATE "C" PRIMARY KEY,
  reports  integer NOT NULL DEFAULT 0,
  upheld   integer NOT NULL DEFAULT 0,
  rejected integer NOT NULL DEFAULT 0
);

CREATE TABLE appeals (
  id          bigserial PRIMARY KEY,
  action_seq  bigint NOT NULL UNIQUE REFERENCES actions (seq),
  entity_type text COLLATE "C" NOT NULL,
  entity_id   text COLLATE "C" NOT NULL,
  appellant   text NOT NULL,
  statement   text NOT NULL,
  at          timestamptz NOT NULL,
  status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'overturned')),
  task_id     bigint REFERENCES review_tasks (id),
  decided_at  timestamptz,
  decided_by  text
);

CREATE TABLE review_settings (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  settings  jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);
`;
