// The review workforce: each moderator's languages, certifications, capacity, schedule and exposure
// budgets; the exposure ledger budgets are checked against; the router's reservations on tasks; the
// computed priority's parts kept on the task so the console can say why it ranks where it does.
export const name = 'workforce';
export const sql = /* sql */ `
CREATE TABLE moderators (
  id               text COLLATE "C" PRIMARY KEY,
  display_name     text NOT NULL DEFAULT '',
  active           boolean NOT NULL DEFAULT true,
  -- Tasks they may hold at once.
  capacity         integer NOT NULL DEFAULT 1 CHECK (capacity BETWEEN 1 AND 50),
  -- {"en": "native", "es": "fluent"}
  languages        jsonb NOT NULL DEFAULT '{}',
  -- Items per harm category per shift: {"graphic_violence": 40}; a category absent is unlimited.
  exposure_budgets jsonb NOT NULL DEFAULT '{}',
  -- Weekly windows in UTC: [{"days": [1,2,3,4,5], "start": "08:00", "end": "16:00"}]; empty = always on shift.
  schedule         jsonb NOT NULL DEFAULT '[]',
  shift_hours      integer NOT NULL DEFAULT 8 CHECK (shift_hours BETWEEN 1 AND 24),
  updated_at       timestamptz NOT NULL,
  updated_by       text NOT NULL
);

CREATE TABLE moderator_certifications (
  moderator  text COLLATE "C" NOT NULL REFERENCES moderators (id),
  policy_id  text COLLATE "C" NOT NULL REFERENCES policies (id),
  granted_at timestamptz NOT NULL,
  granted_by text NOT NULL,
  expires_at timestamptz,
  PRIMARY KEY (moderator, policy_id)
);

-- One row per item of a harm category a moderator was shown (at lease time): what budgets count.
CREATE TABLE moderator_exposure (
  moderator text COLLATE "C" NOT NULL,
  at        timestamptz NOT NULL,
  category  text NOT NULL,
  task_id   bigint NOT NULL REFERENCES review_tasks (id),
  PRIMARY KEY (moderator, task_id)
);
CREATE INDEX moderator_exposure_recent ON moderator_exposure (moderator, at);

ALTER TABLE review_tasks ADD COLUMN reserved_for text;
ALTER TABLE review_tasks ADD COLUMN reserved_until timestamptz;
ALTER TABLE review_tasks ADD COLUMN priority_parts jsonb NOT NULL DEFAULT '{}';
CREATE INDEX review_tasks_reserved ON review_tasks (reserved_for, priority DESC) WHERE status = 'open' AND reserved_for IS NOT NULL;
`;
