// Comments on posts and in livestream chats: mostly short reactions, violating when the commenter is
// a bad actor at work (or an ordinary user losing their temper).
import type { Static } from '@sinclair/typebox';
import type { ContentSchema } from '../../domain/index.js';
import type { SimContext } from '../context.js';
import { accountRef, stamp } from '../events.js';
import { composeViolation } from '../text/compose.js';
import { benignComment } from '../vocabulary/benign.js';
import type { SimPolicy } from '../vocabulary/languages.js';
import type { SimAccount, SimContent, SimLivestream } from '../world/model.js';
import { newReach } from '../world/reach.js';
import { violationFor } from './content.js';

type ContentJson = Static<typeof ContentSchema>;

export type CommentTarget = { content: SimContent } | { livestream: SimLivestream };

/** Posts a comment; `policy` forces a violation (raids), otherwise the author's nature decides. */
export function postComment(ctx: SimContext, author: SimAccount, target: CommentTarget, policy: SimPolicy | undefined = violationFor(ctx, author)): void {
  const language = 'livestream' in target ? target.livestream.language : author.language;
  const composed = policy ? composeViolation(ctx.textRandom, policy, language, ctx.config) : undefined;
  const text = composed ? composed.text : benignComment(ctx.textRandom, language);
  const languageStated = !ctx.random.chance(ctx.config.unstatedLanguageShare);
  const id = ctx.ids.next('c');
  const content: ContentJson = { id, kind: 'comment', modality: 'text', text };
  if (languageStated) content.language = language;
  const targetRef = 'livestream' in target ? { type: 'livestream' as const, id: target.livestream.id } : { type: 'content' as const, id: target.content.id };
  const event = stamp(ctx, 'comment', { content, author: accountRef(author), target: targetRef });
  ctx.emit(event);
  const violating = policy !== undefined;
  ctx.world.addContent({
    id,
    authorId: author.id,
    kind: 'comment',
    language,
    postedMs: ctx.now,
    violating,
    policies: policy ? [policy] : [],
    reach: newReach(0, 1),
    removed: false,
    limited: false,
    ageGated: false,
    livestreamId: 'livestream' in target ? target.livestream.id : undefined,
    lastViews: 0,
  });
  if (violating && author.firstViolationMs === undefined) author.firstViolationMs = ctx.now;
  ctx.truth.record({
    kind: 'content',
    id,
    eventId: event.id,
    contentKind: 'comment',
    author: author.id,
    language,
    languageStated,
    violating,
    policies: policy ? [policy] : [],
    ...(composed ? { writing: composed.writing } : {}),
    ...('livestream' in target ? { livestream: target.livestream.id } : {}),
    reach: 0,
  });
  ctx.stats.content({ violating, policies: policy ? [policy] : [], termSource: composed?.writing.termSource, evasion: composed?.writing.evasion, language, languageStated, bait: false });
}
