// The media capability: accepts bytes (checked, hashed, stored by content hash, thumbnailed) or bare
// references, and reads records, bytes and thumbnails back.
import { createHash } from 'node:crypto';
import type { Db } from '../store/schema.js';
import { analyseMedia } from './analyse.js';
import { InvalidMediaError } from './errors.js';
import { findVideoTools, type VideoTools } from './ffmpeg.js';
import { findMediaRow, findMediaRows, recordOf, saveReference, saveStoredMedia, type MediaRecord } from './records.js';
import { MEDIA_KINDS, type MediaKind } from './sniff.js';
import type { MediaStore } from './store.js';

/** Largest upload accepted. */
export const MAX_MEDIA_BYTES = 50 * 1024 * 1024;
const SHA256_PATTERN = /^[0-9a-f]{64}$/;
const MAX_URL_LENGTH = 2000;

export type ThumbnailVariant = 'blurred' | 'clear';

/** The short form the entity view lists. */
export interface MediaSummary {
  sha256: string;
  kind: string;
  mime: string | null;
  width: number | null;
  height: number | null;
  thumbnail: boolean;
}

export interface PutResult {
  media: MediaRecord;
  /** True when this call recorded something new: a new hash, or the bytes of what was only a reference. */
  created: boolean;
}

export interface MediaReference {
  url: string;
  sha256: string;
  kind: MediaKind;
}

export interface MediaService {
  /** Refuses empty bytes (InvalidMediaError) and unsupported or undecodable ones (UnsupportedMediaError) without storing anything. */
  putBytes(bytes: Buffer, declaredMime?: string): Promise<PutResult>;
  /** Records media known only by hash and URL (stored = false). Refuses a malformed hash, URL or kind. */
  putReference(reference: MediaReference): Promise<PutResult>;
  get(sha256: string): Promise<MediaRecord | undefined>;
  /** Summaries of the known media among `hashes`, in the given order; unknown hashes are left out. */
  describe(hashes: string[]): Promise<MediaSummary[]>;
  /** A JPEG thumbnail; undefined when the medium is unknown or has none. */
  thumbnail(sha256: string, variant: ThumbnailVariant): Promise<Buffer | undefined>;
  /** The original bytes; undefined when unknown or only referenced. */
  bytes(sha256: string): Promise<Buffer | undefined>;
}

export interface MediaServiceDeps {
  db: Db;
  store: MediaStore;
  clock: () => Date;
  /** ffmpeg/ffprobe; null means none (tests). Absent: the system's, found on first use. */
  videoTools?: VideoTools | null;
  /**
   * Perceptual fingerprints of new media (the materials capability's PDQ hashes), stored with its row so
   * banks can match it. Failing to fingerprint never fails the upload.
   */
  fingerprint?: (bytes: Buffer, kind: string) => Promise<MediaFingerprint | undefined>;
}

export interface MediaFingerprint {
  pdq?: string;
  pdq_quality?: number;
  pdq_dihedral?: string[];
  frame_pdq?: string[];
}

export const isSha256 = (value: string) => SHA256_PATTERN.test(value);

// Store keys: the original under its hash; thumbnails under a stem recorded in `thumbnail_key`. The stem
// carries a version so a changed thumbnail recipe can be written beside the old files, not over them.
const thumbnailStem = (sha256: string) => `${sha256}.t1`;
const thumbnailKey = (stem: string, variant: ThumbnailVariant) => `${stem}.${variant}.jpg`;

export function createMediaService(deps: MediaServiceDeps): MediaService {
  const { db, store, clock } = deps;
  const videoTools = () => (deps.videoTools === undefined ? findVideoTools() : Promise.resolve(deps.videoTools ?? undefined));

  return {
    async putBytes(bytes, declaredMime) {
      if (bytes.length === 0) throw new InvalidMediaError('the body is empty; send the media bytes');
      if (bytes.length > MAX_MEDIA_BYTES) throw new InvalidMediaError(`the media is ${bytes.length} bytes; at most ${MAX_MEDIA_BYTES} are accepted`);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const existing = await findMediaRow(db, sha256);
      // Same bytes again: nothing to do, unless the stored file went missing, which re-sending repairs.
      if (existing?.stored && (await store.has(sha256))) return { media: recordOf(existing), created: false };

      const analysis = await analyseMedia(bytes, declaredMime, await videoTools());
      // Files first, row last: a row never points at bytes that are not there. A crash in between leaves
      // only unreferenced files under content keys, which the next upload of the same bytes overwrites.
      await store.put(sha256, bytes);
      const stem = analysis.thumbnails ? thumbnailStem(sha256) : null;
      if (stem && analysis.thumbnails) {
        await store.put(thumbnailKey(stem, 'clear'), analysis.thumbnails.clear);
        await store.put(thumbnailKey(stem, 'blurred'), analysis.thumbnails.blurred);
      }
      const created = await saveStoredMedia(db, {
        sha256,
        md5: createHash('md5').update(bytes).digest('hex'),
        kind: analysis.kind,
        mime: analysis.mime,
        size_bytes: bytes.length,
        width: analysis.width,
        height: analysis.height,
        duration_s: analysis.durationS,
        source_url: null,
        stored: true,
        thumbnail_key: stem,
        created_at: clock(),
      });
      if (deps.fingerprint) {
        const fingerprint = await deps.fingerprint(bytes, analysis.kind).catch(() => undefined);
        if (fingerprint) await db.updateTable('media').set(fingerprint).where('sha256', '=', sha256).execute();
      }
      return { media: recordOf((await findMediaRow(db, sha256))!), created };
    },

    async putReference({ url, sha256, kind }) {
      checkReference(url, sha256, kind);
      const created = await saveReference(db, {
        sha256,
        md5: null,
        kind,
        mime: null,
        size_bytes: null,
        width: null,
        height: null,
        duration_s: null,
        source_url: url,
        stored: false,
        thumbnail_key: null,
        created_at: clock(),
      });
      return { media: recordOf((await findMediaRow(db, sha256))!), created };
    },

    async get(sha256) {
      if (!isSha256(sha256)) return undefined;
      const row = await findMediaRow(db, sha256);
      return row && recordOf(row);
    },

    async describe(hashes) {
      const wanted = [...new Set(hashes)].filter(isSha256);
      const byHash = new Map((await findMediaRows(db, wanted)).map((row) => [row.sha256, recordOf(row)]));
      return wanted.flatMap((sha256) => {
        const m = byHash.get(sha256);
        return m ? [{ sha256, kind: m.kind, mime: m.mime, width: m.width, height: m.height, thumbnail: m.thumbnail }] : [];
      });
    },

    async thumbnail(sha256, variant) {
      if (!isSha256(sha256)) return undefined;
      const row = await findMediaRow(db, sha256);
      return row?.thumbnail_key ? store.get(thumbnailKey(row.thumbnail_key, variant)) : undefined;
    },

    async bytes(sha256) {
      if (!isSha256(sha256)) return undefined;
      const row = await findMediaRow(db, sha256);
      return row?.stored ? store.get(sha256) : undefined;
    },
  };
}

function checkReference(url: unknown, sha256: unknown, kind: unknown): void {
  if (typeof sha256 !== 'string' || !isSha256(sha256)) throw new InvalidMediaError('sha256 must be 64 lower-case hexadecimal digits');
  if (typeof kind !== 'string' || !MEDIA_KINDS.includes(kind as MediaKind)) throw new InvalidMediaError(`kind must be one of ${MEDIA_KINDS.join(', ')}`);
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH) throw new InvalidMediaError(`url must be a string of at most ${MAX_URL_LENGTH} characters`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidMediaError(`url ${JSON.stringify(url)} is not an absolute URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new InvalidMediaError(`url must be http or https, not ${parsed.protocol.replace(':', '')}`);
}
