// Writes a replayable event file: one event per line, media bytes beside it in <out>.media/ named by
// their SHA-256, so a later `POST /v1/media` + `POST /v1/events` replay reproduces the run.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { VigilEvent } from '../../domain/index.js';
import type { EventSink, MediaKind } from './sink.js';

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
};

export function mediaDirectoryFor(eventsPath: string): string {
  return `${eventsPath}.media`;
}

export function mediaFileName(sha256: string, mime: string): string {
  return `${sha256}.${EXTENSIONS[mime] ?? 'bin'}`;
}

export function ndjsonFileSink(eventsPath: string): EventSink {
  fs.mkdirSync(path.dirname(path.resolve(eventsPath)), { recursive: true });
  const mediaDir = mediaDirectoryFor(eventsPath);
  fs.rmSync(mediaDir, { recursive: true, force: true });
  const stream = fs.createWriteStream(eventsPath, { flags: 'w' });
  let failure: Error | undefined;
  stream.on('error', (err) => (failure = err));
  let mediaDirMade = false;

  const write = (chunk: string) =>
    new Promise<void>((resolve, reject) => {
      if (failure) return reject(failure);
      // Wait for 'drain' when the buffer is full, so a fast simulation cannot outrun the disk.
      if (stream.write(chunk)) resolve();
      else stream.once('drain', () => (failure ? reject(failure) : resolve()));
    });

  return {
    async putMedia(bytes: Buffer, _kind: MediaKind, mime: string) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      if (!mediaDirMade) {
        await fs.promises.mkdir(mediaDir, { recursive: true });
        mediaDirMade = true;
      }
      try {
        await fs.promises.writeFile(path.join(mediaDir, mediaFileName(sha256, mime)), bytes, { flag: 'wx' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      return { sha256 };
    },
    async send(events: VigilEvent[]) {
      if (events.length === 0) return;
      await write(events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (failure) return reject(failure);
        stream.end(() => (failure ? reject(failure) : resolve()));
      }),
  };
}
