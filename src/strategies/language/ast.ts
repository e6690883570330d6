// The strategy language's syntax tree, as the parser builds it and the checker, compiler and explainer read it.
import type { SourcePos } from './errors.js';

export type BinaryOp = 'or' | 'and' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | '+' | '-' | '*' | '/' | '%';

export type Expr =
  | { k: 'number'; value: number; pos: SourcePos }
  | { k: 'duration'; value: number; text: string; pos: SourcePos }
  | { k: 'string'; value: string; pos: SourcePos }
  | { k: 'bool'; value: boolean; pos: SourcePos }
  | { k: 'null'; pos: SourcePos }
  | { k: 'list'; items: Expr[]; pos: SourcePos }
  /** A name or a dotted path: a `let`, an event role (author.follower_count), `event.text`, an event type in a counter. */
  | { k: 'path'; parts: string[]; pos: SourcePos }
  | { k: 'call'; name: string; args: Expr[]; named: NamedArg[]; pos: SourcePos }
  | { k: 'not'; arg: Expr; pos: SourcePos }
  | { k: 'neg'; arg: Expr; pos: SourcePos }
  | { k: 'binary'; op: BinaryOp; left: Expr; right: Expr; pos: SourcePos };

export interface NamedArg {
  name: string;
  value: Expr;
  pos: SourcePos;
}

export interface Located<T> {
  value: T;
  pos: SourcePos;
}

export interface LetAst {
  name: string;
  expr: Expr;
  pos: SourcePos;
}

export interface ActionAst {
  verb: Located<string>;
  target?: Located<string>;
  /** The quoted word after the verb: a label, a queue id, a message. */
  text?: Located<string>;
  duration?: Located<number>;
  priority?: Located<number>;
  reason?: Located<string>;
  pos: SourcePos;
}

export interface RuleAst {
  name: string;
  /** Absent: the rule always applies (which makes every later rule unreachable). */
  when?: Expr;
  actions: ActionAst[];
  pos: SourcePos;
}

export interface StrategyAst {
  policy?: Located<string>;
  severity?: Located<number>;
  on: Located<string>[];
  expires?: Located<string>;
  description?: Located<string>;
  lets: LetAst[];
  rules: RuleAst[];
}
