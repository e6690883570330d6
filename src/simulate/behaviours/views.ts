// Views of a posted item, reported as `view_count.tick` at growing intervals while they grow. Views
// bring reports: viewers report violating items now and then, and benign ones by mistake.
import type { SimContext } from '../context.js';
import { stamp } from '../events.js';
import { MINUTE, HOUR } from '../time.js';
import type { SimContent } from '../world/model.js';
import { viewsAt } from '../world/reach.js';
import { reportFromViews } from './reports.js';

/** Ages at which an item's views are reported; later ones only if still growing. */
const TICK_AGES_MS = [2, 6, 15, 30, 60, 120, 240, 480, 960, 1440, 2160, 2880].map((minutes) => minutes * MINUTE);
/** Items expected to stay this small are not worth a tick. */
const MIN_REACH_FOR_TICKS = 25;

export function scheduleViewTicks(ctx: SimContext, content: SimContent): void {
  if (content.reach.reach < MIN_REACH_FOR_TICKS) return;
  scheduleTick(ctx, content, 0);
}

function scheduleTick(ctx: SimContext, content: SimContent, index: number): void {
  if (index >= TICK_AGES_MS.length) return;
  const at = content.postedMs + TICK_AGES_MS[index];
  if (at >= ctx.endMs) return;
  ctx.schedule(at, () => tick(ctx, content, index));
}

function tick(ctx: SimContext, content: SimContent, index: number): void {
  const views = viewsAt(content.reach, ctx.now - content.postedMs);
  const gained = views - content.lastViews;
  // A removed item (or one whose author is suspended) gains nothing: no tick, and no more ticks.
  if (gained <= 0) {
    if (content.reach.factor === 0) return;
  } else {
    ctx.emit(stamp(ctx, 'view_count.tick', { target: { type: 'content', id: content.id }, views }));
    content.lastViews = views;
    reportFromViews(ctx, content, gained, TICK_AGES_MS[index + 1] !== undefined ? TICK_AGES_MS[index + 1] - TICK_AGES_MS[index] : HOUR);
  }
  scheduleTick(ctx, content, index + 1);
}
