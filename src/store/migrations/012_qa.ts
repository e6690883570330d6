// QA for human review: golden items (entities with a known answer, injected blind into moderators'
// work), the marks on review tasks that say a task is a golden item or a QA re-review (neither enforces),
// and k-of-n double reviews with their adjudication.
export const name = 'qa';
export const sql = /* sql */ `
CREATE TABLE qa_golden_items (
  id              bigserial PRIMARY KEY,
  entity_type     text COLLATE "C" NOT NULL,
  entity_id       text COLLATE "C" NOT NULL,
  -- The policy the task asks about, as on any task; expected_policy is the right answer (null: no violation).
  policy_id       text COLLATE "C" NOT NULL REFERENCES policies (id),
  expected_policy text COLLATE "C" REFERENCES policies (id),
  notes           text NOT NULL DEFAULT '',
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL,
  archived        boolean NOT NULL DEFAULT false
);

ALTER TABLE review_tasks ADD COLUMN golden_item_id bigint REFERENCES qa_golden_items (id),
  ADD COLUMN qa_of_verdict bigint REFERENCES review_verdicts (id);
-- Golden tasks and QA re-reviews stand apart from the entity's ordinary task: signals never gather on
-- them, and they may be open while an ordinary task about the same entity and policy is.
DROP INDEX review_tasks_one_open;
CREATE UNIQUE INDEX review_tasks_one_open ON review_tasks (kind, entity_type, entity_id, (COALESCE(policy_id, '')))
  WHERE status = 'open' AND golden_item_id IS NULL AND qa_of_verdict IS NULL;
-- One QA re-review of a verdict open at a time: the k reviews of a double review are raised one after another.
CREATE UNIQUE INDEX review_tasks_one_open_qa ON review_tasks (qa_of_verdict) WHERE status = 'open' AND qa_of_verdict IS NOT NULL;
CREATE INDEX review_tasks_golden ON review_tasks (golden_item_id) WHERE golden_item_id IS NOT NULL;
CREATE INDEX review_tasks_qa_of ON review_tasks (qa_of_verdict) WHERE qa_of_verdict IS NOT NULL;

-- A verdict drawn for k-of-n review: k independent verdicts in all (the first and k - 1 QA re-reviews).
-- Unanimous: agreed. Otherwise an adjudicator decides, and that decision is final.
CREATE TABLE qa_double_reviews (
  verdict_id     bigint PRIMARY KEY REFERENCES review_verdicts (id),
  entity_type    text COLLATE "C" NOT NULL,
  entity_id      text COLLATE "C" NOT NULL,
  task_policy    text COLLATE "C",
  k              integer NOT NULL CHECK (k >= 2),
  reason         text NOT NULL CHECK (reason IN ('sampled', 'severe', 'manual')),
  status         text NOT NULL DEFAULT 'collecting' CHECK (status IN ('collecting', 'agreed', 'adjudicating', 'decided')),
  -- The final answer once agreed or decided (null: no violation); meaningless while collecting or adjudicating.
  outcome_policy text COLLATE "C" REFERENCES policies (id),
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  decided_at     timestamptz,
  decided_by     text,
  decision_notes text NOT NULL DEFAULT '',
  -- The enforcement the adjudication changed: actions reverted and applied.
  corrected_action_seqs bigint[] NOT NULL DEFAULT '{}'
);
CREATE INDEX qa_double_reviews_status ON qa_double_reviews (status, created_at);
`;
