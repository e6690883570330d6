// Checks an analyst's pattern on save: it must parse as RE2 syntax, be of bounded size, and not match
// the empty string. The messages are shown to the analyst, so they say what to change.
import { RE2JS, RE2JSException } from 're2js';
import { canMatchEmpty } from './empty-match.js';

export const MAX_PATTERN_LENGTH = 2_000;
/**
 * re2js's approximate cost measure. Matching time grows with it (`.{1000}.{1000}` is 2,002 and takes
 * ~70 ms over 100k characters), so very large programs are refused rather than slowing every check.
 */
export const MAX_PROGRAM_SIZE = 10_000;

export type PatternCheck = { ok: true } | { ok: false; message: string };

/** Compiles `source` as the matcher will, or says why it cannot be used. */
export function compileChecked(source: string, caseInsensitive = true): { ok: true; pattern: RE2JS } | { ok: false; message: string } {
  if (source.length === 0) return { ok: false, message: 'The pattern is empty.' };
  if (source.length > MAX_PATTERN_LENGTH) {
    return { ok: false, message: `The pattern is ${source.length} characters long; the limit is ${MAX_PATTERN_LENGTH}.` };
  }
  let pattern: RE2JS;
  try {
    pattern = RE2JS.compile(source, caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (error) {
    if (!(error instanceof RE2JSException)) throw error;
    return { ok: false, message: explain(source, error.message) };
  }
  if (pattern.programSize() > MAX_PROGRAM_SIZE) {
    return {
      ok: false,
      message: `The pattern is too large to match quickly (program size ${pattern.programSize()}, limit ${MAX_PROGRAM_SIZE}); use smaller repeat counts such as {1,50}.`,
    };
  }
  if (canMatchEmpty(pattern)) {
    return {
      ok: false,
      message: 'The pattern can match the empty string (as `a*`, `x?`, `\\b` or an empty alternative do), so every text would hit; require at least one character.',
    };
  }
  return { ok: true, pattern };
}

/** The check run when an analyst saves a pattern; `message` is written for them. */
export function validatePattern(source: string): PatternCheck {
  const checked = compileChecked(source);
  return checked.ok ? { ok: true } : checked;
}

const LOOKAROUND = /\(\?<?[=!]/;
const BACKREFERENCE = /\\[1-9]/;

/** re2js's parse error, plus a hint for the Perl features RE2 leaves out on purpose (they need backtracking). */
function explain(source: string, engineMessage: string): string {
  const message = `Not a valid RE2 pattern: ${engineMessage.replace(/^error parsing regexp: /, '')}.`;
  if (LOOKAROUND.test(source)) return `${message} Lookahead and lookbehind are not supported.`;
  if (BACKREFERENCE.test(source)) return `${message} Backreferences such as \\1 are not supported.`;
  return message;
}
