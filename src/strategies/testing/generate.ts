// Test and benchmark support: a seeded generator of a realistic rule set for the simulated platform. It
// writes strategies in the Vigil rule language across the event types the simulator produces (comments
// and livestream chat, videos, ads and listings, gifts, reports, logins, purchases, viewer joins, ...),
// using the language's features in the proportions a Trust & Safety team's rule book has them: material
// hits by package, policy and severity; counters (count, rate, sum, distinct over windows, keyed by
// author, device, livestream, target and combinations, with `where:` filters); model signals; entity
// fields; named lists; string functions and a few `matches()` patterns. It also writes the material
// packages those strategies read (20k terms in four languages, including the simulator's known terms so
// the simulated violations leave hits) and the named lists.
//
// Every condition is generated as a small tree (Cond) and rendered to source from it, so the same rules
// can be given to another engine (the pipeline benchmark's json-rules-engine peer) leaf by leaf.
import { DEFAULT_POLICIES, DEFAULT_QUEUES, type EventType, type Material } from '../../domain/index.js';
import type { MatchableMaterials } from '../../materials/packages/index.js';
import { Random } from '../../simulate/random.js';
import { DEMO_TERMS } from '../../simulate/vocabulary/demo-terms.js';
import { MARKETS, SIM_LANGUAGES, SIM_POLICIES, type SimLanguage } from '../../simulate/vocabulary/languages.js';
import type { CompileContext } from '../language/index.js';

/** A value a condition reads. Rendered to the rule language by `leafSource`. */
export type Leaf =
  /** A counter call as written (`rate` set: a rate(), read as events per minute over `rate` minutes). */
  | { k: 'counter'; expr: string; rate?: number }
  | { k: 'hits'; package: string | null; policy: string | null; severity: number | null }
  | { k: 'signal'; name: string }
  /** `role.field` of an entity around the event. */
  | { k: 'field'; role: string; field: string; type: 'number' | 'string' | 'bool' }
  /** `event.path` (event.gift.value_cents, event.reason, event.language, ...). */
  | { k: 'event'; path: string; type: 'number' | 'string' | 'bool' }
  | { k: 'text' }
  | { k: 'text_length' }
  | { k: 'age'; role: string }
  | { k: 'prior'; role: string; action: string | null; windowMs: number; policy: string | null }
  | { k: 'label'; role: string; label: string }
  | { k: 'hour' };

export type CmpOp = '>' | '>=' | '<' | '<=' | '==' | '!=' | 'in' | 'not in' | 'contains' | 'starts_with' | 'ends_with' | 'matches' | 'is';
export type CmpValue = number | string | boolean | string[] | { list: string } | { duration: string; ms: number };

export type Cond =
  | { k: 'cmp'; leaf: Leaf; op: CmpOp; value: CmpValue; as?: string }
  | { k: 'all'; of: Cond[] }
  | { k: 'any'; of: Cond[] }
  | { k: 'not'; of: Cond };

export interface GeneratedRule {
  name: string;
  when: Cond;
  /** The actions as written after `then`. */
  then: string;
}

export interface GeneratedStrategy {
  id: string;
  name: string;
  family: string;
  policy: string;
  on: EventType[];
  rules: GeneratedRule[];
  source: string;
}

export interface GeneratedMaterial {
  kind: 'term' | 'phrase';
  value: string;
  languages: string[];
  policy_id: string;
  severity: 1 | 2 | 3 | 4;
  match_mode: 'word';
  status: 'active';
}

export interface GeneratedPackage {
  id: string;
  name: string;
  description: string;
  scope: { surfaces: string[]; markets: string[]; languages: string[] };
  materials: GeneratedMaterial[];
}

export interface GeneratedList {
  id: string;
  kind: 'allow' | 'deny';
  description: string;
  items: string[];
}

export interface GeneratedRuleSet {
  seed: number;
  packages: GeneratedPackage[];
  lists: GeneratedList[];
  strategies: GeneratedStrategy[];
}

/** Ids seen on the platform, to fill the named lists with (a list of strangers would never match). */
export interface SampleIds {
  accounts?: readonly string[];
  devices?: readonly string[];
}

export interface GenerateOptions {
  seed: number;
  /** Strategies to write (default 200). */
  strategies?: number;
  /** Terms in the main package (default 20,000). */
  terms?: number;
  ids?: SampleIds;
}

export const MAIN_PACKAGE = 'risk_terms';
export const COMMERCE_PACKAGE = 'commerce_terms';

const TIER: Record<string, 1 | 2 | 3 | 4> = Object.fromEntries(DEFAULT_POLICIES.map((p) => [p.id, p.severity_tier as 1 | 2 | 3 | 4]));
const SPEECH_QUEUE: Record<SimLanguage, string> = { en: 'speech_en', ar: 'speech_ar', es: 'speech_es', zh: 'speech_zh' };
const LABELS = ['spam-suspect', 'scam-suspect', 'gift-fraud', 'multi-account', 'new-seller-risk', 'report-abuser', 'raid-bot', 'borderline', 'repeat-offender'] as const;
const ALL_MARKETS = Object.values(MARKETS).flat();

/** The review queue for a policy (speech policies by language). */
function queueFor(policy: string, language: SimLanguage = 'en'): string {
  if (policy === 'hate' || policy === 'harassment') return SPEECH_QUEUE[language];
  return DEFAULT_QUEUES.find((q) => q.policies.includes(policy))!.id;
}

// ---- building conditions ------------------------------------------------------------------------------

const cmp = (leaf: Leaf, op: CmpOp, value: CmpValue, as?: string): Cond => (as ? { k: 'cmp', leaf, op, value, as } : { k: 'cmp', leaf, op, value });
const all = (...of: Cond[]): Cond => (of.length === 1 ? of[0]! : { k: 'all', of });
const any = (...of: Cond[]): Cond => (of.length === 1 ? of[0]! : { k: 'any', of });
const not = (of: Cond): Cond => ({ k: 'not', of });
const hits = (f: { package?: string; policy?: string; severity?: number } = {}): Leaf => ({ k: 'hits', package: f.package ?? null, policy: f.policy ?? null, severity: f.severity ?? null });
const counter = (expr: string, rateMinutes?: number): Leaf => (rateMinutes ? { k: 'counter', expr, rate: rateMinutes } : { k: 'counter', expr });
const field = (role: string, name: string, type: 'number' | 'string' | 'bool' = 'string'): Leaf => ({ k: 'field', role, field: name, type });
const eventField = (path: string, type: 'number' | 'string' | 'bool' = 'string'): Leaf => ({ k: 'event', path, type });
const signal = (name: string): Leaf => ({ k: 'signal', name });
const TEXT: Leaf = { k: 'text' };

const DURATION_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
export const durationMs = (d: string): number => Number(d.slice(0, -1)) * DURATION_MS[d.slice(-1)]!;
const duration = (d: string): CmpValue => ({ duration: d, ms: durationMs(d) });

/** The rule-language text of a leaf. */
export function leafSource(leaf: Leaf): string {
  switch (leaf.k) {
    case 'counter':
      return leaf.expr;
    case 'hits': {
      const named = [leaf.package !== null && `package: ${JSON.stringify(leaf.package)}`, leaf.policy !== null && `policy: ${JSON.stringify(leaf.policy)}`, leaf.severity !== null && `severity: ${leaf.severity}`].filter(Boolean);
      return `hits(${named.join(', ')})`;
    }
    case 'signal':
      return `signal(${JSON.stringify(leaf.name)})`;
    case 'field':
      return `${leaf.role}.${leaf.field}`;
    case 'event':
      return `event.${leaf.path}`;
    case 'text':
      return 'event.text';
    case 'text_length':
      return 'length(event.text)';
    case 'age':
      return `age(${leaf.role})`;
    case 'prior': {
      const named = [leaf.action !== null && `action: ${JSON.stringify(leaf.action)}`, `window: ${formatDuration(leaf.windowMs)}`, leaf.policy !== null && `policy: ${JSON.stringify(leaf.policy)}`].filter(Boolean);
      return `prior(${leaf.role}, ${named.join(', ')})`;
    }
    case 'label':
      return `has_label(${leaf.role}, ${JSON.stringify(leaf.label)})`;
    case 'hour':
      return 'hour(event.time)';
  }
}

function formatDuration(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}

function valueSource(v: CmpValue): string {
  if (Array.isArray(v)) return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
  if (typeof v === 'object') return 'list' in v ? `list(${JSON.stringify(v.list)})` : v.duration;
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** The rule-language text of a condition; `parent` decides where parentheses are needed. */
export function condSource(c: Cond, parent: 'all' | 'any' | 'not' | null = null): string {
  if (c.k === 'not') return `not ${condSource(c.of, 'not')}`;
  if (c.k === 'all' || c.k === 'any') {
    const text = c.of.map((x) => condSource(x, c.k)).join(c.k === 'all' ? ' and ' : ' or ');
    return parent === null || (parent === 'all' && c.k === 'all') ? text : `(${text})`;
  }
  const leaf = c.as ?? leafSource(c.leaf);
  const v = c.value;
  switch (c.op) {
    case 'is':
      return v === true ? leaf : `not ${leaf}`;
    case 'contains':
      return `contains(${leaf}, ${valueSource(v)})`;
    case 'starts_with':
      return `starts_with(lower(${leaf}), ${valueSource(v)})`;
    case 'ends_with':
      return `ends_with(${leaf}, ${valueSource(v)})`;
    case 'matches':
      return `matches(${leaf}, ${valueSource(v)})`;
    default:
      return `${leaf} ${c.op} ${valueSource(v)}`;
  }
}

function letsOf(rules: GeneratedRule[]): [string, string][] {
  const lets = new Map<string, string>();
  const visit = (c: Cond) => {
    if (c.k === 'cmp') {
      if (c.as) {
        const expr = leafSource(c.leaf);
        const had = lets.get(c.as);
        if (had !== undefined && had !== expr) throw new Error(`let ${c.as} is given two values: ${had} and ${expr}`);
        lets.set(c.as, expr);
      }
    } else if (c.k === 'not') visit(c.of);
    else c.of.forEach(visit);
  };
  rules.forEach((r) => visit(r.when));
  return [...lets];
}

function render(s: Omit<GeneratedStrategy, 'source'> & { description: string; severity?: number }): string {
  const lines = [`# ${s.name}`, `policy ${s.policy}`];
  if (s.severity !== undefined) lines.push(`severity ${s.severity}`);
  lines.push(`on ${s.on.join(', ')}`, `description ${JSON.stringify(s.description)}`);
  const lets = letsOf(s.rules);
  if (lets.length) lines.push('', ...lets.map(([name, expr]) => `let ${name} = ${expr}`));
  for (const r of s.rules) lines.push('', `rule ${JSON.stringify(r.name)}`, `  when ${condSource(r.when)}`, `  then ${r.then}`);
  return lines.join('\n') + '\n';
}

// ---- the families of strategies ---------------------------------------------------------------------------

interface Draft {
  name: string;
  description: string;
  policy: string;
  severity?: number;
  on: EventType[];
  rules: GeneratedRule[];
}

interface Gen {
  r: Random;
  lists: { trustedCreators: string; trustedSellers: string; blockedDevices: string; highRiskMarkets: string; vipHosts: string };
}

const pickPolicy = (r: Random, from: readonly string[] = SIM_POLICIES) => r.pick(from);
const pickLanguage = (r: Random) => r.weighted(SIM_LANGUAGES.map((l, i) => [l, [0.45, 0.15, 0.22, 0.18][i]!] as const));
const markets = (r: Random, n: number) => r.sample(ALL_MARKETS, n).sort();
const ladder = <T>(r: Random, xs: readonly T[]) => r.pick(xs);
const round2 = (x: number) => Math.round(x * 100) / 100;

/** A rule first that lets trusted accounts through, as many rule books start. */
function allowFirst(role: string, list: string): GeneratedRule {
  return { name: 'trusted', when: cmp(field(role, 'id'), 'in', { list }), then: 'allow' };
}

type Family = (g: Gen) => Draft;

const FAMILIES: [string, number, Family][] = [
  // ---- comments and livestream chat ----
  ['comment_terms', 14, ({ r, lists }) => {
    const policy = pickPolicy(r);
    const language = pickLanguage(r);
    const sev = TIER[policy]!;
    const rules: GeneratedRule[] = [];
    if (r.chance(0.25)) rules.push(allowFirst('author', lists.trustedCreators));
    rules.push({ name: 'severe term', when: cmp(hits({ package: MAIN_PACKAGE, policy, severity: Math.max(1, sev - 1) }), '>', 0), then: `remove, strike author reason "${policy} term"` });
    rules.push({
      name: 'term from a small account',
      when: all(cmp(hits({ policy }), '>=', r.int(1, 2)), cmp(field('author', 'follower_count', 'number'), '<', ladder(r, [100, 500, 1000]))),
      then: `enqueue "${queueFor(policy, language)}" priority ${r.int(40, 90)}`,
    });
    return { name: `${policy} terms in comments`, description: `Comments with ${policy} terms`, policy, on: ['comment'], rules };
  }],
  ['comment_burst', 10, ({ r }) => {
    const w = ladder(r, ['1m', '5m', '10m']);
    const n = w === '1m' ? r.int(4, 8) : r.int(8, 20);
    const burst = counter(`count(comment, by: author, window: ${w})`);
    return {
      name: `comment bursts (${w})`,
      description: 'One account commenting faster than a person types',
      policy: 'spam',
      on: ['comment'],
      rules: [
        { name: 'burst with spam terms', when: all(cmp(burst, '>=', Math.ceil(n / 2), 'burst'), cmp(hits({ policy: 'spam' }), '>', 0)), then: 'remove, label author "spam-suspect"' },
        { name: 'burst', when: cmp(burst, '>=', n, 'burst'), then: `limit_reach author for ${ladder(r, ['1h', '6h', '1d'])}` },
      ],
    };
  }],
  ['chat_flood', 8, ({ r }) => {
    const rate = r.int(3, 12);
    const w = ladder(r, ['1m', '2m', '5m']);
    const minutes = durationMs(w) / 60_000;
    const flood = counter(`rate(comment, by: target, window: ${w})`, minutes);
    const policy = pickPolicy(r, ['spam', 'scam', 'harassment', 'hate']);
    return {
      name: `livestream chat flood (${policy})`,
      description: 'A chat flooded with violating messages, as in a raid',
      policy,
      on: ['comment'],
      rules: [
        {
          name: 'raid message',
          when: all(cmp(field('target', 'type'), '==', 'livestream'), cmp(flood, '>', rate, 'chat_rate'), cmp(hits({ policy }), '>', 0)),
          then: `remove, label author "raid-bot"`,
        },
        {
          name: 'raiders',
          when: all(
            cmp(field('target', 'type'), '==', 'livestream'),
            cmp(counter(`distinct(comment, of: author, by: target, window: ${w}, where: hits(policy: ${JSON.stringify(policy)}) > 0)`), '>=', r.int(3, 6)),
          ),
          then: `enqueue "${queueFor(policy)}" priority 90 reason "chat raid"`,
        },
      ],
    };
  }],
  ['comment_pair', 6, ({ r }) => {
    const policy = pickPolicy(r, ['harassment', 'hate']);
    const w = ladder(r, ['10m', '1h', '6h']);
    return {
      name: `${policy} aimed at one target (${w})`,
      description: 'The same account going after the same item or stream again and again',
      policy,
      on: ['comment'],
      rules: [
        {
          name: 'repeated',
          when: all(cmp(counter(`count(comment, by: [author, target], window: ${w}, where: hits(policy: ${JSON.stringify(policy)}) > 0)`), '>=', r.int(2, 4), 'repeats'), cmp(hits({ policy }), '>', 0)),
          then: `remove, suspend author for ${ladder(r, ['1d', '3d', '7d'])}`,
        },
        { name: 'persistent', when: cmp(counter(`count(comment, by: [author, target], window: ${w})`), '>=', r.int(6, 12)), then: `enqueue "${queueFor(policy)}"` },
      ],
    };
  }],
  ['comment_scam_link', 8, ({ r }) => {
    const pattern = r.pick(['https?://\\S+', '(t\\.me|wa\\.me)/\\w+', '\\$\\d[\\d,]*', 'paypa1|wallet-verify|bit-promo']);
    const word = r.pick(['telegram', 'dm me', 'whatsapp', 'limited spots', 'guaranteed']);
    return {
      name: `scam links in comments (${word})`,
      description: 'New accounts dropping links and contact handles',
      policy: 'scam',
      on: ['comment'],
      rules: [
        { name: 'link from a new account', when: all(cmp(TEXT, 'matches', pattern), cmp({ k: 'age', role: 'author' }, '<', duration(ladder(r, ['1d', '3d', '7d'])))), then: 'remove, label author "scam-suspect"' },
        { name: 'contact handle with scam terms', when: all(cmp(TEXT, 'contains', word), cmp(hits({ policy: 'scam' }), '>', 0)), then: `enqueue "commerce" priority ${r.int(50, 80)}` },
      ],
    };
  }],
  ['comment_repeat_offender', 6, ({ r }) => {
    const policy = pickPolicy(r);
    return {
      name: `repeat ${policy} offenders`,
      description: 'Accounts already actioned before, caught again',
      policy,
      on: ['comment'],
      rules: [
        {
          name: 'third strike',
          when: all(cmp({ k: 'prior', role: 'author', action: 'remove', windowMs: durationMs(ladder(r, ['7d', '30d'])), policy: null }, '>=', r.int(2, 3)), cmp(hits({ policy }), '>', 0)),
          then: `suspend author for ${ladder(r, ['7d', '30d'])}, label author "repeat-offender"`,
        },
        { name: 'labelled and at it again', when: all(cmp({ k: 'label', role: 'author', label: r.pick(LABELS) }, 'is', true), cmp(hits(), '>', 0)), then: 'remove' },
      ],
    };
  }],
  ['comment_signal', 8, ({ r }) => {
    const [name, policy] = r.pick([['toxicity', 'harassment'], ['hate_speech', 'hate'], ['spam_model', 'spam'], ['scam_model', 'scam']] as const);
    const language = pickLanguage(r);
    const t = ladder(r, [0.8, 0.85, 0.9, 0.95]);
    return {
      name: `${name} model on ${language} comments`,
      description: `Model score ${name} above ${t}`,
      policy,
      on: ['comment'],
      rules: [
        { name: 'very high score', when: all(cmp(signal(name), '>=', round2(Math.min(0.99, t + 0.05))), cmp(eventField('language'), '==', language)), then: 'remove' },
        {
          name: 'high score, unverified',
          when: all(cmp(signal(name), '>=', t), not(cmp(field('author', 'verified', 'bool'), 'is', true)), cmp(field('author', 'country'), 'in', markets(r, r.int(2, 5)))),
          then: `enqueue "${queueFor(policy, language)}" priority ${r.int(30, 70)}`,
        },
      ],
    };
  }],
  ['comment_market', 6, ({ r, lists }) => {
    const policy = pickPolicy(r, ['scam', 'drugs', 'adult', 'spam']);
    return {
      name: `${policy} in high-risk markets`,
      description: 'Stricter handling where a policy is abused most',
      policy,
      on: ['comment'],
      rules: [
        { name: 'high-risk market', when: all(cmp(field('author', 'country'), 'in', { list: lists.highRiskMarkets }), cmp(hits({ policy }), '>', 0), cmp({ k: 'text_length' }, '<', r.int(60, 200))), then: 'remove' },
        { name: 'night posting', when: all(cmp({ k: 'hour' }, '<', r.int(3, 6)), cmp(hits({ policy }), '>', 0), cmp(field('author', 'kind'), '==', 'user')), then: `enqueue "${queueFor(policy)}"` },
      ],
    };
  }],
  // ---- posts: videos, photos, ads, listings ----
  ['post_terms', 14, ({ r, lists }) => {
    const policy = pickPolicy(r);
    const kinds = r.sample(['video', 'photo', 'text_post', 'audio'], r.int(1, 3)).sort();
    const language = pickLanguage(r);
    const rules: GeneratedRule[] = [];
    if (r.chance(0.2)) rules.push(allowFirst('author', lists.trustedCreators));
    rules.push({ name: 'severe term', when: all(cmp(hits({ package: MAIN_PACKAGE, policy, severity: TIER[policy]! }), '>', 0), cmp(field('content', 'kind'), 'in', kinds)), then: 'remove, strike author' });
    rules.push({ name: 'term in title', when: all(cmp(hits({ policy }), '>', 0), cmp(eventField('language'), '==', language)), then: `enqueue "${queueFor(policy, language)}" priority ${r.int(40, 90)}` });
    return { name: `${policy} terms in ${kinds.join('/')} posts`, description: `Posts with ${policy} terms`, policy, on: ['content.created'], rules };
  }],
  ['post_signal', 10, ({ r }) => {
    const [name, policy] = r.pick([['nudity', 'adult'], ['violence', 'violence'], ['self_harm', 'self_harm'], ['minor_risk', 'minor_safety']] as const);
    const t = ladder(r, [0.7, 0.8, 0.9]);
    return {
      name: `${name} model on posts`,
      description: `Model score ${name} on images and video`,
      policy,
      on: ['content.created'],
      rules: [
        { name: 'certain', when: all(cmp(signal(name), '>=', round2(Math.min(0.98, t + 0.15))), cmp(field('content', 'kind'), 'in', ['photo', 'video'])), then: policy === 'adult' ? 'age_gate' : 'remove' },
        { name: 'likely, small account', when: all(cmp(signal(name), '>=', t), cmp(field('author', 'follower_count', 'number'), '<', ladder(r, [1000, 10000]))), then: `enqueue "${queueFor(policy)}" priority ${policy === 'minor_safety' ? 100 : r.int(40, 80)}` },
        { name: 'borderline', when: cmp(signal(name), '>=', round2(Math.max(0.5, t - 0.2))), then: 'label content "borderline", limit_reach for 1d' },
      ],
    };
  }],
  ['post_burst', 5, ({ r }) => {
    const w = ladder(r, ['10m', '1h']);
    return {
      name: `upload bursts (${w})`,
      description: 'Accounts posting far more than people do',
      policy: 'spam',
      on: ['content.created', 'comment'],
      rules: [
        { name: 'flood', when: cmp(counter(`count([content.created, comment], by: author, window: ${w})`), '>', w === '10m' ? r.int(10, 20) : r.int(30, 60), 'posts'), then: 'limit_reach author for 1d, label author "spam-suspect"' },
        { name: 'new account posting fast', when: all(cmp(counter(`count([content.created, comment], by: author, window: ${w})`), '>', w === '10m' ? r.int(5, 9) : r.int(10, 14), 'posts'), cmp({ k: 'age', role: 'author' }, '<', duration('1d'))), then: 'enqueue "general"' },
      ],
    };
  }],
  ['ad_review', 8, ({ r }) => {
    const policy = pickPolicy(r, ['scam', 'counterfeit', 'drugs', 'adult']);
    return {
      name: `${policy} ads`,
      description: 'Ad creatives and their landing pages',
      policy,
      on: ['content.created'],
      rules: [
        { name: 'commerce term in an ad', when: all(cmp(field('content', 'kind'), '==', 'ad_creative'), cmp(hits({ package: COMMERCE_PACKAGE, policy }), '>', 0)), then: 'block' },
        {
          name: 'suspicious landing page',
          when: all(cmp(field('content', 'kind'), '==', 'ad_creative'), any(cmp(field('content', 'landing_url'), 'matches', r.pick(['\\.(zip|top|xyz|click)/', 'bit-promo|paypa1|wallet-verify', 'https?://\\d+\\.\\d+\\.'])), cmp(field('content', 'landing_url'), 'ends_with', '/claim'))),
          then: 'block, enqueue "commerce" priority 70',
        },
        { name: 'new advertiser with terms', when: all(cmp(field('author', 'kind'), '==', 'advertiser'), cmp({ k: 'age', role: 'author' }, '<', duration(ladder(r, ['3d', '7d']))), cmp(hits({ policy }), '>', 0)), then: 'enqueue "commerce"' },
      ],
    };
  }],
  ['listing_review', 8, ({ r, lists }) => {
    const policy = pickPolicy(r, ['counterfeit', 'scam', 'drugs']);
    const rules: GeneratedRule[] = [];
    if (r.chance(0.3)) rules.push(allowFirst('author', lists.trustedSellers));
    rules.push({ name: 'listing with terms', when: all(cmp(field('content', 'kind'), '==', 'product_listing'), cmp(hits({ policy, severity: TIER[policy]! }), '>', 0)), then: 'remove, label author "new-seller-risk"' });
    rules.push({
      name: 'too cheap to be real',
      when: all(cmp(field('content', 'kind'), '==', 'product_listing'), cmp(field('content', 'price_cents', 'number'), '<', ladder(r, [500, 1000, 2000])), any(cmp(TEXT, 'contains', r.pick(['replica', 'copy', 'original', 'free shipping'])), cmp(hits({ package: COMMERCE_PACKAGE }), '>', 0))),
      then: `enqueue "commerce" priority ${r.int(40, 80)}`,
    });
    rules.push({ name: 'listing burst', when: all(cmp(counter(`count(content.created, by: author, window: ${ladder(r, ['1h', '6h'])}, where: content.kind == "product_listing")`), '>', r.int(8, 20)), cmp(field('author', 'kind'), '==', 'seller')), then: 'label author "new-seller-risk"' });
    return { name: `${policy} listings`, description: 'Product listings in the shop', policy, on: ['content.created'], rules };
  }],
  ['live_content', 4, ({ r }) => {
    const policy = pickPolicy(r, ['adult', 'violence', 'self_harm']);
    return {
      name: `${policy} in clips from livestreams`,
      description: 'Clips posted from a livestream',
      policy,
      on: ['content.created'],
      rules: [{ name: 'clip', when: all(cmp(field('content', 'kind'), '==', 'video'), any(cmp(hits({ policy }), '>', 0), cmp(signal(r.pick(['nudity', 'violence'])), '>', 0.9))), then: 'remove, interrupt livestream' }],
    };
  }],
  ['text_and_comment_terms', 10, ({ r }) => {
    const policy = pickPolicy(r);
    const language = pickLanguage(r);
    return {
      name: `${policy} terms anywhere (${language})`,
      description: 'Posts and comments alike',
      policy,
      on: ['content.created', 'comment'],
      rules: [
        { name: 'most severe', when: all(cmp(hits({ policy, severity: 1 }), '>', 0), cmp(eventField('language'), '==', language)), then: 'remove, strike author' },
        { name: 'several terms', when: cmp(hits({ policy }), '>=', r.int(2, 3)), then: `enqueue "${queueFor(policy, language)}"` },
        { name: 'starts like a pitch', when: all(cmp(TEXT, 'starts_with', r.pick(['free', 'win', 'click', 'limited', 'hey cutie'])), cmp(hits(), '>', 0)), then: 'label content "borderline"' },
      ],
    };
  }],
  // ---- livestreams, viewers and gifts ----
  ['gift_fraud', 4, ({ r }) => {
    const w = ladder(r, ['1h', '6h', '1d']);
    const limit = ladder(r, [5_000, 10_000, 20_000, 50_000]);
    return {
      name: `gift fraud (${w})`,
      description: 'Gifts paid with shared instruments, poured into one stream',
      policy: 'scam',
      on: ['gift'],
      rules: [
        { name: 'shared instrument', when: cmp(counter(`distinct(gift, of: sender, by: payment_instrument, window: ${w})`), '>=', r.int(2, 4)), then: 'label sender "gift-fraud", enqueue "commerce" priority 80' },
        { name: 'big spender, new account', when: all(cmp(counter(`sum(gift, of: event.gift.value_cents, by: sender, window: ${w})`), '>', limit, 'spent'), cmp({ k: 'age', role: 'sender' }, '<', duration('7d'))), then: 'suspend sender for 1d' },
        { name: 'labelled sender', when: all(cmp({ k: 'label', role: 'sender', label: 'gift-fraud' }, 'is', true), cmp(eventField('gift.value_cents', 'number'), '>=', 1000)), then: 'demonetize recipient for 7d' },
      ],
    };
  }],
  ['gift_stream', 5, ({ r, lists }) => {
    const w = ladder(r, ['10m', '1h']);
    return {
      name: `gift volume per stream (${w})`,
      description: 'A stream earning far more than its audience explains',
      policy: 'scam',
      on: ['gift'],
      rules: [
        { name: 'vip host', when: cmp(field('recipient', 'id'), 'in', { list: lists.vipHosts }), then: 'allow' },
        {
          name: 'gift storm',
          when: all(cmp(counter(`sum(gift, of: event.gift.value_cents, by: livestream, window: ${w})`), '>', ladder(r, [20_000, 50_000, 100_000])), cmp(counter(`count(gift, by: [sender, livestream], window: ${w})`), '>', r.int(10, 30))),
          then: 'enqueue "commerce" priority 60 reason "gift storm"',
        },
      ],
    };
  }],
  ['viewer_raid', 6, ({ r }) => {
    const w = ladder(r, ['1m', '5m']);
    return {
      name: `viewer raids (${w})`,
      description: 'Bursts of joins from accounts hopping between streams',
      policy: 'spam',
      on: ['viewer.joined'],
      rules: [
        { name: 'stream hopping', when: cmp(counter(`count(viewer.joined, by: viewer, window: ${ladder(r, ['10m', '30m'])})`), '>', r.int(5, 8)), then: 'label viewer "raid-bot"' },
        { name: 'join storm from new accounts', when: all(cmp(counter(`distinct(viewer.joined, of: viewer, by: livestream, window: ${w})`), '>', w === '1m' ? r.int(25, 35) : r.int(100, 130)), cmp({ k: 'age', role: 'viewer' }, '<', duration('1d'))), then: 'enqueue "general" priority 20' },
      ],
    };
  }],
  ['live_start', 7, ({ r, lists }) => {
    const policy = pickPolicy(r, ['adult', 'violence', 'self_harm', 'scam', 'hate']);
    return {
      name: `${policy} streams`,
      description: 'Stream titles and hosts with a history',
      policy,
      on: ['livestream.started'],
      rules: [
        { name: 'vip', when: cmp(field('host', 'id'), 'in', { list: lists.vipHosts }), then: 'allow' },
        { name: 'title term', when: cmp(hits({ policy }), '>', 0), then: 'interrupt, strike host' },
        { name: 'interrupted before', when: cmp({ k: 'prior', role: 'livestream', action: 'interrupt', windowMs: 30 * 86_400_000, policy: null }, '>=', 1), then: `enqueue "${queueFor(policy)}" priority 60` },
        { name: 'host labelled', when: any(cmp({ k: 'label', role: 'host', label: 'repeat-offender' }, 'is', true), cmp({ k: 'prior', role: 'host', action: 'strike', windowMs: 30 * 86_400_000, policy }, '>=', 2)), then: 'interrupt' },
      ],
    };
  }],
  // ---- reports ----
  ['report_volume', 8, ({ r }) => {
    // (A report's `reason` cannot be read: `reason` is a keyword of the language, so `event.reason` does not parse.)
    const policy = r.pick(SIM_POLICIES);
    const w = ladder(r, ['1h', '6h', '1d']);
    return {
      name: `reported ${policy} (${w})`,
      description: 'Many people reporting the same thing',
      policy,
      on: ['report'],
      rules: [
        { name: 'many reporters', when: all(cmp(field('target', 'type'), '==', 'content'), cmp(counter(`distinct(report, of: reporter, by: target, window: ${w})`), '>=', r.int(3, 6))), then: `enqueue "${queueFor(policy)}" priority ${r.int(50, 95)}` },
        { name: 'report with terms', when: all(cmp(hits({ policy }), '>', 0), cmp({ k: 'age', role: 'reporter' }, '>', duration('30d'))), then: `enqueue "${queueFor(policy)}" priority 40` },
      ],
    };
  }],
  ['report_abuse', 4, ({ r }) => {
    const w = ladder(r, ['1h', '1d']);
    return {
      name: `report abuse (${w})`,
      description: 'Accounts reporting in bulk, as brigades do',
      policy: 'spam',
      on: ['report'],
      rules: [
        { name: 'bulk reporter', when: cmp(counter(`count(report, by: reporter, window: ${w})`), '>', r.int(5, 15)), then: 'label reporter "report-abuser"' },
        { name: 'brigade', when: all(cmp(counter(`count(report, by: target, window: 10m)`), '>=', r.int(3, 6)), cmp({ k: 'age', role: 'reporter' }, '<', duration('3d'))), then: 'enqueue "general" priority 30 reason "possible brigade"' },
      ],
    };
  }],
  // ---- accounts, logins, payments, shops ----
  ['login_devices', 8, ({ r, lists }) => {
    const w = ladder(r, ['1h', '1d', '7d']);
    return {
      name: `shared devices (${w})`,
      description: 'Many accounts signing in from one device',
      policy: 'spam',
      on: ['login'],
      rules: [
        { name: 'blocked device', when: cmp(field('device', 'id'), 'in', { list: lists.blockedDevices }), then: 'suspend for 7d' },
        { name: 'device farm', when: cmp(counter(`distinct(login, of: account, by: device, window: ${w})`), '>=', r.int(3, 8), 'accounts'), then: 'label account "multi-account"' },
        { name: 'account hopping devices', when: all(cmp(counter(`distinct(login, of: device, by: account, window: ${w})`), '>=', r.int(3, 6)), cmp(field('ip', 'country'), '!=', 'US')), then: 'enqueue "general" priority 10' },
      ],
    };
  }],
  ['login_velocity', 5, ({ r }) => {
    return {
      name: 'login velocity',
      description: 'Sign-ins faster than a person signs in',
      policy: 'spam',
      on: ['login'],
      rules: [
        { name: 'ip velocity', when: cmp(counter(`count(login, by: ip, window: ${ladder(r, ['10m', '1h'])})`), '>', r.int(10, 30)), then: 'block' },
        { name: 'labelled account back', when: all(cmp({ k: 'label', role: 'account', label: r.pick(['multi-account', 'spam-suspect', 'raid-bot']) }, 'is', true), cmp(counter(`count(login, by: account, window: 1h)`), '>', r.int(3, 8))), then: 'suspend for 1d' },
      ],
    };
  }],
  ['signup', 8, ({ r, lists }) => {
    const policy = pickPolicy(r, ['spam', 'scam', 'adult', 'hate']);
    return {
      name: `${policy} sign-ups`,
      description: 'Profiles at registration',
      policy,
      on: ['account.created', 'account.updated'],
      rules: [
        { name: 'profile term', when: cmp(hits({ policy }), '>', 0), then: policy === 'spam' ? 'label account "spam-suspect"' : `enqueue "${queueFor(policy)}"` },
        { name: 'device farm sign-up', when: cmp(counter(`distinct(account.created, of: account, by: device, window: ${ladder(r, ['1d', '7d'])})`), '>=', r.int(2, 4)), then: 'label account "multi-account"' },
        { name: 'high-risk market, link in bio', when: all(cmp(field('account', 'country'), 'in', { list: lists.highRiskMarkets }), cmp(field('account', 'bio'), 'matches', 'https?://')), then: 'enqueue "general"' },
      ],
    };
  }],
  ['payments', 6, ({ r }) => {
    return {
      name: 'payment instrument sharing',
      description: 'One card on many accounts',
      policy: 'scam',
      on: ['payment_instrument.added'],
      rules: [
        { name: 'shared card', when: cmp(counter(`distinct(payment_instrument.added, of: account, by: payment_instrument, window: ${ladder(r, ['1d', '7d', '30d'])})`), '>=', r.int(2, 4)), then: 'label account "gift-fraud", enqueue "commerce"' },
        { name: 'card from elsewhere', when: all(cmp(field('payment_instrument', 'country'), '!=', 'US'), cmp(field('payment_instrument', 'kind'), '==', 'gift_card'), cmp({ k: 'age', role: 'account' }, '<', duration('1d'))), then: 'enqueue "commerce" priority 30' },
      ],
    };
  }],
  ['purchases', 10, ({ r, lists }) => {
    const w = ladder(r, ['1h', '1d']);
    return {
      name: `purchase fraud (${w})`,
      description: 'Card testing, shared instruments and counterfeit sales',
      policy: r.pick(['scam', 'counterfeit']),
      on: ['purchase'],
      rules: [
        { name: 'trusted seller', when: cmp(field('seller', 'id'), 'in', { list: lists.trustedSellers }), then: 'allow' },
        { name: 'card testing', when: cmp(counter(`count(purchase, by: payment_instrument, window: ${w})`), '>', r.int(4, 10)), then: 'block, label buyer "scam-suspect"' },
        { name: 'shared card', when: cmp(counter(`distinct(purchase, of: buyer, by: payment_instrument, window: ${w})`), '>=', r.int(2, 4)), then: 'enqueue "commerce"' },
        { name: 'big spend', when: all(cmp(counter(`sum(purchase, of: event.amount_cents, by: buyer, window: ${w})`), '>', ladder(r, [20_000, 50_000, 100_000])), cmp({ k: 'age', role: 'buyer' }, '<', duration('3d'))), then: 'enqueue "commerce" priority 50' },
        { name: 'hot counterfeit listing', when: all(cmp(counter(`count(purchase, by: listing, window: ${w})`), '>', r.int(3, 10)), cmp(hits({ policy: 'counterfeit' }), '>', 0)), then: 'remove listing, label seller "new-seller-risk"' },
      ],
    };
  }],
  ['shops', 4, ({ r }) => {
    return {
      name: 'shop openings',
      description: 'Sellers opening shops in bulk',
      policy: 'counterfeit',
      on: ['shop.created'],
      rules: [
        { name: 'many shops', when: cmp(counter(`count(shop.created, by: owner, window: ${ladder(r, ['1d', '7d'])})`), '>', r.int(1, 3)), then: 'label owner "new-seller-risk"' },
        { name: 'new seller abroad', when: all(cmp({ k: 'age', role: 'owner' }, '<', duration('1d')), cmp(field('shop', 'market'), 'in', { list: 'high_risk_markets' })), then: 'enqueue "commerce" priority 10' },
      ],
    };
  }],
  ['view_spikes', 3, ({ r }) => {
    return {
      name: 'borderline content going viral',
      description: 'Limit the reach of borderline items as their views grow',
      policy: 'adult',
      on: ['view_count.tick'],
      rules: [{ name: 'viral borderline', when: all(cmp(eventField('views', 'number'), '>', ladder(r, [50, 200, 1000])), cmp({ k: 'label', role: 'target', label: 'borderline' }, 'is', true)), then: 'limit_reach target for 7d' }],
    };
  }],
];

// ---- materials and lists ------------------------------------------------------------------------------

// Letters for generated terms, kept apart from the simulator's own words so a generated term almost never
// turns up in simulated text by accident (as in the materials benchmark's generator).
const TERM_LETTERS: Record<SimLanguage, { letters: string[]; length: number; sep?: string }> = {
  en: { letters: [...'bdgkmqvwxz'], length: 6 },
  es: { letters: [...'bdgkmqvxzñ'], length: 6 },
  ar: { letters: [...'بتثجحخدذرز'], length: 5 },
  zh: { letters: Array.from({ length: 0x200 }, (_, i) => String.fromCodePoint(0x4e00 + i)), length: 3 },
};

function syntheticTerms(r: Random, n: number, taken: Set<string>): GeneratedMaterial[] {
  const out: GeneratedMaterial[] = [];
  while (out.length < n) {
    const language = r.weighted(SIM_LANGUAGES.map((l) => [l, { en: 0.45, es: 0.15, ar: 0.2, zh: 0.2 }[l]] as const));
    const { letters, length } = TERM_LETTERS[language];
    const chars = Array.from({ length }, (_, i) => ((language === 'en' || language === 'es') && i % 2 === 1 ? 'aeiou'[r.int(0, 4)]! : r.pick(letters)));
    if (chars.some((c, i) => i > 0 && chars[i - 1] === c)) continue;
    const value = chars.join('');
    if (taken.has(value)) continue;
    taken.add(value);
    const policy = r.pick(SIM_POLICIES);
    const severity = Math.min(4, Math.max(1, TIER[policy]! + r.weighted([[-1, 0.15], [0, 0.7], [1, 0.15]] as const))) as 1 | 2 | 3 | 4;
    out.push({ kind: 'term', value, languages: [language], policy_id: policy, severity, match_mode: 'word', status: 'active' });
  }
  return out;
}

function knownTerms(r: Random, policies: readonly string[]): GeneratedMaterial[] {
  const byValue = new Map<string, GeneratedMaterial>();
  for (const policy of policies) {
    for (const [language, terms] of Object.entries(DEMO_TERMS[policy as keyof typeof DEMO_TERMS])) {
      for (const value of terms as readonly string[]) {
        const had = byValue.get(value);
        if (had) {
          if (!had.languages.includes(language)) had.languages.push(language);
          continue;
        }
        // A team's own list rates some known terms more severe than the policy's tier.
        const severity = Math.max(1, TIER[policy]! - (r.chance(0.3) ? 1 : 0)) as 1 | 2 | 3 | 4;
        byValue.set(value, { kind: /\s/.test(value) ? 'phrase' : 'term', value, languages: [language], policy_id: policy, severity, match_mode: 'word', status: 'active' });
      }
    }
  }
  return [...byValue.values()];
}

function sampleIds(r: Random, ids: readonly string[] | undefined, n: number, prefix: string): string[] {
  if (ids?.length) return r.sample([...new Set(ids)].sort(), n).sort();
  return Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
}

// ---- the whole set ----------------------------------------------------------------------------------------

export function generateRuleSet(options: GenerateOptions): GeneratedRuleSet {
  const root = new Random(options.seed);
  const count = options.strategies ?? 200;
  const termCount = options.terms ?? 20_000;

  const materialsRandom = root.fork('materials');
  const known = knownTerms(materialsRandom, SIM_POLICIES);
  const taken = new Set(known.map((m) => m.value));
  const main: GeneratedPackage = {
    id: MAIN_PACKAGE,
    name: 'Risk terms',
    description: 'Terms and phrases in English, Spanish, Arabic and Chinese, by policy and severity',
    scope: { surfaces: [], markets: [], languages: [] },
    materials: [...known, ...syntheticTerms(materialsRandom, Math.max(0, termCount - known.length), taken)],
  };
  const commerce: GeneratedPackage = {
    id: COMMERCE_PACKAGE,
    name: 'Commerce terms',
    description: 'Scam, counterfeit and drug terms for ads and listings',
    scope: { surfaces: ['ad_creative', 'product_listing', 'ad_landing_page'], markets: [], languages: [] },
    materials: [...knownTerms(materialsRandom, ['scam', 'counterfeit', 'drugs']), ...syntheticTerms(materialsRandom, 100, new Set(taken))],
  };

  const listRandom = root.fork('lists');
  const lists: GeneratedList[] = [
    { id: 'trusted_creators', kind: 'allow', description: 'Creators vetted by the partnerships team', items: sampleIds(listRandom, options.ids?.accounts, 40, 'creator-') },
    { id: 'trusted_sellers', kind: 'allow', description: 'Sellers in good standing', items: sampleIds(listRandom, options.ids?.accounts, 30, 'seller-') },
    { id: 'vip_hosts', kind: 'allow', description: 'Hosts under a partner contract', items: sampleIds(listRandom, options.ids?.accounts, 20, 'host-') },
    { id: 'blocked_devices', kind: 'deny', description: 'Devices of banned accounts', items: sampleIds(listRandom, options.ids?.devices, 50, 'device-') },
    { id: 'high_risk_markets', kind: 'deny', description: 'Markets with the most scam and spam reports', items: listRandom.sample(ALL_MARKETS, 5).sort() },
  ];
  const g: Gen = {
    r: root.fork('strategies'),
    lists: { trustedCreators: 'trusted_creators', trustedSellers: 'trusted_sellers', vipHosts: 'vip_hosts', blockedDevices: 'blocked_devices', highRiskMarkets: 'high_risk_markets' },
  };
  const strategies: GeneratedStrategy[] = [];
  const weights = FAMILIES.map(([name, w, make]) => [[name, make] as const, w] as const);
  for (let i = 0; i < count; i++) {
    const [family, make] = g.r.weighted(weights);
    const d = make(g);
    const id = `s${String(i + 1).padStart(3, '0')}_${family}`;
    const severity = g.r.chance(0.1) ? Math.max(1, TIER[d.policy]! - 1) : undefined;
    const s = { id, name: d.name, family, policy: d.policy, on: d.on, rules: d.rules };
    strategies.push({ ...s, source: render({ ...s, description: d.description, severity: severity ?? d.severity }) });
  }
  return { seed: options.seed, packages: [main, commerce], lists, strategies };
}

/** What the strategies are compiled against: the default catalogue's policies and queues, and the set's packages and lists. */
export function compileContextOf(set: Pick<GeneratedRuleSet, 'packages' | 'lists'>): CompileContext {
  return {
    policies: new Map(DEFAULT_POLICIES.map((p) => [p.id, { severity_tier: p.severity_tier }])),
    queues: new Set(DEFAULT_QUEUES.map((q) => q.id)),
    packages: new Set(set.packages.map((p) => p.id)),
    lists: new Set(set.lists.map((l) => l.id)),
  };
}

/** The packages as stored materials (ids from 1), for buildMaterialSetNow. */
export function matchableOf(set: Pick<GeneratedRuleSet, 'packages'>, at = '2026-01-01T00:00:00.000Z'): MatchableMaterials {
  let id = 0;
  const materials: Material[] = set.packages.flatMap((p) =>
    p.materials.map((m) => ({ ...m, id: ++id, package_id: p.id, exceptions: [], opt_out: [], author: 'generator', version: 1, updated_at: at, updated_by: 'generator' }) as Material),
  );
  return { packages: set.packages.map((p) => ({ id: p.id, version: 1, scope: p.scope as MatchableMaterials['packages'][number]['scope'] })), materials };
}

/** The named lists as the running strategies read them. */
export function listItemsOf(set: Pick<GeneratedRuleSet, 'lists'>): Map<string, Set<string>> {
  return new Map(set.lists.map((l) => [l.id, new Set(l.items)]));
}
