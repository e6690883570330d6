// The strategy language: valid programs decide as written, invalid ones are refused with a position,
// and random sources never crash the compiler.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VigilEvent } from '../../domain/index.js';
import { compileStrategy, StrategyCompileError, type CompileContext, type EntityView, type EvalContext } from './index.js';

const context: CompileContext = {
  policies: new Map([
    ['spam', { severity_tier: 4 }],
    ['scam', { severity_tier: 2 }],
  ]),
  queues: new Set(['scam-review', 'spam-review']),
  packages: new Set(['demo', 'ads']),
  lists: new Set(['trusted_sellers']),
};

const T0 = Date.parse('2026-11-01T12:00:00Z');
const account = (id: string, attrs: Record<string, unknown> = {}, more: Partial<EntityView> = {}): EntityView => ({ type: 'account', id, attrs, labels: [], firstSeenMs: T0 - 86_400_000, actions: [], ...more });

function commentCtx(text: string, overrides: Partial<EvalContext> = {}, authorAttrs: Record<string, unknown> = {}): EvalContext {
  const event = {
    id: 'e1',
    type: 'comment',
    time: new Date(T0).toISOString(),
    content: { id: 'c1', kind: 'comment', text },
    author: { id: 'a1' },
    target: { type: 'livestream', id: 'ls1' },
    signals: { scam_model: 0.93 },
  } as VigilEvent;
  return {
    event,
    timeMs: T0,
    text,
    language: 'en',
    roles: { content: { type: 'content', id: 'c1', attrs: { text, kind: 'comment' }, labels: [], firstSeenMs: T0, actions: [] }, author: account('a1', authorAttrs), target: { type: 'livestream', id: 'ls1', attrs: {}, labels: [], firstSeenMs: T0, actions: [] } },
    hits: [],
    lists: new Map([['trusted_sellers', new Set(['a9'])]]),
    ...overrides,
  };
}

function problemsOf(source: string) {
  try {
    compileStrategy(source, context);
  } catch (err) {
    if (err instanceof StrategyCompileError) return err.problems.filter((p) => p.level === 'error');
    throw err;
  }
  return [];
}

describe('compiling valid strategies', () => {
  const source = `
# Scam comments in livestream chat
policy scam
on comment

let scam_hits = hits(policy: "scam")
let burst = count(comment, by: author, window: 10m)

rule "burst with scam terms"
  when scam_hits > 0 and burst >= 3
  then remove, strike author, enqueue "scam-review" priority 80 reason "scam burst"

rule model
  when signal("scam_model") > 0.9 and author.follower_count < 100 and author.id not in list("trusted_sellers")
  then enqueue "scam-review"
`;
  const compiled = compileStrategy(source, context);

  it('takes the policy, its severity tier and the event types', () => {
    expect(compiled.policy).toBe('scam');
    expect(compiled.severity).toBe(2);
    expect(compiled.on).toEqual(['comment']);
    expect(compiled.rules.map((r) => r.name)).toEqual(['burst with scam terms', 'model']);
  });

  it('resolves actions to roles with their parameters', () => {
    expect(compiled.rules[0]!.actions).toEqual([
      { verb: 'remove', roles: { comment: 'content' } },
      { verb: 'strike', roles: { comment: 'author' } },
      { verb: 'enqueue', roles: { comment: 'content' }, queue: 'scam-review', priority: 80, reason: 'scam burst' },
    ]);
  });

  it('decides by the first rule that applies, reading counters by slot', () => {
    const evaluator = compiled.link([5]);
    const hit = { material_id: 1, package_id: 'demo', policy_id: 'scam', severity: 2 };
    const C = new Float64Array(8);
    C[5] = 3;
    expect(evaluator.decide(commentCtx('x', { hits: [hit] }), C)).toBe(0);
    C[5] = 2;
    expect(evaluator.decide(commentCtx('x', { hits: [hit] }, { follower_count: 50 }), C)).toBe(1);
    expect(evaluator.decide(commentCtx('x', { hits: [hit] }, { follower_count: 5000 }), C)).toBe(-1);
    expect(evaluator.decide(commentCtx('x', { hits: [] }, {}), C)).toBe(-1); // follower_count missing: the comparison is false
  });

  it('keys the counter by the author on both the read and the counted side', () => {
    const ctx = commentCtx('x');
    expect(compiled.counters).toHaveLength(1);
    expect(compiled.counters[0]!.key(ctx)).toBe('account:a1');
    expect(compiled.readKey(ctx, 0)).toBe('account:a1');
    expect(compiled.counters[0]!.windowMs).toBe(600_000);
    expect(compiled.counters[0]!.aggregate).toBe('count');
  });

  it('explains a firing rule down to each condition and value', () => {
    const evaluator = compiled.link([0]);
    const ctx = commentCtx('x', { hits: [{ material_id: 1, package_id: 'demo', policy_id: 'scam', severity: 2 }] });
    const steps = evaluator.explain(ctx, [4], 0);
    const byExpr = Object.fromEntries(steps.map((s) => [s.expr, s.value]));
    expect(byExpr['hits(policy: "scam")']).toBe(1);
    expect(byExpr['count(comment, by: author, window: 10m)']).toBe(4);
    expect(byExpr['scam_hits > 0 and burst >= 3']).toBe(true);
    expect(steps.at(-1)!.expr).toBe('scam_hits > 0 and burst >= 3');
    expect(steps.find((s) => s.expr === 'burst >= 3')).toMatchObject({ line: 10, col: 26 });
  });
});

describe('the built-in functions', () => {
  const decide = (condition: string, ctx: EvalContext, on = 'comment', C: number[] = []) => {
    const compiled = compileStrategy(`policy spam\non ${on}\nrule r when ${condition} then label author "x"`, context);
    return compiled.link(compiled.counters.map((_, i) => i)).decide(ctx, C) === 0;
  };
  it.each([
    ['contains(event.text, "FREE")', true],
    ['starts_with(lower(event.text), "win")', true],
    ['matches(event.text, "w[i1]n\\\\s+big")', true],
    ['length(event.text) == 19', true],
    ['"big" in event.text and "bag" not in event.text', true],
    ['"free" in ["free", "gift"]', true],
    ['age(author) >= 1d and age(author) < 2d', true],
    ['event.time - author.first_seen == 24h', true],
    ['hour(event.time) == 12 and weekday(event.time) == 6', true],
    ['round(signal("scam_model") * 10) == 9', true],
    ['max(1, 2, signal("absent")) > 0', false],
    ['exists(signal("absent"))', false],
    ['not exists(author.attrs.tier)', true],
    ['author.attrs.tier == "gold"', false],
    ['has_label(author, "trusted")', false],
    ['event.signals.scam_model > 0.5', true],
    ['target.type == "livestream" and target.id == "ls1"', true],
    ['1 / 0 > 0 or 1 / 0 <= 0', false],
  ])('%s is %s', (condition, expected) => {
    expect(decide(condition, commentCtx('Win big!! free gift'))).toBe(expected);
  });

  it('counts earlier actions on an entity within a window', () => {
    const author = account('a1', {}, { actions: [{ action: 'remove', policy: 'spam', atMs: T0 - 3_600_000 }, { action: 'remove', policy: 'scam', atMs: T0 - 40 * 86_400_000 }] });
    const ctx = commentCtx('x', { roles: { author } });
    expect(decide('prior(author, action: "remove", window: 30d) == 1', ctx)).toBe(true);
    expect(decide('prior(author, window: 60d) == 2', ctx)).toBe(true);
    expect(decide('prior(author, action: "remove", window: 30d, policy: "scam") == 0', ctx)).toBe(true);
  });

  it('turns rate into events per minute and keys a distinct count by its item', () => {
    const compiled = compileStrategy('policy spam\non login\nlet per_min = rate(login, by: device, window: 10m)\nlet accounts = distinct(login, of: account, by: device, window: 1d)\nrule r when per_min > 2 and accounts > 5 then suspend', context);
    expect(compiled.counters.map((c) => [c.fn, c.aggregate])).toEqual([
      ['rate', 'count'],
      ['distinct', 'distinct'],
    ]);
    const login = { event: { id: 'l', type: 'login', time: '', account: { id: 'a1' }, device: { id: 'd1' } } as VigilEvent, timeMs: T0, text: '', language: null, roles: { account: account('a1'), device: { type: 'device', id: 'd1', attrs: {}, labels: [], firstSeenMs: null, actions: [] } }, hits: [], lists: new Map() };
    expect(compiled.counters[1]!.value(login)).toBe('account:a1');
    expect(compiled.counters[1]!.key(login)).toBe('device:d1');
    const ev = compiled.link([0, 1]);
    expect(ev.decide(login, [30, 6])).toBe(0); // 30 in 10 minutes = 3 per minute
    expect(ev.decide(login, [20, 6])).toBe(-1);
  });

  it('reads a field named like a keyword after a dot', () => {
    const compiled = compileStrategy('policy spam\non report\nrule r when event.reason == "spam" then enqueue "spam-review"', context);
    const report = { event: { id: 'r', type: 'report', time: '', reporter: { id: 'a1' }, target: { type: 'content', id: 'c1' }, reason: 'spam' } as VigilEvent, timeMs: T0, text: '', language: null, roles: { target: { type: 'content', id: 'c1', attrs: {}, labels: [], firstSeenMs: null, actions: [] } }, hits: [], lists: new Map() };
    expect(compiled.link([]).decide(report, [])).toBe(0);
  });

  it('shares one counter between equal spellings', () => {
    const compiled = compileStrategy('policy spam\non comment\nrule a when count(comment, by: author, window: 10m) > 1 then remove\nrule b when count( comment , window: 10m, by: author) > 0 then remove', context);
    expect(compiled.counters).toHaveLength(1);
  });
});

describe('refusing invalid strategies at a line and column', () => {
  it.each([
    ['policy spam\non comment\nrule r when author.folower_count > 1 then remove', 3, 13, /unknown field `folower_count` of author/],
    ['policy spam\non comment\nrule r when event.text > 3 then remove', 3, 24, /cannot order a string against a number/],
    ['policy spam\non comment\nrule r when count(comment, by: author, window: 10m) then remove', 3, 13, /must be true or false, but this is a number/],
    ['policy spam\non comment\nrule r when hits(package: "nope") > 0 then remove', 3, 27, /unknown material package `nope`/],
    ['policy nope\non comment\nrule r then remove', 1, 8, /unknown policy `nope`/],
    ['policy spam\non comment\nrule r then enqueue "nope"', 3, 21, /unknown review queue `nope`/],
    ['policy spam\non comment\nrule r when author.id in list("nope") then remove', 3, 31, /unknown list `nope`/],
    ['policy spam\non comment\nrule a then remove\nrule b when true then block', 4, 1, /unreachable: rule "a" above it always applies/],
    ['policy spam\non comment\nrule a when 1 > 2 then remove', 3, 15, /unreachable: its condition is always false/],
    ['policy spam\non comment\nrule a when signal("x") > 1 then remove\nrule b when signal( "x" )>1 then block', 4, 1, /same condition/],
    ['policy spam\non comment\nrule r when buyer.id == "x" then remove', 3, 13, /`buyer` is not part of comment events/],
    ['policy spam\non gift\nrule r then remove content', 3, 20, /`content` is not part of gift events/],
    ['policy spam\non comment\nrule r then interrupt author', 3, 23, /interrupt acts on a livestream/],
    ['policy spam\non comment\nrule r when x > 1 then remove', 3, 13, /unknown name `x`/],
    ['policy spam\non comment\nrule r when author.id == "a" then explode', 3, 35, /unknown action `explode`/],
    ['policy spam\non comment\nrule r when matches(event.text, "(") then remove', 3, 33, /invalid regular expression/],
    ['policy spam\non comments\nrule r then remove', 2, 4, /unknown event type `comments`/],
    ['policy spam\non comment\nrule r when 1 < 2 < 3 then remove', 3, 19, /comparisons do not chain/],
    ['policy spam\non comment\nrule r when event.text == "unclosed then remove', 3, 27, /not closed/],
    ['policy spam\non comment\nrule r when count(comment, by: author) > 1 then remove', 3, 13, /needs window/],
    ['policy spam\non comment\nrule r when 3x > 1 then remove', 3, 13, /not a number or a duration/],
    ['policy spam\non comment\nrule r then label author', 3, 13, /label needs the label/],
  ])('%s', (source, line, col, message) => {
    const problems = problemsOf(source);
    expect(problems.length).toBeGreaterThan(0);
    const match = problems.find((p) => message.test(p.message));
    expect(match, JSON.stringify(problems)).toBeDefined();
    expect([match!.line, match!.col]).toEqual([line, col]);
  });

  it('reports every error at once, in source order', () => {
    const problems = problemsOf('policy spam\non comment\nrule r when author.nope > 1 and event.nope == 2 then remove');
    expect(problems.map((p) => p.col)).toEqual([13, 33]);
  });

  it('warns about a let that is never used without refusing the strategy', () => {
    const compiled = compileStrategy('policy spam\non comment\nlet unused = 1\nrule r then remove', context);
    expect(compiled.warnings.map((w) => w.message)).toEqual(['`unused` is never used']);
  });
});

describe('fuzzing the compiler', () => {
  const vocabulary = ['policy', 'spam', 'on', 'comment', 'gift', 'rule', 'r', 'when', 'then', 'remove', 'label', 'author', '"x"', 'and', 'or', 'not', 'in', '(', ')', '[', ']', ',', ':', '.', '==', '<', '>=', '+', '-', '*', '/', '10m', '3', '0.5', 'count', 'hits', 'policy:', 'by:', 'window:', 'signal', 'let', 'a', '=', 'event', 'text', 'follower_count', 'null', 'true', '#', '\n', 'enqueue', '"scam-review"', 'priority', 'for', '7d', 'matches', '"[a-z"', 'livestream', 'sum', 'of:'];
  const check = (source: string) => {
    try {
      compileStrategy(source, context);
    } catch (err) {
      expect(err).toBeInstanceOf(StrategyCompileError);
      for (const p of (err as StrategyCompileError).problems) {
        expect(p.line).toBeGreaterThanOrEqual(1);
        expect(p.col).toBeGreaterThanOrEqual(1);
        expect(p.offset).toBeLessThanOrEqual(source.length);
        expect(p.message.length).toBeGreaterThan(5);
      }
    }
  };
  it('never crashes on random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), check), { numRuns: 2000 });
  });
  it('never crashes on random sequences of the language’s own words', () => {
    const words = fc.array(fc.constantFrom(...vocabulary), { maxLength: 60 }).map((ws) => ws.join(' '));
    fc.assert(fc.property(words, (body) => check(`policy spam\non comment\n${body}`)), { numRuns: 3000 });
  });
  it('survives deep nesting with a position instead of a stack overflow', () => {
    check(`policy spam\non comment\nrule r when ${'('.repeat(5000)}1${')'.repeat(5000)} > 0 then remove`);
    check(`policy spam\non comment\nrule r when ${'not '.repeat(5000)}true then remove`);
    check(`policy spam\non comment\nrule r when 1${' + 1'.repeat(20000)} > 0 then remove`);
  });
});
