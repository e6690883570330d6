// Exact file hash materials: the hex digest of a known file, matched against the digest of uploads.
// The algorithm follows from the length, so analysts paste a hash as their tools print it.

export type FileHashAlgorithm = 'md5' | 'sha256';
export type NormalisedFileHash = { ok: true; value: string; algorithm: FileHashAlgorithm } | { ok: false; message: string };

const ALGORITHM_BY_LENGTH: Record<number, FileHashAlgorithm> = { 32: 'md5', 64: 'sha256' };
const HEX = /^[0-9a-f]*$/;

/** Lower-case hex; 32 digits are MD5, 64 are SHA-256. */
export function normaliseFileHash(input: string): NormalisedFileHash {
  const value = input.trim().toLowerCase();
  if (!HEX.test(value)) {
    const bad = [...value].find((char) => !/[0-9a-f]/.test(char));
    return { ok: false, message: `A file hash is hexadecimal (0-9, a-f); found "${bad}".` };
  }
  const algorithm = ALGORITHM_BY_LENGTH[value.length];
  if (algorithm === undefined) {
    return { ok: false, message: `A file hash has 32 hex digits (MD5) or 64 (SHA-256); this one has ${value.length}.` };
  }
  return { ok: true, value, algorithm };
}
