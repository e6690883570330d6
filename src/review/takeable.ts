// Who may not take a task, as SQL over `review_tasks t`: the one place "next task", the router's
// pick for a moderator and the router's round agree on it. Golden tasks are never handed out from the
// queue (QA injects them itself); a QA re-review is independent only if nobody who already gave a
// verdict on the item takes it; a skipper is not handed what they skipped; an appeal excludes the
// moderator who decided.
import { sql, type RawBuilder } from 'kysely';

/** Moderators who may not take task `t` besides its excluded moderator: its skippers and, for a QA re-review, everyone who already decided the item. */
export const barredModerators: RawBuilder<string[]> = sql<string[]>`ARRAY(
  SELECT s.moderator FROM review_skips s WHERE s.task_id = t.id
  UNION
  SELECT v.moderator FROM review_verdicts v JOIN review_tasks vt ON vt.id = v.task_id
  WHERE t.qa_of_verdict IS NOT NULL AND (v.id = t.qa_of_verdict OR vt.qa_of_verdict = t.qa_of_verdict))`;

/** Task `t` is one this moderator may take (queue state, teams and leases are checked by the caller). */
export const takeableBy = (moderator: string): RawBuilder<boolean> => sql<boolean>`(
  (t.excluded_moderator IS NULL OR t.excluded_moderator <> ${moderator})
  AND t.golden_item_id IS NULL
  AND NOT (${moderator} = ANY(${barredModerators})))`;
