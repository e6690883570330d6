// Pattern validation: the messages an analyst sees when a pattern cannot be saved.
import { describe, expect, it } from 'vitest';
import { MAX_PATTERN_LENGTH, validatePattern } from './index.js';

const messageOf = (source: string) => {
  const result = validatePattern(source);
  if (result.ok) throw new Error(`expected ${JSON.stringify(source)} to be refused`);
  return result.message;
};

describe('validatePattern', () => {
  it.each(['scam', '\\bfree\\s+money\\b', '[0-9]{3}-[0-9]{4}', '(?i)crypto|bitcoin', 'ا+', '\\p{Han}+'])('accepts %s', (source) => {
    expect(validatePattern(source)).toEqual({ ok: true });
  });

  it('passes on the RE2 parse error', () => {
    expect(messageOf('(abc')).toContain('missing closing )');
    expect(messageOf('[z-a]')).toContain('invalid character class range');
    expect(messageOf('a{2,1}')).toContain('invalid repeat count');
  });

  it('says that lookaround and backreferences are not RE2', () => {
    expect(messageOf('(?<=\\$)\\d+')).toMatch(/Lookahead and lookbehind are not supported/);
    expect(messageOf('foo(?!bar)')).toMatch(/Lookahead and lookbehind are not supported/);
    expect(messageOf('(a)\\1')).toMatch(/Backreferences such as \\1 are not supported/);
  });

  it.each(['a*', 'x?', '\\b', 'foo|', '(?:)', '^', '$', '(a|b)*', '(?:\\s*)'])('refuses %s, which matches the empty string', (source) => {
    expect(messageOf(source)).toMatch(/empty string/);
  });

  it.each(['\\ba', 'a+', '^foo', 'a*b', '(?:\\s*x)'])('does not take %s for an empty-matching pattern', (source) => {
    expect(validatePattern(source).ok).toBe(true);
  });

  it('refuses an empty pattern and one over the length limit', () => {
    expect(messageOf('')).toMatch(/empty/);
    expect(validatePattern('a'.repeat(MAX_PATTERN_LENGTH)).ok).toBe(true);
    expect(messageOf('a'.repeat(MAX_PATTERN_LENGTH + 1))).toContain(`limit is ${MAX_PATTERN_LENGTH}`);
  });

  it('refuses a program too large to match quickly', () => {
    expect(messageOf('\\pL{1000}'.repeat(11))).toMatch(/too large/);
  });
});
