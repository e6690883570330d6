// EU DSA statement-of-reasons categories (shared with the server from src/domain/dsa.ts, which has no
// imports) and the labels the console shows for them.

import { DSA_CATEGORIES } from '../../../src/domain/dsa';

export { DSA_CATEGORIES };

/** "STATEMENT_CATEGORY_SCAMS_AND_FRAUD" -> "Scams and fraud". */
export function dsaLabel(category: string): string {
  const words = category.replace(/^STATEMENT_CATEGORY_/, '').toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const SEVERITY_LABELS: Record<number, string> = {
  1: '1 (most severe)',
  2: '2 (severe)',
  3: '3 (moderate)',
  4: '4 (least severe)',
};
