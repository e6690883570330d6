// The `media` table: one row per content hash, for stored bytes and for bare references alike.
import type { Insertable, Selectable } from 'kysely';
import type { Db, MediaTable } from '../store/schema.js';
import type { MediaKind } from './sniff.js';

export type MediaRow = Selectable<MediaTable>;

/** What Vigil knows about one medium; `thumbnail` says whether blurred and clear thumbnails exist. */
export interface MediaRecord {
  sha256: string;
  md5: string | null;
  kind: MediaKind;
  mime: string | null;
  size_bytes: number | null;
  width: number | null;
  height: number | null;
  duration_s: number | null;
  /** Where the medium was seen, for references (and kept when the bytes arrive later). */
  source_url: string | null;
  /** Whether the bytes themselves are held by Vigil (false for a reference). */
  stored: boolean;
  thumbnail: boolean;
  created_at: Date;
}

export const recordOf = (row: MediaRow): MediaRecord => ({
  sha256: row.sha256,
  md5: row.md5,
  kind: row.kind as MediaKind,
  mime: row.mime,
  size_bytes: row.size_bytes,
  width: row.width,
  height: row.height,
  duration_s: row.duration_s,
  source_url: row.source_url,
  stored: row.stored,
  thumbnail: row.thumbnail_key !== null,
  created_at: row.created_at,
});

export function findMediaRow(db: Db, sha256: string): Promise<MediaRow | undefined> {
  return db.selectFrom('media').selectAll().where('sha256', '=', sha256).executeTakeFirst();
}

export function findMediaRows(db: Db, hashes: string[]): Promise<MediaRow[]> {
  if (hashes.length === 0) return Promise.resolve([]);
  return db.selectFrom('media').selectAll().where('sha256', 'in', hashes).execute();
}

/**
 * Records stored bytes. A new hash is inserted; a reference (stored = false) is upgraded in place, keeping
 * its source URL and creation time; a row that already has its bytes is left alone.
 * Returns whether this call inserted or upgraded the row.
 */
export async function saveStoredMedia(db: Db, row: Insertable<MediaTable> & { stored: true }): Promise<boolean> {
  const { sha256: _key, source_url: _url, created_at: _created, ...facts } = row;
  const written = await db
    .insertInto('media')
    .values(row)
    .onConflict((oc) => oc.column('sha256').doUpdateSet(facts).where('media.stored', '=', false))
    .returning('sha256')
    .executeTakeFirst();
  return written !== undefined;
}

/** Records a reference unless the hash is already known (as bytes or as a reference); returns whether it was new. */
export async function saveReference(db: Db, row: Insertable<MediaTable> & { stored: false }): Promise<boolean> {
  const written = await db.insertInto('media').values(row).onConflict((oc) => oc.column('sha256').doNothing()).returning('sha256').executeTakeFirst();
  return written !== undefined;
}
