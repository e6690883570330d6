// Recursive-descent parser: source text to StrategyAst, stopping at the first syntax error with its position.
//
//   strategy := header* (let | rule)*
//   header   := 'policy' ident | 'severity' number | 'on' eventType (',' eventType)* | 'expires' string | 'description' string
//   let      := 'let' ident '=' expr
//   rule     := 'rule' (string | ident) ['when' expr] 'then' action (',' action)*
//   action   := verb [role] [string] ('for' duration | 'priority' number | 'reason' string)*
//   expr     := or;  or := and ('or' and)*;  and := not ('and' not)*;  not := 'not' not | cmp
//   cmp      := sum [('=='|'!='|'<'|'<='|'>'|'>='|'in'|'not' 'in') sum]
//   sum      := product (('+'|'-') product)*;  product := unary (('*'|'/'|'%') unary)*;  unary := '-' unary | primary
//   primary  := number | duration | string | 'true' | 'false' | 'null' | '[' [expr (',' expr)*] ']' | '(' expr ')'
//             | ident ('.' ident)* | ident '(' [arg (',' arg)*] ')'      arg := [ident ':'] expr
import type { ActionAst, BinaryOp, Expr, LetAst, Located, NamedArg, RuleAst, StrategyAst } from './ast.js';
import { StrategySyntaxError, type SourcePos } from './errors.js';
import { tokenize, type Token } from './lexer.js';

export const KEYWORDS = new Set(['policy', 'severity', 'on', 'expires', 'description', 'let', 'rule', 'when', 'then', 'and', 'or', 'not', 'in', 'true', 'false', 'null', 'for', 'priority', 'reason']);
const ACTION_PARAMS = new Set(['for', 'priority', 'reason']);
const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);
const MAX_DEPTH = 200;
const MAX_CHAIN = 500;

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private get peek(): Token {
    return this.tokens[this.i]!;
  }
  private next(): Token {
    const t = this.tokens[this.i]!;
    if (t.kind !== 'eof') this.i++;
    return t;
  }
  private at(text: string, kind: Token['kind'] = 'ident'): boolean {
    const t = this.peek;
    return t.kind === kind && t.text === text;
  }
  private atOp(text: string) {
    return this.at(text, 'op');
  }
  private fail(t: Token, message: string): never {
    throw new StrategySyntaxError({ line: t.line, col: t.col, offset: t.offset, level: 'error', message });
  }
  private describe(t: Token) {
    return t.kind === 'eof' ? 'the end of the strategy' : `\`${t.text}\``;
  }
  private expectOp(text: string, what: string) {
    if (!this.atOp(text)) this.fail(this.peek, `expected \`${text}\` ${what}, found ${this.describe(this.peek)}`);
    this.next();
  }
  private ident(what: string): Located<string> {
    const t = this.peek;
    if (t.kind !== 'ident' || KEYWORDS.has(t.text)) this.fail(t, `expected ${what}, found ${this.describe(t)}`);
    this.next();
    return { value: t.text, pos: pos(t) };
  }
  /** After a dot any word is a field name, keywords too (a report's `event.reason`). */
  private fieldName(): string {
    const t = this.peek;
    if (t.kind !== 'ident') this.fail(t, `expected a field name, found ${this.describe(t)}`);
    this.next();
    return t.text;
  }
  private string(what: string): Located<string> {
    const t = this.peek;
    if (t.kind !== 'string') this.fail(t, `expected ${what} in quotes, found ${this.describe(t)}`);
    this.next();
    return { value: t.value as string, pos: pos(t) };
  }
  private dotted(what: string): Located<string> {
    const first = this.ident(what);
    let value = first.value;
    while (this.atOp('.')) {
      this.next();
      value += '.' + this.ident(`the rest of ${what}`).value;
    }
    return { value, pos: first.pos };
  }

  strategy(): StrategyAst {
    const ast: StrategyAst = { on: [], lets: [], rules: [] };
    while (this.peek.kind !== 'eof') {
      const t = this.peek;
      if (t.kind !== 'ident') this.fail(t, `expected policy, severity, on, expires, description, let or rule, found ${this.describe(t)}`);
      switch (t.text) {
        case 'policy':
          this.next();
          if (ast.policy) this.fail(t, 'a strategy names one policy');
          ast.policy = this.dotted('a policy id');
          break;
        case 'severity': {
          this.next();
          if (ast.severity) this.fail(t, 'severity is given twice');
          const n = this.peek;
          if (n.kind !== 'number') this.fail(n, `expected a severity tier (1 is the most severe, 4 the least), found ${this.describe(n)}`);
          this.next();
          ast.severity = { value: n.value as number, pos: pos(n) };
          break;
        }
        case 'on':
          this.next();
          if (ast.on.length) this.fail(t, 'list every event type in one `on` line');
          ast.on.push(this.dotted('an event type'));
          while (this.atOp(',')) {
            this.next();
            ast.on.push(this.dotted('an event type'));
          }
          break;
        case 'expires':
          this.next();
          if (ast.expires) this.fail(t, 'expires is given twice');
          ast.expires = this.string('an expiry time such as "2026-12-31T00:00:00Z"');
          break;
        case 'description':
          this.next();
          ast.description = this.string('a description');
          break;
        case 'let':
          ast.lets.push(this.let());
          break;
        case 'rule':
          ast.rules.push(this.rule());
          break;
        default:
          this.fail(t, `expected policy, severity, on, expires, description, let or rule, found ${this.describe(t)}`);
      }
    }
    return ast;
  }

  private let(): LetAst {
    const start = this.next();
    const name = this.ident('a name for the value');
    this.expectOp('=', `after \`let ${name.value}\``);
    return { name: name.value, expr: this.expr(), pos: pos(start) };
  }

  private rule(): RuleAst {
    const start = this.next();
    const n = this.peek;
    let name: string;
    if (n.kind === 'string') name = (this.next().value as string) || '(unnamed)';
    else name = this.ident('a rule name (a word or a quoted phrase)').value;
    let when: Expr | undefined;
    if (this.at('when')) {
      this.next();
      when = this.expr();
    }
    if (!this.at('then')) this.fail(this.peek, `expected \`then\` and the rule's actions, found ${this.describe(this.peek)}`);
    this.next();
    const actions = [this.action()];
    while (this.atOp(',')) {
      this.next();
      actions.push(this.action());
    }
    return { name, when, actions, pos: pos(start) };
  }

  private action(): ActionAst {
    const verb = this.ident('an action such as remove, block, enqueue, label or suspend');
    const action: ActionAst = { verb, pos: verb.pos };
    for (;;) {
      const t = this.peek;
      if (t.kind === 'string') {
        if (action.text) this.fail(t, 'an action takes one quoted word (a label, a queue or a message)');
        action.text = this.string('a word');
      } else if (t.kind === 'ident' && ACTION_PARAMS.has(t.text)) {
        this.next();
        if (t.text === 'for') {
          const d = this.peek;
          if (d.kind !== 'duration') this.fail(d, `expected a duration such as 7d after \`for\`, found ${this.describe(d)}`);
          this.next();
          action.duration = { value: d.value as number, pos: pos(d) };
        } else if (t.text === 'priority') {
          const p = this.peek;
          if (p.kind !== 'number') this.fail(p, `expected a number after \`priority\`, found ${this.describe(p)}`);
          this.next();
          action.priority = { value: p.value as number, pos: pos(p) };
        } else action.reason = this.string('a reason');
      } else if (t.kind === 'ident' && !KEYWORDS.has(t.text) && !action.target && !action.text) {
        action.target = this.ident('a role');
      } else break;
    }
    return action;
  }

  expr(): Expr {
    if (++this.depth > MAX_DEPTH) this.fail(this.peek, `expression nested more than ${MAX_DEPTH} deep`);
    try {
      return this.or();
    } finally {
      this.depth--;
    }
  }
  private binaryChain(ops: readonly string[], sub: () => Expr, kind: Token['kind']): Expr {
    let left = sub();
    let length = 0;
    while (ops.includes(this.peek.text) && this.peek.kind === kind) {
      const t = this.next();
      if (++length > MAX_CHAIN) this.fail(t, `more than ${MAX_CHAIN} \`${t.text}\` in a row: split the expression with \`let\``);
      left = { k: 'binary', op: t.text as BinaryOp, left, right: sub(), pos: pos(t) };
    }
    return left;
  }
  private or(): Expr {
    return this.binaryChain(['or'], () => this.and(), 'ident');
  }
  private and(): Expr {
    return this.binaryChain(['and'], () => this.not(), 'ident');
  }
  private not(): Expr {
    if (this.at('not')) {
      const t = this.next();
      if (++this.depth > MAX_DEPTH) this.fail(t, `expression nested more than ${MAX_DEPTH} deep`);
      try {
        return { k: 'not', arg: this.not(), pos: pos(t) };
      } finally {
        this.depth--;
      }
    }
    return this.comparison();
  }
  private comparison(): Expr {
    const left = this.sum();
    const t = this.peek;
    let op: BinaryOp | undefined;
    if (t.kind === 'op' && COMPARISONS.has(t.text)) op = t.text as BinaryOp;
    else if (this.at('in')) op = 'in';
    else if (this.at('not') && this.tokens[this.i + 1]?.kind === 'ident' && this.tokens[this.i + 1]?.text === 'in') {
      this.next();
      op = 'not in';
    }
    if (!op) return left;
    this.next();
    const right = this.sum();
    const after = this.peek;
    if ((after.kind === 'op' && COMPARISONS.has(after.text)) || (after.kind === 'ident' && after.text === 'in')) this.fail(after, 'comparisons do not chain: write `a < b and b < c`');
    return { k: 'binary', op, left, right, pos: pos(t) };
  }
  private sum(): Expr {
    return this.binaryChain(['+', '-'], () => this.product(), 'op');
  }
  private product(): Expr {
    return this.binaryChain(['*', '/', '%'], () => this.unary(), 'op');
  }
  private unary(): Expr {
    if (this.atOp('-')) {
      const t = this.next();
      if (++this.depth > MAX_DEPTH) this.fail(t, `expression nested more than ${MAX_DEPTH} deep`);
      try {
        return { k: 'neg', arg: this.unary(), pos: pos(t) };
      } finally {
        this.depth--;
      }
    }
    return this.primary();
  }
  private primary(): Expr {
    const t = this.peek;
    switch (t.kind) {
      case 'number':
        this.next();
        return { k: 'number', value: t.value as number, pos: pos(t) };
      case 'duration':
        this.next();
        return { k: 'duration', value: t.value as number, text: t.text, pos: pos(t) };
      case 'string':
        this.next();
        return { k: 'string', value: t.value as string, pos: pos(t) };
      case 'op':
        if (t.text === '(') {
          this.next();
          const inner = this.expr();
          this.expectOp(')', 'to close the parenthesis');
          return inner;
        }
        if (t.text === '[') {
          this.next();
          const items: Expr[] = [];
          if (!this.atOp(']')) {
            items.push(this.expr());
            while (this.atOp(',')) {
              this.next();
              items.push(this.expr());
            }
          }
          this.expectOp(']', 'to close the list');
          return { k: 'list', items, pos: pos(t) };
        }
        break;
      case 'ident':
        if (t.text === 'true' || t.text === 'false') {
          this.next();
          return { k: 'bool', value: t.text === 'true', pos: pos(t) };
        }
        if (t.text === 'null') {
          this.next();
          return { k: 'null', pos: pos(t) };
        }
        if (KEYWORDS.has(t.text)) break;
        this.next();
        if (this.atOp('(')) return this.call(t);
        {
          const parts = [t.text];
          while (this.atOp('.')) {
            this.next();
            parts.push(this.fieldName());
          }
          return { k: 'path', parts, pos: pos(t) };
        }
    }
    return this.fail(t, `expected a value (a number, a duration, a quoted string, a field or a function call), found ${this.describe(t)}`);
  }
  private call(nameToken: Token): Expr {
    this.next();
    const args: Expr[] = [];
    const named: NamedArg[] = [];
    if (!this.atOp(')')) {
      do {
        if (this.atOp(',')) this.next();
        const t = this.peek;
        if (t.kind === 'ident' && this.tokens[this.i + 1]?.kind === 'op' && this.tokens[this.i + 1]?.text === ':') {
          this.next();
          this.next();
          if (named.some((n) => n.name === t.text)) this.fail(t, `\`${t.text}:\` is given twice`);
          named.push({ name: t.text, value: this.expr(), pos: pos(t) });
        } else {
          if (named.length) this.fail(t, 'positional arguments come before named ones (name: value)');
          args.push(this.expr());
        }
      } while (this.atOp(','));
    }
    this.expectOp(')', `to close the call of ${nameToken.text}`);
    return { k: 'call', name: nameToken.text, args, named, pos: pos(nameToken) };
  }
}

const pos = (t: Token): SourcePos => ({ line: t.line, col: t.col, offset: t.offset });

/** Parses a strategy source; throws StrategySyntaxError at the first error. */
export function parseStrategy(source: string): StrategyAst {
  return new Parser(tokenize(source)).strategy();
}
