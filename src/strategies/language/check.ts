// The checker and code generator in one pass: resolves every name against the event shapes and the
// catalogue, types every expression, and emits JavaScript for it twice, plain (for deciding) and traced
// (for explaining why a rule fired). Problems are collected with their positions; checking goes on
// after an error so an analyst sees all of them at once.
import { RE2JS } from 're2js';
import { ACTION_KINDS, EVENT_TYPES, LADDER_AND_PENALTY_KINDS, type EventType } from '../../domain/index.js';
import type { Expr, NamedArg, RuleAst, StrategyAst } from './ast.js';
import type { SourcePos, SourceProblem } from './errors.js';
import { ALL_ROLES, EVENT_SHAPES, type ValueType } from './env.js';
import { printExpr } from './print.js';

export type Type = ValueType | 'entity' | 'events';

export interface Typed {
  type: Type;
  code: string;
  traced: string;
  /** Rough cost of evaluating it, so cheap conditions run first. */
  cost: number;
  canon: string;
  constant?: { value: unknown };
}

export interface CompileContext {
  policies: ReadonlyMap<string, { severity_tier: number }>;
  queues: ReadonlySet<string>;
  packages: ReadonlySet<string>;
  lists: ReadonlySet<string>;
}

export const COUNTER_FUNCTIONS = ['count', 'sum', 'distinct', 'rate'] as const;
export type CounterFunction = (typeof COUNTER_FUNCTIONS)[number];
export const MAX_COUNTER_WINDOW_MS = 30 * 86_400_000;

export interface CounterDraft {
  canon: string;
  fn: CounterFunction;
  events: EventType[];
  windowMs: number;
  /** Code (in the counter's event scope) for the key, the observation filter, and the value or item. */
  keyCode: string;
  whereCode: string;
  valueCode: string | null;
  pos: SourcePos;
}

export const ENFORCEMENT_VERBS = [...ACTION_KINDS.filter((a) => a !== 'restore' && a !== 'unsuspend' && !LADDER_AND_PENALTY_KINDS.includes(a)), 'enqueue', 'notify'] as const;
export type Verb = (typeof ENFORCEMENT_VERBS)[number];

/** The role an action lands on when the rule names none, per event type: the item, or the account behind it. */
const ITEM_ROLE: Partial<Record<EventType, string>> = {
  'content.created': 'content',
  'content.updated': 'content',
  comment: 'content',
  purchase: 'listing',
  'livestream.started': 'livestream',
  'livestream.ended': 'livestream',
  'viewer.joined': 'livestream',
  gift: 'livestream',
  'view_count.tick': 'target',
  report: 'target',
  appeal: 'target',
  'shop.created': 'shop',
  'account.created': 'account',
  'account.updated': 'account',
  login: 'account',
  'payment_instrument.added': 'account',
};
const ACCOUNT_ROLE: Partial<Record<EventType, string>> = {
  'content.created': 'author',
  'content.updated': 'author',
  comment: 'author',
  purchase: 'seller',
  'livestream.started': 'host',
  'viewer.joined': 'viewer',
  gift: 'sender',
  report: 'reporter',
  appeal: 'appellant',
  'shop.created': 'owner',
  'account.created': 'account',
  'account.updated': 'account',
  login: 'account',
  'payment_instrument.added': 'account',
};
const ACCOUNT_VERBS = new Set<string>(['suspend', 'strike', 'demonetize']);

/** The role holding the item an event is about (the content of a comment, the listing of a purchase, ...). */
export const itemRoleOf = (type: EventType): string | undefined => ITEM_ROLE[type];

export interface ResolvedAction {
  verb: Verb;
  /** The role acted on, per event type (absent: the event has no such entity and the action is skipped). */
  roles: Partial<Record<EventType, string>>;
  label?: string;
  queue?: string;
  message?: string;
  durationMs?: number;
  priority?: number;
  reason?: string;
}

const NUMERIC: ReadonlySet<Type> = new Set(['number', 'any', 'null']);

export class Checker {
  readonly problems: SourceProblem[] = [];
  readonly traceNodes: { canon: string; pos: SourcePos }[] = [];
  readonly counters: CounterDraft[] = [];
  readonly regexes: RE2JS[] = [];
  readonly packagesUsed = new Set<string>();
  private readonly lets = new Map<string, { typed: Typed; pos: SourcePos; used: boolean }>();
  private scope: EventType[] = [];

  constructor(private readonly context: CompileContext) {}

  error(pos: SourcePos, message: string): void {
    this.problems.push({ ...pos, level: 'error', message });
  }
  warn(pos: SourcePos, message: string): void {
    this.problems.push({ ...pos, level: 'warning', message });
  }

  private bad(e: Expr, message: string): Typed {
    this.error(e.pos, message);
    return { type: 'any', code: 'null', traced: 'null', cost: 0, canon: printExpr(e) };
  }

  private node(e: Expr, typed: Omit<Typed, 'traced' | 'canon'> & { traced?: string }): Typed {
    const canon = printExpr(e);
    const id = this.traceNodes.push({ canon, pos: startOf(e) }) - 1;
    return { ...typed, canon, traced: `T(${id}, ${typed.traced ?? typed.code})` };
  }

  checkStrategy(ast: StrategyAst): { on: EventType[]; rules: { name: string; when: Typed | null; actions: ResolvedAction[]; pos: SourcePos }[] } {
    const on: EventType[] = [];
    for (const t of ast.on) {
      if (!(EVENT_TYPES as string[]).includes(t.value)) this.error(t.pos, `unknown event type \`${t.value}\`: one of ${EVENT_TYPES.join(', ')}`);
      else if (on.includes(t.value as EventType)) this.error(t.pos, `event type \`${t.value}\` is listed twice`);
      else on.push(t.value as EventType);
    }
    if (!ast.on.length) this.error({ line: 1, col: 1, offset: 0 }, 'a strategy says which events it decides on: add a line such as `on comment, content.created`');
    this.scope = on.length ? on : [...EVENT_TYPES];
    for (const l of ast.lets) {
      if (this.lets.has(l.name)) this.error(l.pos, `\`${l.name}\` is defined twice`);
      else if (this.isRoleOrEvent(l.name)) this.error(l.pos, `\`${l.name}\` is already a role of the event; choose another name`);
      const typed = this.expr(l.expr);
      if (typed.type === 'events') this.error(l.expr.pos, 'an event type is not a value');
      this.lets.set(l.name, { typed, pos: l.pos, used: false });
    }
    const rules = [];
    const seen = new Map<string, RuleAst>();
    let alwaysBefore: RuleAst | undefined;
    for (const r of ast.rules) {
      if (alwaysBefore) this.error(r.pos, `rule "${r.name}" is unreachable: rule "${alwaysBefore.name}" above it always applies`);
      let when: Typed | null = null;
      if (r.when) {
        when = this.condition(r.when, 'a rule condition');
        if (when.constant) {
          if (when.constant.value === true) alwaysBefore ??= r;
          else this.error(r.when.pos, `rule "${r.name}" is unreachable: its condition is always false`);
        }
        const earlier = seen.get(when.canon);
        if (earlier) this.error(r.pos, `rule "${r.name}" is unreachable: rule "${earlier.name}" above it has the same condition`);
        else seen.set(when.canon, r);
      } else alwaysBefore ??= r;
      rules.push({ name: r.name, when, actions: r.actions.map((a) => this.action(a, on)).filter((a): a is ResolvedAction => !!a), pos: r.pos });
    }
    if (!ast.rules.length) this.error({ line: 1, col: 1, offset: 0 }, 'a strategy has at least one rule: `rule name when <condition> then <actions>`');
    for (const [name, l] of this.lets) if (!l.used) this.warn(l.pos, `\`${name}\` is never used`);
    return { on, rules };
  }

  private isRoleOrEvent(name: string) {
    return name === 'event' || ALL_ROLES.includes(name);
  }

  condition(e: Expr, what: string): Typed {
    const t = this.expr(e);
    if (t.type === 'bool' || t.type === 'null') return t;
    if (t.type === 'any') return { ...t, code: `L.truthy(${t.code})`, traced: `L.truthy(${t.traced})`, type: 'bool' };
    this.error(e.pos, `${what} must be true or false, but this is a ${t.type}${t.type === 'number' ? ': compare it, e.g. `> 0`' : ''}`);
    return { ...t, type: 'bool', code: 'false', traced: 'false' };
  }

  expr(e: Expr): Typed {
    switch (e.k) {
      case 'number':
      case 'duration':
        return { type: 'number', code: String(e.value), traced: String(e.value), cost: 0, canon: printExpr(e), constant: { value: e.value } };
      case 'string':
        return { type: 'string', code: JSON.stringify(e.value), traced: JSON.stringify(e.value), cost: 0, canon: printExpr(e), constant: { value: e.value } };
      case 'bool':
        return { type: 'bool', code: String(e.value), traced: String(e.value), cost: 0, canon: printExpr(e), constant: { value: e.value } };
      case 'null':
        return { type: 'null', code: 'null', traced: 'null', cost: 0, canon: 'null', constant: { value: null } };
      case 'list': {
        const items = e.items.map((i) => this.expr(i));
        for (const [i, t] of items.entries()) if (t.type !== 'string' && t.type !== 'number' && t.type !== 'any') this.error(e.items[i]!.pos, `a list holds strings or numbers, not a ${t.type}`);
        const code = `[${items.map((i) => i.code).join(', ')}]`;
        const constant = items.every((i) => i.constant) ? { value: items.map((i) => i.constant!.value) } : undefined;
        return { type: 'list', code, traced: code, cost: items.length, canon: printExpr(e), constant };
      }
      case 'path':
        return this.path(e);
      case 'call':
        return this.call(e);
      case 'not': {
        const a = this.condition(e.arg, '`not` takes a condition that');
        return this.node(e, { type: 'bool', code: `!(${a.code})`, traced: `!(${a.traced})`, cost: a.cost, constant: a.constant && { value: !a.constant.value } });
      }
      case 'neg': {
        const a = this.expr(e.arg);
        if (!NUMERIC.has(a.type)) return this.bad(e, `cannot negate a ${a.type}`);
        const code = a.type === 'number' ? `L.neg(${a.code})` : `L.neg(L.num(${a.code}))`;
        return { type: 'number', code, traced: code.replace(a.code, a.traced), cost: a.cost, canon: printExpr(e), constant: a.constant && typeof a.constant.value === 'number' ? { value: -a.constant.value } : undefined };
      }
      case 'binary':
        return this.binary(e);
    }
  }

  private binary(e: Extract<Expr, { k: 'binary' }>): Typed {
    if (e.op === 'and' || e.op === 'or') {
      // Flatten the chain and run cheap operands first: they are pure, so order changes only speed.
      const operands: Expr[] = [];
      const gather = (x: Expr): void => {
        if (x.k === 'binary' && x.op === e.op) {
          gather(x.left);
          gather(x.right);
        } else operands.push(x);
      };
      gather(e);
      const typed = operands.map((o) => this.condition(o, `each side of \`${e.op}\``));
      const order = typed.map((t, i) => ({ t, i })).sort((a, b) => a.t.cost - b.t.cost || a.i - b.i);
      const js = e.op === 'and' ? ' && ' : ' || ';
      const constants = typed.map((t) => t.constant?.value);
      const constant = e.op === 'and' ? (constants.includes(false) ? { value: false } : constants.every((c) => c === true) ? { value: true } : undefined) : constants.includes(true) ? { value: true } : constants.every((c) => c === false) ? { value: false } : undefined;
      return this.node(e, {
        type: 'bool',
        code: `(${order.map((o) => o.t.code).join(js)})`,
        traced: `(${order.map((o) => o.t.traced).join(js)})`,
        cost: typed.reduce((s, t) => s + t.cost, 1),
        constant,
      });
    }
    const l = this.expr(e.left);
    const r = this.expr(e.right);
    for (const [side, t] of [[e.left, l], [e.right, r]] as const)
      if (t.type === 'entity' && e.op !== '==' && e.op !== '!=') return this.bad(side, `\`${t.canon}\` is an entity: use one of its fields, such as ${t.canon}.id`);
      else if (t.type === 'events') return this.bad(side, `\`${t.canon}\` is not a value here`);
    const cost = l.cost + r.cost + 1;
    const fold = (value: unknown) => (l.constant && r.constant ? { value } : undefined);
    const call = (fn: string, a: Typed, b: Typed, type: Type, value?: () => unknown) =>
      this.node(e, { type, code: `L.${fn}(${a.code}, ${b.code})`, traced: `L.${fn}(${a.traced}, ${b.traced})`, cost, constant: value && fold(value()) });
    const lv = l.constant?.value as never;
    const rv = r.constant?.value as never;
    switch (e.op) {
      case '==':
      case '!=': {
        if (!compatible(l.type, r.type)) return this.bad(e, `cannot compare a ${l.type} with a ${r.type}`);
        const a = l.type === 'entity' ? { ...l, code: `L.key(${l.code})`, traced: `L.key(${l.traced})` } : l;
        const b = r.type === 'entity' ? { ...r, code: `L.key(${r.code})`, traced: `L.key(${r.traced})` } : r;
        const eq = call('eq', a, b, 'bool', () => lv === rv);
        return e.op === '==' ? eq : { ...eq, code: `!${eq.code}`, traced: `!${eq.traced}`, constant: eq.constant && { value: !eq.constant.value } };
      }
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const ordered = (t: Type) => t === 'number' || t === 'time' || t === 'string' || t === 'any' || t === 'null';
        if (!ordered(l.type) || !ordered(r.type) || !compatible(l.type, r.type)) return this.bad(e, `cannot order a ${l.type} against a ${r.type}${l.type === 'time' || r.type === 'time' ? ': subtract times to get a duration, e.g. `event.time - author.created_at > 7d`' : ''}`);
        const fn = { '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' }[e.op];
        const [a, b] = [this.asNumberIfAny(l, r), this.asNumberIfAny(r, l)];
        return call(fn, a, b, 'bool', () => ({ '<': lv < rv, '<=': lv <= rv, '>': lv > rv, '>=': lv >= rv })[e.op as '<']);
      }
      case 'in':
      case 'not in': {
        if (r.type !== 'list' && r.type !== 'string' && r.type !== 'any') return this.bad(e.right, `\`${e.op}\` needs a list (e.g. ["a", "b"] or list("id")) or a string on its right, not a ${r.type}`);
        if (l.type === 'list' || l.type === 'bool') return this.bad(e.left, `\`${e.op}\` looks for a string or a number, not a ${l.type}`);
        const inside = this.node(e, { type: 'bool', code: `L.inside(${l.code}, ${r.code})`, traced: `L.inside(${l.traced}, ${r.traced})`, cost: cost + 1 });
        return e.op === 'in' ? inside : { ...inside, code: `!${inside.code}`, traced: `!${inside.traced}` };
      }
      case '+': {
        if (l.type === 'string' && r.type === 'string') return call('add', l, r, 'string', () => lv + rv);
        if (l.type === 'time' && NUMERIC.has(r.type)) return call('add', l, this.num(r), 'time');
        if (r.type === 'time' && NUMERIC.has(l.type)) return call('add', this.num(l), r, 'time');
        if (!NUMERIC.has(l.type) || !NUMERIC.has(r.type)) return this.bad(e, `cannot add a ${l.type} and a ${r.type}`);
        return call('add', this.num(l), this.num(r), 'number', () => lv + rv);
      }
      default: {
        if (e.op === '-' && l.type === 'time' && (r.type === 'time' || NUMERIC.has(r.type))) {
          const type = r.type === 'time' ? 'number' : 'time';
          return this.node(e, { type, code: `L.arith("-", ${l.code}, ${this.num(r).code})`, traced: `L.arith("-", ${l.traced}, ${this.num(r).traced})`, cost });
        }
        if (!NUMERIC.has(l.type) || !NUMERIC.has(r.type)) return this.bad(e, `\`${e.op}\` works on numbers, not a ${l.type} and a ${r.type}`);
        const a = this.num(l);
        const b = this.num(r);
        const value = () => ({ '-': lv - rv, '*': lv * rv, '/': rv === 0 ? null : lv / rv, '%': rv === 0 ? null : lv % rv })[e.op as '-'];
        return this.node(e, { type: 'number', code: `L.arith(${JSON.stringify(e.op)}, ${a.code}, ${b.code})`, traced: `L.arith(${JSON.stringify(e.op)}, ${a.traced}, ${b.traced})`, cost, constant: fold(value()) });
      }
    }
  }

  private num(t: Typed): Typed {
    return t.type === 'any' ? { ...t, code: `L.num(${t.code})`, traced: `L.num(${t.traced})` } : t;
  }
  private asNumberIfAny(t: Typed, other: Typed): Typed {
    return t.type === 'any' && (other.type === 'number' || other.type === 'time') ? this.num(t) : t;
  }

  private path(e: Extract<Expr, { k: 'path' }>): Typed {
    const [head, ...rest] = e.parts as [string, ...string[]];
    const bound = this.lets.get(head);
    if (bound) {
      bound.used = true;
      if (rest.length) return this.bad(e, `\`${head}\` is a value, it has no field \`${rest[0]}\``);
      return this.node(e, { type: bound.typed.type, code: `(${bound.typed.code})`, traced: `(${bound.typed.traced})`, cost: bound.typed.cost, constant: bound.typed.constant });
    }
    if (head === 'event') return this.eventField(e, rest);
    const shapes = this.scope.map((t) => EVENT_SHAPES.get(t)!.roles.get(head)).filter((s) => !!s);
    if (!shapes.length) {
      const known = [...new Set(this.scope.flatMap((t) => [...EVENT_SHAPES.get(t)!.roles.keys()]))];
      const where = this.scope.length === EVENT_TYPES.length ? 'any event' : `${this.scope.join(', ')} events`;
      if (ALL_ROLES.includes(head)) return this.bad(e, `\`${head}\` is not part of ${where}: they have ${known.join(', ')}`);
      return this.bad(e, `unknown name \`${head}\`: not a \`let\`, not \`event\`, and not a role of ${where} (${known.join(', ')})`);
    }
    const role = `ctx.roles[${JSON.stringify(head)}]`;
    if (!rest.length) return this.node(e, { type: 'entity', code: role, cost: 1 });
    const [field, ...more] = rest as [string, ...string[]];
    if (field === 'attrs') {
      if (more.length !== 1) return this.bad(e, `write \`${head}.attrs.<name>\` for a platform-defined attribute`);
      return this.node(e, { type: 'any', code: `(${role}?.attrs[${JSON.stringify(more[0])}] ?? null)`, cost: 1 });
    }
    if (more.length) return this.bad(e, `\`${head}.${field}\` has no field \`${more[0]}\``);
    const type = shapes.map((s) => s.fields.get(field)).find((t) => !!t);
    if (!type) {
      const fields = [...new Set(shapes.flatMap((s) => [...s.fields.keys()]))];
      return this.bad(e, `unknown field \`${field}\` of ${head}: it has ${fields.join(', ')}, and attrs.<name> for platform-defined attributes`);
    }
    const raw =
      field === 'id' || field === 'type' ? `(${role}?.${field} ?? null)` : field === 'labels' ? `(${role}?.labels ?? null)` : field === 'first_seen' ? `(${role}?.firstSeenMs ?? null)` : `(${role}?.attrs[${JSON.stringify(field)}] ?? null)`;
    return this.node(e, { type, code: convert(type, raw), cost: 1 });
  }

  private eventField(e: Extract<Expr, { k: 'path' }>, rest: string[]): Typed {
    if (!rest.length) return this.bad(e, '`event` alone is not a value: use event.text, event.time, event.type, ...');
    const path = rest.join('.');
    if (rest[0] === 'signals' && rest.length === 2) return this.node(e, { type: 'number', code: `L.signal(ctx, ${JSON.stringify(rest[1])})`, cost: 1 });
    if (rest[0] === 'attrs' && rest.length === 2) return this.node(e, { type: 'any', code: `(ctx.event.attrs?.[${JSON.stringify(rest[1])}] ?? null)`, cost: 1 });
    const special: Record<string, [ValueType, string]> = { text: ['string', 'ctx.text'], time: ['time', 'ctx.timeMs'], language: ['string', 'ctx.language'], id: ['string', 'ctx.event.id'], type: ['string', 'ctx.event.type'] };
    if (special[path]) return this.node(e, { type: special[path][0], code: special[path][1], cost: 1 });
    const type = this.scope.map((t) => EVENT_SHAPES.get(t)!.fields.get(path)).find((t) => !!t);
    if (!type) {
      const fields = [...new Set(this.scope.flatMap((t) => [...EVENT_SHAPES.get(t)!.fields.keys()]))];
      return this.bad(e, `unknown field \`event.${path}\`: events here have ${fields.map((f) => `event.${f}`).join(', ')}, event.signals.<name> and event.attrs.<name>`);
    }
    const raw = `(ctx.event${rest.map((p) => `?.[${JSON.stringify(p)}]`).join('')} ?? null)`;
    return this.node(e, { type, code: convert(type, raw), cost: 1 });
  }

  private named(e: Extract<Expr, { k: 'call' }>, allowed: string[]): Map<string, NamedArg> {
    const out = new Map<string, NamedArg>();
    for (const n of e.named) {
      if (!allowed.includes(n.name)) this.error(n.pos, `${e.name}() has no \`${n.name}:\`${allowed.length ? `; it takes ${allowed.map((a) => `${a}:`).join(', ')}` : ''}`);
      else out.set(n.name, n);
    }
    return out;
  }

  private constString(arg: Expr | undefined, what: string, e: Expr): string | null {
    if (!arg) return null;
    if (arg.k !== 'string') {
      this.error(arg.pos, `${what} is a quoted string written in the strategy`);
      return null;
    }
    return arg.value;
  }

  private arity(e: Extract<Expr, { k: 'call' }>, min: number, max = min): Typed[] | null {
    if (e.args.length < min || e.args.length > max) {
      this.error(e.pos, `${e.name}() takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, given ${e.args.length}`);
      return null;
    }
    return e.args.map((a) => this.expr(a));
  }

  private call(e: Extract<Expr, { k: 'call' }>): Typed {
    const fn = e.name;
    const simple = (type: Type, code: (a: Typed[], traced: boolean) => string, cost: number) => (args: Typed[]) => this.node(e, { type, code: code(args, false), traced: code(args, true), cost: cost + args.reduce((s, a) => s + a.cost, 0) });
    const c = (a: Typed, traced: boolean) => (traced ? a.traced : a.code);
    const expectTypes = (args: Typed[], types: Type[][]) => {
      for (const [i, a] of args.entries()) {
        const want = types[Math.min(i, types.length - 1)]!;
        if (!want.includes(a.type) && a.type !== 'any' && a.type !== 'null') {
          this.error(e.args[i]!.pos, `argument ${i + 1} of ${fn}() must be ${want.join(' or ')}, not ${a.type}`);
          return false;
        }
      }
      return true;
    };
    if ((COUNTER_FUNCTIONS as readonly string[]).includes(fn)) return this.counter(e, fn as CounterFunction);
    if (e.named.length && !['hits', 'prior'].includes(fn)) this.named(e, []);
    switch (fn) {
      case 'hits': {
        if (e.args.length) return this.bad(e, 'hits() takes named filters only: hits(package: "id", policy: "id", severity: 2)');
        const n = this.named(e, ['package', 'policy', 'severity']);
        const pkg = this.constString(n.get('package')?.value, 'package:', e);
        const policy = this.constString(n.get('policy')?.value, 'policy:', e);
        const sevArg = n.get('severity')?.value;
        let severity: number | null = null;
        if (sevArg) {
          if (sevArg.k !== 'number' || ![1, 2, 3, 4].includes(sevArg.value)) this.error(sevArg.pos, 'severity: is a tier from 1 (most severe) to 4; hits of that tier or more severe count');
          else severity = sevArg.value;
        }
        if (pkg !== null) {
          if (!this.context.packages.has(pkg)) this.error(n.get('package')!.value.pos, `unknown material package \`${pkg}\``);
          this.packagesUsed.add(pkg);
        }
        if (policy !== null && !this.context.policies.has(policy)) this.error(n.get('policy')!.value.pos, `unknown policy \`${policy}\``);
        return this.node(e, { type: 'number', code: `L.hits(ctx, ${JSON.stringify(pkg)}, ${JSON.stringify(policy)}, ${severity})`, cost: 3 });
      }
      case 'signal': {
        const args = this.arity(e, 1);
        const name = this.constString(e.args[0], 'the signal name', e);
        if (!args || name === null) return this.bad(e, 'signal() takes the name of a model score, e.g. signal("nudity")');
        return this.node(e, { type: 'number', code: `L.signal(ctx, ${JSON.stringify(name)})`, cost: 1 });
      }
      case 'list': {
        const args = this.arity(e, 1);
        const id = this.constString(e.args[0], 'the list id', e);
        if (!args || id === null) return this.bad(e, 'list() takes a list id, e.g. list("trusted_sellers")');
        if (!this.context.lists.has(id)) this.error(e.args[0]!.pos, `unknown list \`${id}\``);
        return this.node(e, { type: 'list', code: `L.list(ctx, ${JSON.stringify(id)})`, cost: 1 });
      }
      case 'has_label': {
        const args = this.arity(e, 2);
        if (!args || !expectTypes(args, [['entity'], ['string']])) return this.bad(e, 'has_label() takes a role and a label: has_label(author, "spammer")');
        return simple('bool', (a, t) => `L.hasLabel(${c(a[0]!, t)}, ${c(a[1]!, t)})`, 2)(args);
      }
      case 'age': {
        const args = this.arity(e, 1);
        if (!args || !expectTypes(args, [['entity']])) return this.bad(e, 'age() takes a role: age(author) is the time since the account was created (or first seen)');
        return simple('number', (a, t) => `L.age(ctx, ${c(a[0]!, t)})`, 1)(args);
      }
      case 'prior': {
        const args = e.args.map((a) => this.expr(a));
        if (args.length !== 1 || args[0]!.type !== 'entity') return this.bad(e, 'prior() takes a role and named filters: prior(author, action: "remove", window: 30d, policy: "spam")');
        const n = this.named(e, ['action', 'window', 'policy']);
        const action = this.constString(n.get('action')?.value, 'action:', e);
        if (action !== null && !(ENFORCEMENT_VERBS as readonly string[]).includes(action)) this.error(n.get('action')!.value.pos, `unknown action \`${action}\`: one of ${ENFORCEMENT_VERBS.join(', ')}`);
        const policy = this.constString(n.get('policy')?.value, 'policy:', e);
        if (policy !== null && !this.context.policies.has(policy)) this.error(n.get('policy')!.value.pos, `unknown policy \`${policy}\``);
        const w = n.get('window')?.value;
        if (!w || w.k !== 'duration') return this.bad(e, 'prior() needs window: a duration such as 30d');
        return simple('number', (a, t) => `L.prior(ctx, ${c(a[0]!, t)}, ${JSON.stringify(action)}, ${w.value}, ${JSON.stringify(policy)})`, 3)(args);
      }
      case 'lower':
      case 'upper': {
        const args = this.arity(e, 1);
        if (!args || !expectTypes(args, [['string']])) return this.bad(e, `${fn}() takes a string`);
        return simple('string', (a, t) => `L.${fn}(${c(a[0]!, t)})`, 2)(args);
      }
      case 'length': {
        const args = this.arity(e, 1);
        if (!args || !expectTypes(args, [['string', 'list']])) return this.bad(e, 'length() takes a string or a list');
        return simple('number', (a, t) => `L.length(${c(a[0]!, t)})`, 2)(args);
      }
      case 'contains':
      case 'starts_with':
      case 'ends_with': {
        const args = this.arity(e, 2);
        if (!args || !expectTypes(args, [['string'], ['string']])) return this.bad(e, `${fn}() takes two strings`);
        const js = { contains: 'contains', starts_with: 'startsWith', ends_with: 'endsWith' }[fn];
        return simple('bool', (a, t) => `L.${js}(${c(a[0]!, t)}, ${c(a[1]!, t)})`, 4)(args);
      }
      case 'matches': {
        const args = this.arity(e, 2);
        const pattern = this.constString(e.args[1], 'the pattern', e);
        if (!args || pattern === null || !expectTypes(args.slice(0, 1), [['string']])) return this.bad(e, 'matches() takes a string and a quoted regular expression');
        let re: RE2JS;
        try {
          re = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
        } catch (err) {
          return this.bad(e.args[1]!, `invalid regular expression: ${(err as Error).message}`);
        }
        const i = this.regexes.push(re) - 1;
        return simple('bool', (a, t) => `L.matches(${c(a[0]!, t)}, R[${i}])`, 20)(args);
      }
      case 'abs':
      case 'round':
      case 'floor':
      case 'ceil': {
        const args = this.arity(e, 1);
        if (!args || !expectTypes(args, [['number']])) return this.bad(e, `${fn}() takes a number`);
        return simple('number', (a, t) => `L.math(${JSON.stringify(fn)}, ${c(this.num(a[0]!), t)})`, 1)(args);
      }
      case 'min':
      case 'max': {
        const args = this.arity(e, 2, 10);
        if (!args || !expectTypes(args, [['number']])) return this.bad(e, `${fn}() takes numbers`);
        return simple('number', (a, t) => `L.${fn}(${a.map((x) => c(this.num(x), t)).join(', ')})`, 1)(args);
      }
      case 'hour':
      case 'weekday': {
        const args = this.arity(e, 1);
        if (!args || !expectTypes(args, [['time']])) return this.bad(e, `${fn}() takes a time, e.g. ${fn}(event.time)`);
        return simple('number', (a, t) => `L.${fn}(${c(a[0]!, t)})`, 1)(args);
      }
      case 'exists': {
        const args = this.arity(e, 1);
        if (!args) return this.bad(e, 'exists() takes one value');
        return simple('bool', (a, t) => `L.exists(${c(a[0]!, t)})`, 0)(args);
      }
      default:
        return this.bad(e, `unknown function \`${fn}\`: one of hits, signal, count, sum, distinct, rate, list, has_label, age, prior, lower, upper, length, contains, starts_with, ends_with, matches, abs, round, floor, ceil, min, max, hour, weekday, exists`);
    }
  }

  /** count(comment, by: author, window: 10m, where: ...) and its kin: read from the counter store, computed before the strategy runs. */
  private counter(e: Extract<Expr, { k: 'call' }>, fn: CounterFunction): Typed {
    const usage = {
      count: 'count(comment, by: author, window: 10m)',
      rate: 'rate(comment, by: target, window: 1m) (events per minute)',
      sum: 'sum(gift, of: event.gift.value_cents, by: livestream, window: 1m)',
      distinct: 'distinct(login, of: account, by: device, window: 1d)',
    }[fn];
    const n = this.named(e, fn === 'sum' || fn === 'distinct' ? ['of', 'by', 'window', 'where'] : ['by', 'window', 'where']);
    if (e.args.length !== 1) return this.bad(e, `${fn}() names the events it counts first: ${usage}`);
    const events = this.eventSelection(e.args[0]!);
    const w = n.get('window')?.value;
    if (!w || w.k !== 'duration') return this.bad(e, `${fn}() needs window: a duration, e.g. ${usage}`);
    if (w.value <= 0 || w.value > MAX_COUNTER_WINDOW_MS) return this.bad(w, 'a counter window is between 1s and 30d');
    const by = n.get('by')?.value;
    if (!by) return this.bad(e, `${fn}() needs by: the entity (or entities, in a list) it counts per, e.g. ${usage}`);
    if ((fn === 'sum' || fn === 'distinct') && !n.get('of')) return this.bad(e, `${fn}() needs of: ${usage}`);
    if (!events) return this.bad(e, 'unknown events');
    const outer = this.scope;
    // The key is computed on the event being decided (reading) and on each counted event (observing).
    const keyParts = (by.k === 'list' ? by.items : [by]).map((part) => ({ part, read: this.expr(part) }));
    this.scope = events;
    try {
      const observedParts = keyParts.map(({ part }) => this.expr(part));
      for (const { part, read } of keyParts)
        if (!['entity', 'string', 'number', 'any'].includes(read.type)) this.error(part.pos, `by: takes entities or values to count per, not a ${read.type}`);
      const keyCode = (parts: Typed[]) => `L.counterKey([${parts.map((p) => `L.key(${p.code})`).join(', ')}])`;
      const where = n.get('where') ? this.condition(n.get('where')!.value, 'where:') : null;
      let valueCode: string | null = null;
      const of = n.get('of')?.value;
      if (of) {
        const v = this.expr(of);
        if (fn === 'sum') {
          if (!NUMERIC.has(v.type)) this.error(of.pos, `sum() adds numbers; of: is a ${v.type}`);
          valueCode = `L.num(${v.code})`;
        } else {
          if (!['entity', 'string', 'number', 'any'].includes(v.type)) this.error(of.pos, `distinct() counts entities or values; of: is a ${v.type}`);
          valueCode = `L.key(${v.code})`;
        }
      }
      const canon = printExpr({ ...e, args: [{ k: 'list', items: [], pos: e.pos }], named: [...e.named].sort((a, b) => (a.name < b.name ? -1 : 1)) }).replace('[]', events.slice().sort().join('|'));
      let slot = this.counters.findIndex((c) => c.canon === canon);
      if (slot < 0)
        slot =
          this.counters.push({
            canon,
            fn,
            events,
            windowMs: w.value,
            keyCode: keyCode(observedParts),
            whereCode: where ? where.code : 'true',
            valueCode,
            pos: e.pos,
          }) - 1;
      this.scope = outer;
      const read = `C[S[${slot}]]`;
      const code = fn === 'rate' ? `(${read} / ${w.value / 60_000})` : read;
      this.readKeys[slot] = keyCode(keyParts.map((k) => k.read));
      return this.node(e, { type: 'number', code, cost: 1 });
    } finally {
      this.scope = outer;
    }
  }

  /** Reading keys per counter slot, in the strategy's own scope (filled by counter()). */
  readonly readKeys: string[] = [];

  private eventSelection(arg: Expr): EventType[] | null {
    const items = arg.k === 'list' ? arg.items : [arg];
    const out: EventType[] = [];
    for (const item of items) {
      const name = item.k === 'path' ? item.parts.join('.') : item.k === 'string' ? item.value : null;
      if (name === 'any') return [...EVENT_TYPES];
      if (!name || !(EVENT_TYPES as string[]).includes(name)) {
        this.error(item.pos, `expected an event type to count (${EVENT_TYPES.join(', ')} or any)`);
        return null;
      }
      if (!out.includes(name as EventType)) out.push(name as EventType);
    }
    return out.length ? out : null;
  }

  private action(a: RuleAst['actions'][number], on: EventType[]): ResolvedAction | null {
    const verb = a.verb.value;
    if (!(ENFORCEMENT_VERBS as readonly string[]).includes(verb)) {
      this.error(a.verb.pos, `unknown action \`${verb}\`: one of ${ENFORCEMENT_VERBS.join(', ')}`);
      return null;
    }
    const out: ResolvedAction = { verb: verb as Verb, roles: {} };
    const types = on.length ? on : [];
    if (a.target) {
      const present = types.filter((t) => EVENT_SHAPES.get(t)!.roles.has(a.target!.value));
      if (!present.length) this.error(a.target.pos, `\`${a.target.value}\` is not part of ${types.join(', ') || 'these'} events`);
      for (const t of present) out.roles[t] = a.target.value;
    } else {
      const table = ACCOUNT_VERBS.has(verb) ? ACCOUNT_ROLE : ITEM_ROLE;
      for (const t of types) if (table[t]) out.roles[t] = table[t];
    }
    if (verb === 'interrupt')
      for (const [t, role] of Object.entries(out.roles)) {
        const shape = EVENT_SHAPES.get(t as EventType)!.roles.get(role)!;
        if (shape.entityType !== 'livestream' && shape.entityType !== 'target') this.error((a.target ?? a.verb).pos, `interrupt acts on a livestream; \`${role}\` of ${t} is a ${shape.entityType}`);
      }
    const needsText = { label: 'the label, e.g. label author "spam-ring"', unlabel: 'the label to remove', enqueue: 'the queue, e.g. enqueue "scam"', notify: 'the message for the platform' } as Record<string, string>;
    if (needsText[verb] && !a.text) this.error(a.verb.pos, `${verb} needs ${needsText[verb]}`);
    if (!needsText[verb] && a.text) this.error(a.text.pos, `${verb} takes no quoted word`);
    if (a.duration && verb !== 'suspend' && verb !== 'limit_reach' && verb !== 'demonetize') this.error(a.duration.pos, `${verb} takes no \`for\` duration`);
    if ((a.priority || a.reason) && verb !== 'enqueue' && a.priority) this.error(a.priority.pos, 'only enqueue takes a priority');
    if (a.priority && (a.priority.value < 0 || a.priority.value > 100)) this.error(a.priority.pos, 'priority is from 0 to 100');
    if (verb === 'enqueue' && a.text) {
      if (!this.context.queues.has(a.text.value)) this.error(a.text.pos, `unknown review queue \`${a.text.value}\``);
      out.queue = a.text.value;
    } else if ((verb === 'label' || verb === 'unlabel') && a.text) out.label = a.text.value;
    else if (verb === 'notify' && a.text) out.message = a.text.value;
    if (a.duration) out.durationMs = a.duration.value;
    if (a.priority) out.priority = a.priority.value;
    if (a.reason) out.reason = a.reason.value;
    if (types.length && !Object.keys(out.roles).length) this.error(a.verb.pos, `${verb} needs a role to act on here: write e.g. \`${verb} ${[...new Set(types.flatMap((t) => [...EVENT_SHAPES.get(t)!.roles.keys()]))][0] ?? 'author'}\``);
    return out;
  }
}

/** Where an expression starts in the source (a binary node's own position is its operator). */
function startOf(e: Expr): SourcePos {
  let x = e;
  while (x.k === 'binary') x = x.left;
  return x.pos.offset < e.pos.offset ? x.pos : e.pos;
}

function compatible(a: Type, b: Type) {
  return a === b || a === 'any' || b === 'any' || a === 'null' || b === 'null';
}

function convert(type: ValueType, raw: string) {
  switch (type) {
    case 'number':
      return `L.num(${raw})`;
    case 'time':
      return `L.time(${raw})`;
    case 'string':
      return `L.str(${raw})`;
    case 'bool':
      return `(${raw} === true)`;
    default:
      return raw;
  }
}
