// A tolerant tokenizer of the rule language for highlighting (src/strategies/language/lexer.ts is the
// real one): it never fails, so half-typed sources still colour; an unclosed string runs to the end of its
// line, an unknown character is plain text. Offsets index the JS string, as the server's problems do.

export type TokenClass = 'comment' | 'string' | 'number' | 'keyword' | 'operator-word' | 'literal' | 'function' | 'verb' | 'param' | 'event' | 'ident' | 'op' | 'text';

export interface HlToken {
  start: number;
  end: number;
  cls: TokenClass;
}

const KEYWORDS = new Set(['policy', 'severity', 'on', 'expires', 'description', 'let', 'rule', 'when', 'then', 'for', 'priority', 'reason']);
const OPERATOR_WORDS = new Set(['and', 'or', 'not', 'in']);
const LITERALS = new Set(['true', 'false', 'null']);
/** The enforcement verbs an action may start with (check.ts, ENFORCEMENT_VERBS). */
export const VERBS = new Set(['allow', 'block', 'remove', 'limit_reach', 'age_gate', 'demonetize', 'interrupt', 'suspend', 'strike', 'label', 'unlabel', 'enqueue', 'notify']);
/** The built-in functions (check.ts), for completion-free hints. */
export const FUNCTIONS = ['hits', 'signal', 'count', 'sum', 'distinct', 'rate', 'list', 'has_label', 'age', 'prior', 'lower', 'upper', 'length', 'contains', 'starts_with', 'ends_with', 'matches', 'abs', 'round', 'floor', 'ceil', 'min', 'max', 'hour', 'weekday', 'exists'];
const OPERATORS = ['==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '%', '(', ')', '[', ']', ',', ':', '.', '='];

const identStart = (c: string) => /[A-Za-z_]/.test(c);
const identPart = (c: string) => /[A-Za-z0-9_]/.test(c);
const digit = (c: string) => c >= '0' && c <= '9';

export function tokenizeForHighlight(src: string): HlToken[] {
  const out: HlToken[] = [];
  let i = 0;
  // Whether the last significant token was `then` or a comma after it: the next word is a verb.
  let inActions = false;
  let prevSignificant = '';
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
      continue;
    }
    const start = i;
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      out.push({ start, end: i, cls: 'comment' });
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      while (i < src.length && src[i] !== '\n') {
        if (src[i] === '\\') i += 2;
        else if (src[i++] === c) break;
      }
      i = Math.min(i, src.length);
      out.push({ start, end: i, cls: 'string' });
      prevSignificant = 'string';
      continue;
    }
    if (digit(c)) {
      while (digit(src[i] ?? '')) i++;
      if (src[i] === '.' && digit(src[i + 1] ?? '')) {
        i++;
        while (digit(src[i] ?? '')) i++;
      }
      while (identPart(src[i] ?? '')) i++;
      out.push({ start, end: i, cls: 'number' });
      prevSignificant = 'number';
      continue;
    }
    if (identStart(c)) {
      while (identPart(src[i] ?? '')) i++;
      const word = src.slice(start, i);
      let j = i;
      while (src[j] === ' ' || src[j] === '\t') j++;
      const next = src[j];
      let cls: TokenClass = 'ident';
      if (next === '(') cls = 'function';
      else if (next === ':' && src[j + 1] !== ':') cls = 'param';
      else if (KEYWORDS.has(word)) cls = 'keyword';
      else if (OPERATOR_WORDS.has(word)) cls = 'operator-word';
      else if (LITERALS.has(word)) cls = 'literal';
      else if (inActions && (prevSignificant === 'then' || prevSignificant === ',') && VERBS.has(word)) cls = 'verb';
      else if (word === 'event' && prevSignificant !== '.') cls = 'event';
      if (word === 'then') inActions = true;
      else if (word === 'rule' || word === 'let') inActions = false;
      out.push({ start, end: i, cls });
      prevSignificant = cls === 'keyword' ? word : 'ident';
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op) {
      i += op.length;
      out.push({ start, end: i, cls: 'op' });
      prevSignificant = op;
      continue;
    }
    i++;
    out.push({ start, end: i, cls: 'text' });
  }
  return out;
}

/** The extent to underline for a problem: the token (or field path) starting at its offset, or one character. */
export function problemExtent(src: string, tokens: HlToken[], offset: number): { start: number; end: number } {
  const i = tokens.findIndex((tk) => tk.start === offset);
  if (i >= 0) {
    // A field path (author.folowers) is underlined whole: the problem is usually its last part.
    let end = tokens[i]!.end;
    const word = (tk: HlToken | undefined) => tk && ['ident', 'event', 'keyword', 'verb', 'literal', 'operator-word'].includes(tk.cls);
    if (word(tokens[i])) {
      for (let k = i + 1; k + 1 < tokens.length; k += 2) {
        const dot = tokens[k]!;
        const next = tokens[k + 1]!;
        if (dot.start !== end || src[dot.start] !== '.' || dot.end !== dot.start + 1 || next.start !== dot.end || !word(next)) break;
        end = next.end;
      }
    }
    return { start: offset, end };
  }
  const inside = tokens.find((tk) => tk.start < offset && offset < tk.end);
  if (inside) return { start: offset, end: inside.end };
  return { start: offset, end: Math.min(src.length, offset + 1) };
}

/** JS string offset of a 1-based line and column. */
export function offsetOf(src: string, line: number, col: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = src.indexOf('\n', offset);
    if (nl < 0) return src.length;
    offset = nl + 1;
  }
  return Math.min(src.length, offset + col - 1);
}
