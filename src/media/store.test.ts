// The directory media store: round trips, fan-out layout, atomic replacement, and keys that cannot escape.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDirectoryMediaStore, DEFAULT_MEDIA_DIR, InvalidMediaKeyError } from './store.js';
import { filesUnder } from './test-fixtures.js';

describe('directory media store', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-store-test-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const key = 'ab12' + 'c'.repeat(60);

  it('returns what was put, and undefined / false for keys never put', async () => {
    const store = createDirectoryMediaStore(root);
    await store.put(key, Buffer.from('hello'));
    expect((await store.get(key))?.toString()).toBe('hello');
    expect(await store.has(key)).toBe(true);
    expect(await store.get('ffff0000')).toBeUndefined();
    expect(await store.has('ffff0000')).toBe(false);
  });

  it('fans files out into two levels of folders named by the key prefix', async () => {
    const store = createDirectoryMediaStore(root);
    await store.put(key, Buffer.from('x'));
    expect(await filesUnder(root)).toEqual([path.join('ab', '12', key)]);
  });

  it('leaves no temporary files behind, and a second put replaces the content whole', async () => {
    const store = createDirectoryMediaStore(root);
    await store.put(key, Buffer.alloc(100_000, 1));
    await Promise.all([store.put(key, Buffer.alloc(50_000, 2)), store.put(key, Buffer.alloc(50_000, 2))]);
    expect(await filesUnder(root)).toEqual([path.join('ab', '12', key)]);
    expect((await store.get(key))?.equals(Buffer.alloc(50_000, 2))).toBe(true);
  });

  it('deletes, and deleting a missing key is not an error', async () => {
    const store = createDirectoryMediaStore(root);
    await store.put(key, Buffer.from('x'));
    await store.delete!(key);
    await store.delete!(key);
    expect(await store.has(key)).toBe(false);
  });

  it('refuses keys that could leave the folder or have no prefix to fan out by, writing nothing', async () => {
    const store = createDirectoryMediaStore(root);
    for (const bad of ['../../etc/passwd', 'ab/cd', '.hidden', 'abc', '', 'a\0bcd']) {
      await expect(store.put(bad, Buffer.from('x')), bad).rejects.toThrow(InvalidMediaKeyError);
      await expect(store.get(bad), bad).rejects.toThrow(InvalidMediaKeyError);
    }
    expect(await filesUnder(root)).toEqual([]);
  });

  it('defaults to ./.vigil/media under the working directory', () => {
    expect(createDirectoryMediaStore().root).toBe(path.resolve(DEFAULT_MEDIA_DIR));
    expect(DEFAULT_MEDIA_DIR).toBe('./.vigil/media');
  });
});
