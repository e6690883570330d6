// Canonical text of an expression: how the explainer labels a condition, and how equal counters and
// repeated conditions are recognised whatever their spacing.
import type { Expr } from './ast.js';

const PRECEDENCE: Record<string, number> = { or: 1, and: 2, '==': 4, '!=': 4, '<': 4, '<=': 4, '>': 4, '>=': 4, in: 4, 'not in': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };

export function printExpr(e: Expr, parent = 0): string {
  switch (e.k) {
    case 'number':
      return String(e.value);
    case 'duration':
      return e.text;
    case 'string':
      return JSON.stringify(e.value);
    case 'bool':
      return String(e.value);
    case 'null':
      return 'null';
    case 'list':
      return `[${e.items.map((i) => printExpr(i)).join(', ')}]`;
    case 'path':
      return e.parts.join('.');
    case 'call':
      return `${e.name}(${[...e.args.map((a) => printExpr(a)), ...e.named.map((n) => `${n.name}: ${printExpr(n.value)}`)].join(', ')})`;
    case 'not':
      return wrap(`not ${printExpr(e.arg, 3)}`, 3, parent);
    case 'neg':
      return `-${printExpr(e.arg, 7)}`;
    case 'binary': {
      const p = PRECEDENCE[e.op]!;
      return wrap(`${printExpr(e.left, p)} ${e.op} ${printExpr(e.right, p + 1)}`, p, parent);
    }
  }
}

const wrap = (text: string, own: number, parent: number) => (own < parent ? `(${text})` : text);
