// Where media bytes live. The interface is deliberately small (put/get/has/delete by key) so an object
// store such as S3 can sit beside the directory implementation without the service changing.
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export interface MediaStore {
  /** Writes `bytes` under `key` atomically: readers see the old value or the whole new one, never a part. */
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | undefined>;
  has(key: string): Promise<boolean>;
  /** Optional: not every store lets Vigil delete (e.g. write-once evidence buckets). */
  delete?(key: string): Promise<void>;
}

/** Used when no folder is configured; relative to the working directory at creation. */
export const DEFAULT_MEDIA_DIR = './.vigil/media';

/**
 * Keys are plain names (letters, digits, `.`, `_`, `-`), at least 4 long and starting with a letter or digit,
 * so a key can never climb out of the folder and always has a prefix to fan out by.
 */
const KEY_PATTERN = /^[0-9a-z][0-9a-z._-]{3,199}$/i;

export class InvalidMediaKeyError extends Error {}

function checkKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new InvalidMediaKeyError(`invalid media store key ${JSON.stringify(key)}`);
}

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Files under `root/ab/cd/<key>` for a key starting "abcd": content keys start with their hash, so the
 * two levels spread files evenly and keep every folder small (65,536 folders before any holds many files).
 */
export function createDirectoryMediaStore(root: string = DEFAULT_MEDIA_DIR): MediaStore & { readonly root: string; pathOf(key: string): string } {
  const base = path.resolve(root);
  const pathOf = (key: string) => {
    checkKey(key);
    return path.join(base, key.slice(0, 2).toLowerCase(), key.slice(2, 4).toLowerCase(), key);
  };

  return {
    root: base,
    pathOf,

    async put(key, bytes) {
      const target = pathOf(key);
      const dir = path.dirname(target);
      await fs.mkdir(dir, { recursive: true });
      // Written and flushed under a unique temporary name, then renamed: a crash leaves either no file
      // or the complete one, and concurrent writers of the same key cannot interleave their bytes.
      const temp = path.join(dir, `.${key}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        const file = await fs.open(temp, 'wx');
        try {
          await file.writeFile(bytes);
          await file.sync();
        } finally {
          await file.close();
        }
        await fs.rename(temp, target);
      } catch (err) {
        await fs.rm(temp, { force: true });
        throw err;
      }
      await syncDirectory(dir);
    },

    async get(key) {
      try {
        return await fs.readFile(pathOf(key));
      } catch (err) {
        if (isMissing(err)) return undefined;
        throw err;
      }
    },

    async has(key) {
      try {
        return (await fs.stat(pathOf(key))).isFile();
      } catch (err) {
        if (isMissing(err)) return false;
        throw err;
      }
    },

    async delete(key) {
      await fs.rm(pathOf(key), { force: true });
    },
  };
}

/** Makes the rename itself durable. Best effort: some platforms and filesystems cannot fsync a folder. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Not supported here (e.g. Windows); the file itself was already flushed.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
