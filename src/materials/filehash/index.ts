// File hash materials: exact MD5 or SHA-256 digests, normalised on save.
export { normaliseFileHash, type FileHashAlgorithm, type NormalisedFileHash } from './file-hash.js';
