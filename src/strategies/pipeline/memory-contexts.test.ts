// The in-memory contexts decide like the stored ones: counters in ingest order, labels and earlier
// actions carried from batch to batch, attributes merged from the events, material hits from the set.
import { describe, expect, it } from 'vitest';
import type { VigilEvent } from '../../domain/index.js';
import { buildMaterialSetNow } from '../../materials/index.js';
import { MemoryCounterStore } from '../counters/index.js';
import { compileStrategy } from '../language/index.js';
import { buildStrategySet } from '../runtime/strategy-set.js';
import { decideBatch } from './consumer.js';
import { memoryContexts, MemoryEntityStore } from './memory-contexts.js';

const T0 = Date.parse('2026-11-01T12:00:00Z');
const comment = (n: number, author: string, minute: number, text = `hello ${n}`, attrs: Record<string, unknown> = {}): VigilEvent =>
  ({
    id: `ev-${n}`,
    type: 'comment',
    time: new Date(T0 + minute * 60_000).toISOString(),
    content: { id: `c-${n}`, kind: 'comment', text, language: 'en' },
    author: { id: author, ...attrs },
    target: { type: 'livestream', id: 'ls-1' },
  }) as VigilEvent;

const context = { policies: new Map([['spam', { severity_tier: 4 }]]), queues: new Set<string>(), packages: new Set(['p']), lists: new Set<string>() };
const source = `
policy spam
on comment
let recent = count(comment, by: author, window: 10m)
rule burst when recent >= 2 then remove, label author "burst"
rule labelled when has_label(author, "burst") and author.follower_count > 10 then remove
rule term when hits(package: "p") > 0 then remove
`;

describe('memoryContexts', () => {
  const set = buildStrategySet([{ strategyId: 'burst', version: 1, state: 'live', rolloutPercent: 0, source }], (s) => compileStrategy(s, context), new Map());
  const materials = buildMaterialSetNow({
    packages: [{ id: 'p', version: 1, scope: { surfaces: [], markets: [], languages: [] } }],
    materials: [{ id: 1, package_id: 'p', kind: 'term', value: 'spamword', languages: [], policy_id: 'spam', severity: 4, match_mode: 'word', exceptions: [], status: 'active', opt_out: [], author: 'a', version: 1, updated_at: '', updated_by: 'a' }],
  });

  it('decides across batches with counters, labels, merged attributes and hits', async () => {
    const store = new MemoryEntityStore();
    const counters = new MemoryCounterStore();
    const events = [comment(1, 'a1', 0), comment(2, 'a1', 1), comment(3, 'a2', 2), comment(4, 'a1', 3), comment(5, 'a1', 20, 'x', { follower_count: 50 }), comment(6, 'a1', 40), comment(7, 'a3', 41, 'buy spamword now')];
    const fired: string[] = [];
    for (const slice of [events.slice(0, 4), events.slice(4)]) {
      const batch = memoryContexts(store, materials, new Map(), slice.map((event) => ({ order: Number(event.id.slice(3)), event, language: 'en' })));
      const outcome = await decideBatch(set, counters, batch);
      outcome.decisions.forEach((ds, i) => ds.forEach((d) => fired.push(`${batch.meta[i]!.id}:${d.rule}`)));
    }
    // ev-4: a1's third comment in 10 minutes; ev-5 and ev-6: a1 carries the label from ev-4 (and its
    // follower count, from ev-5, stays on the account); ev-7: a term of the package.
    expect(fired).toEqual(['ev-4:burst', 'ev-5:labelled', 'ev-6:labelled', 'ev-7:term']);
    const a1 = store.get({ type: 'account', id: 'a1' })!;
    expect(a1.labels).toEqual(['burst']);
    expect(a1.attrs.follower_count).toBe(50);
    expect(a1.actions.map((a) => a.action)).toEqual(['label']);
    expect(a1.firstSeenMs).toBe(T0);
  });
});
