// Where a simulation's events go. Small on purpose: a file, an HTTP endpoint, or an in-process
// ingester only has to take media bytes (optional), take batches of events in order, and close.
import { createHash } from 'node:crypto';
import type { VigilEvent } from '../../domain/index.js';

export type MediaKind = 'image' | 'video' | 'audio';

export interface EventSink {
  /** Stores media bytes before the events that refer to them are sent; answers their SHA-256. */
  putMedia?(bytes: Buffer, kind: MediaKind, mime: string): Promise<{ sha256: string }>;
  /** Takes a batch of events, in order; resolves once they are accepted. */
  send(events: VigilEvent[]): Promise<void>;
  close(): Promise<void>;
}

/** Collects everything in memory: for tests and small in-process runs. */
export function memorySink(): EventSink & { events: VigilEvent[]; media: Map<string, { bytes: Buffer; kind: MediaKind; mime: string }>; closed: boolean } {
  const sink = {
    events: [] as VigilEvent[],
    media: new Map<string, { bytes: Buffer; kind: MediaKind; mime: string }>(),
    closed: false,
    async putMedia(bytes: Buffer, kind: MediaKind, mime: string) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      sink.media.set(sha256, { bytes, kind, mime });
      return { sha256 };
    },
    async send(events: VigilEvent[]) {
      for (const e of events) sink.events.push(e);
    },
    async close() {
      sink.closed = true;
    },
  };
  return sink;
}
