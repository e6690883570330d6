// Replaying an NDJSON file of events into Vigil: batches of at most 1,000 events and just under 1 MiB,
// each retried until acknowledged; a refused batch is reported with the file line of the bad event.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { VigilClient } from './http-client.js';
import { MAX_BATCH_BYTES, MAX_BATCH_EVENTS } from './validate.js';

export interface NdjsonProgress {
  lines: number;
  bytes: number;
  accepted: number;
  duplicates: number;
  rejectedBatches: number;
}

export interface RejectedBatch {
  firstLine: number;
  lastLine: number;
  /** The file line of the event the server named, when it named one. */
  line?: number;
  status: number;
  message: string;
}

export interface SendOptions {
  onProgress?: (p: NdjsonProgress) => void;
  onRejected?: (r: RejectedBatch) => void;
  /** Stop at the first refused batch (default) or go on with the next. */
  stopOnError?: boolean;
}

const SAFE_BYTES = MAX_BATCH_BYTES - 16 * 1024;

export class NdjsonLineError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    detail: string,
  ) {
    super(`line ${line}, column ${column}: ${detail}`);
  }
}

export async function sendNdjsonFile(client: VigilClient, file: string, options: SendOptions = {}): Promise<NdjsonProgress> {
  const progress: NdjsonProgress = { lines: 0, bytes: 0, accepted: 0, duplicates: 0, rejectedBatches: 0 };
  const input = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let batch: string[] = [];
  let batchLines: number[] = [];
  let batchBytes = 0;
  let stopped = false;

  const flush = async () => {
    if (!batch.length) return;
    const outcome = await client.postEvents(`{"events":[${batch.join(',')}]}`);
    if (outcome.ok) {
      progress.accepted += outcome.accepted;
      progress.duplicates += outcome.duplicates;
    } else {
      progress.rejectedBatches += 1;
      const index = /^event (\d+)/.exec(outcome.message)?.[1];
      options.onRejected?.({
        firstLine: batchLines[0],
        lastLine: batchLines[batchLines.length - 1],
        line: index !== undefined ? batchLines[Number(index)] : undefined,
        status: outcome.status,
        message: outcome.message,
      });
      if (options.stopOnError !== false) stopped = true;
    }
    batch = [];
    batchLines = [];
    batchBytes = 0;
    options.onProgress?.(progress);
  };

  let lineNo = 0;
  for await (const raw of input) {
    lineNo += 1;
    progress.lines = lineNo;
    progress.bytes += Buffer.byteLength(raw) + 1;
    const line = raw.trim();
    if (!line) continue;
    try {
      JSON.parse(line);
    } catch (err) {
      const pos = /position (\d+)/.exec((err as Error).message)?.[1];
      input.close();
      throw new NdjsonLineError(lineNo, pos ? Number(pos) + 1 : 1, `not valid JSON (${(err as Error).message})`);
    }
    const size = Buffer.byteLength(line) + 1;
    if (batch.length >= MAX_BATCH_EVENTS || batchBytes + size > SAFE_BYTES) await flush();
    if (stopped) break;
    batch.push(line);
    batchLines.push(lineNo);
    batchBytes += size;
  }
  if (!stopped) await flush();
  input.close();
  return progress;
}

const MIME_BY_EXT: Record<string, string> = {
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp', '.gif': 'image/gif',
  '.mp4': 'video/mp4', '.webm': 'video/webm', '.mp3': 'audio/mpeg', '.wav': 'audio/wav', '.ogg': 'audio/ogg',
};

/**
 * Uploads the media a simulator run wrote beside its file (`FILE.media/<sha256>.<ext>`), skipping what the
 * server already has, so the events that refer to it find it. Returns how many were uploaded and skipped.
 */
export async function uploadMediaBeside(client: VigilClient, file: string): Promise<{ uploaded: number; present: number }> {
  const dir = `${file}.media`;
  if (!fs.existsSync(dir)) return { uploaded: 0, present: 0 };
  let uploaded = 0;
  let present = 0;
  for (const name of fs.readdirSync(dir).sort()) {
    if (await client.hasMedia(path.parse(name).name)) {
      present += 1;
      continue;
    }
    await client.putMedia(fs.readFileSync(path.join(dir, name)), MIME_BY_EXT[path.extname(name).toLowerCase()] ?? 'application/octet-stream');
    uploaded += 1;
  }
  return { uploaded, present };
}
