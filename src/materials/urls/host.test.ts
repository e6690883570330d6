// Host normalisation: one form for every way of writing the same host.
import { describe, expect, it } from 'vitest';
import { normaliseHost } from './index.js';

describe('normaliseHost', () => {
  it.each([
    ['Example.COM', 'example.com'],
    ['example.com.', 'example.com'],
    ['www.example.com', 'example.com'],
    ['WWW.Bücher.example.', 'xn--bcher-kva.example'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['пример.рф', 'xn--e1afmkfd.xn--p1ai'],
    ['ＥＸＡＭＰＬＥ．ｃｏｍ', 'example.com'],
    ['a_b.example.com', 'a_b.example.com'],
    ['1.2.3.4', '1.2.3.4'],
    // www stays when removing it would leave a bare public suffix.
    ['www.com', 'www.com'],
    ['www.co.uk', 'www.co.uk'],
  ])('%s becomes %s', (input, expected) => {
    expect(normaliseHost(input)).toBe(expected);
  });

  it.each(['', '.', 'exa mple.com', '-evil.com', 'evil-.com', 'a..b', 'ex!.com', 'xn--zz.com', `${'x'.repeat(64)}.com`, `${'a.'.repeat(127)}com`])(
    'refuses %j',
    (input) => {
      expect(normaliseHost(input)).toBeUndefined();
    },
  );
});
