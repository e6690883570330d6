// The strategy language's tokens. Durations (10m, 24h, 7d) are single tokens; `#` starts a comment.
import { StrategySyntaxError, type SourcePos } from './errors.js';

export type TokenKind = 'ident' | 'number' | 'duration' | 'string' | 'op' | 'eof';

export interface Token extends SourcePos {
  kind: TokenKind;
  text: string;
  /** number and duration (ms) tokens; the string's decoded value for string tokens. */
  value?: number | string;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const OPERATORS = ['==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '%', '(', ')', '[', ']', ',', ':', '.', '='];
const MAX_SOURCE_CHARS = 200_000;

const isIdentStart = (c: string) => /[A-Za-z_]/.test(c);
const isIdentPart = (c: string) => /[A-Za-z0-9_]/.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

export function tokenize(source: string): Token[] {
  if (source.length > MAX_SOURCE_CHARS) throw new StrategySyntaxError({ line: 1, col: 1, offset: 0, level: 'error', message: `a strategy source is at most ${MAX_SOURCE_CHARS} characters` });
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (at: number): SourcePos => ({ line, col: at - lineStart + 1, offset: at });
  const fail = (at: number, message: string): never => {
    throw new StrategySyntaxError({ ...pos(at), level: 'error', message });
  };
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    const start = i;
    if (isDigit(c)) {
      while (isDigit(source[i] ?? '')) i++;
      if (source[i] === '.' && isDigit(source[i + 1] ?? '')) {
        i++;
        while (isDigit(source[i] ?? '')) i++;
      }
      const number = Number(source.slice(start, i));
      let unit = '';
      while (isIdentPart(source[i] ?? '')) unit += source[i++];
      if (!unit) {
        tokens.push({ kind: 'number', text: source.slice(start, i), value: number, ...pos(start) });
        continue;
      }
      const factor = DURATION_UNITS[unit];
      if (factor === undefined) fail(start, `\`${source.slice(start, i)}\` is not a number or a duration: durations end in ms, s, m, h, d or w (e.g. 10m)`);
      tokens.push({ kind: 'duration', text: source.slice(start, i), value: number * factor!, ...pos(start) });
      continue;
    }
    if (isIdentStart(c)) {
      while (isIdentPart(source[i] ?? '')) i++;
      tokens.push({ kind: 'ident', text: source.slice(start, i), ...pos(start) });
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      let value = '';
      for (;;) {
        const d = source[i];
        if (d === undefined || d === '\n') fail(start, 'this string is not closed before the end of the line');
        i++;
        if (d === c) break;
        if (d === '\\') {
          const e = source[i++];
          if (e === 'n') value += '\n';
          else if (e === 't') value += '\t';
          else if (e === '\\' || e === '"' || e === "'") value += e;
          else fail(i - 2, `unknown escape \`\\${e ?? ''}\` in a string: use \\\\, \\", \\', \\n or \\t`);
        } else value += d;
      }
      tokens.push({ kind: 'string', text: source.slice(start, i), value, ...pos(start) });
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) fail(start, `unexpected character \`${c}\``);
    i += op!.length;
    tokens.push({ kind: 'op', text: op!, ...pos(start) });
  }
  tokens.push({ kind: 'eof', text: '', ...pos(i) });
  return tokens;
}
