// The world forgets old content and streams so long runs keep a bounded memory.
import { describe, expect, it } from 'vitest';
import { World } from './world.js';
import { newReach } from './reach.js';
import type { SimContent } from './model.js';

const post = (id: string, authorId: string, postedMs: number): SimContent => ({
  id, authorId, kind: 'text_post', language: 'en', postedMs, violating: false, policies: [], reach: newReach(10, 1000),
  removed: false, limited: false, ageGated: false, lastViews: 0,
});

describe('World.prune', () => {
  it('forgets content posted before the cutoff and keeps the rest, with the author index in step', () => {
    const world = new World();
    world.addContent(post('c1', 'a', 100));
    world.addContent(post('c2', 'b', 200));
    world.addContent(post('c3', 'a', 300));
    world.prune(250);
    expect([...world.contents.keys()]).toEqual(['c3']);
    expect(world.contentOf('a').map((c) => c.id)).toEqual(['c3']);
    expect(world.contentOf('b')).toEqual([]);
  });
});
