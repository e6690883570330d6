// The shortener list and its lookup.
import { describe, expect, it } from 'vitest';
import { isShortener, normaliseHost, SHORTENERS } from './index.js';

describe('shorteners', () => {
  it('lists each shortener once, already in normalised form', () => {
    expect(new Set(SHORTENERS).size).toBe(SHORTENERS.length);
    for (const host of SHORTENERS) expect(normaliseHost(host)).toBe(host);
  });

  it('recognises listed hosts however they are written', () => {
    expect(isShortener('bit.ly')).toBe(true);
    expect(isShortener('WWW.Bit.Ly.')).toBe(true);
    expect(isShortener('t.co')).toBe(true);
  });

  it('does not list first-party short hosts or lookalikes', () => {
    expect(isShortener('youtu.be')).toBe(false);
    expect(isShortener('notbit.ly')).toBe(false);
    expect(isShortener('bit.ly.evil.com')).toBe(false);
    expect(isShortener('not a host')).toBe(false);
  });
});
