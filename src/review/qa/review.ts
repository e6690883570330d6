// QA re-reviews: a decided item goes back for a second, independent look by someone other than the
// moderator who decided it; the two verdicts can then be compared (review optimisation builds agreement
// statistics on this).
import { NotFoundError } from '../../catalogue/index.js';
import type { EntityType } from '../../domain/index.js';
import type { Db } from '../../store/schema.js';
import { raiseSignals, type RaisedSignal } from '../tasks.js';

export async function raiseQaReview(db: Db, verdictId: number, actor: string, now: Date): Promise<RaisedSignal> {
  return db.transaction().execute(async (tx) => {
    const v = await tx.selectFrom('review_verdicts').selectAll().where('id', '=', verdictId).executeTakeFirst();
    if (!v) throw new NotFoundError(`no verdict ${verdictId}`);
    const [raised] = await raiseSignals(
      tx,
      [{ entity: { type: v.entity_type as EntityType, id: v.entity_id }, policy: v.task_policy, source: 'qa', actor, reason: `QA re-review of verdict ${verdictId}`, excludedModerator: v.moderator, details: { verdict_id: verdictId } }],
      now,
    );
    return raised!;
  });
}
