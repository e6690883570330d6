// The generated rule set: every strategy compiles against the default catalogue, the same seed gives the
// same set, and it uses the language's features.
import { describe, expect, it } from 'vitest';
import { compileStrategy } from '../language/index.js';
import { compileContextOf, generateRuleSet, matchableOf, MAIN_PACKAGE } from './generate.js';

describe('the generated rule set', () => {
  const set = generateRuleSet({ seed: 42 });
  const context = compileContextOf(set);

  it('has 200 strategies that all compile, without warnings', () => {
    expect(set.strategies).toHaveLength(200);
    expect(new Set(set.strategies.map((s) => s.id)).size).toBe(200);
    for (const s of set.strategies) {
      let compiled;
      try {
        compiled = compileStrategy(s.source, context);
      } catch (err) {
        throw new Error(`${s.id} does not compile: ${(err as Error).message}\n${s.source}`);
      }
      expect(compiled.warnings, s.id).toEqual([]);
      expect(compiled.rules).toHaveLength(s.rules.length);
    }
  });

  it('is the same for the same seed, and different for another', () => {
    const again = generateRuleSet({ seed: 42 });
    expect(again.strategies.map((s) => s.source)).toEqual(set.strategies.map((s) => s.source));
    expect(again.packages).toEqual(set.packages);
    expect(again.lists).toEqual(set.lists);
    expect(generateRuleSet({ seed: 43 }).strategies.map((s) => s.source)).not.toEqual(set.strategies.map((s) => s.source));
  });

  it('covers the simulator’s event types and the language’s features', () => {
    const types = new Set(set.strategies.flatMap((s) => s.on));
    for (const t of ['comment', 'content.created', 'gift', 'report', 'login', 'purchase', 'viewer.joined', 'account.created', 'livestream.started', 'payment_instrument.added']) expect(types, t).toContain(t);
    const sources = set.strategies.map((s) => s.source).join('\n');
    for (const feature of ['hits(package:', 'severity:', 'count(', 'rate(', 'sum(', 'distinct(', 'where:', 'by: [author, target]', 'signal(', 'follower_count', 'verified', 'country', 'age(author)', 'list("', 'contains(', 'starts_with(lower(', 'matches(', 'prior(', 'has_label(']) expect(sources, feature).toContain(feature);
  });

  it('has a 20,000-term main package in four languages', () => {
    const main = set.packages.find((p) => p.id === MAIN_PACKAGE)!;
    expect(main.materials).toHaveLength(20_000);
    expect(new Set(main.materials.map((m) => m.value)).size).toBe(20_000);
    expect(new Set(main.materials.flatMap((m) => m.languages))).toEqual(new Set(['en', 'es', 'ar', 'zh']));
    const matchable = matchableOf(set);
    expect(matchable.materials.length).toBe(set.packages.reduce((n, p) => n + p.materials.length, 0));
  });
});
