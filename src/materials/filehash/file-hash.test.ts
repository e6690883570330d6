// File hash normalisation against digests computed here, so the lengths are the algorithms' real ones.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normaliseFileHash } from './index.js';

const digest = (algorithm: 'md5' | 'sha256') => createHash(algorithm).update('vigil').digest('hex');

describe('normaliseFileHash', () => {
  it.each(['md5', 'sha256'] as const)('recognises a %s digest, in any case and with surrounding space', (algorithm) => {
    const hex = digest(algorithm);
    expect(normaliseFileHash(`  ${hex.toUpperCase()}\n`)).toEqual({ ok: true, value: hex, algorithm });
  });

  it('says what is wrong with anything else', () => {
    expect(normaliseFileHash(createHash('sha1').update('vigil').digest('hex'))).toEqual({ ok: false, message: expect.stringContaining('this one has 40') });
    expect(normaliseFileHash('')).toEqual({ ok: false, message: expect.stringContaining('this one has 0') });
    expect(normaliseFileHash(digest('md5').replace(/^./, 'g'))).toEqual({ ok: false, message: expect.stringContaining('found "g"') });
    expect(normaliseFileHash(`sha256:${digest('sha256')}`)).toEqual({ ok: false, message: expect.stringContaining('found "s"') });
  });
});
