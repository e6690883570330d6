// Sends events to a running Vigil over HTTP with the ingest client: batches of at most 1000 events and
// under 1 MB, media first. The client retries until Vigil acknowledges, because a simulation must not
// silently lose events; any other 4xx is a bug in the simulator and fails at once.
import type { VigilEvent } from '../../domain/index.js';
import { HttpRejectedError, VigilClient, type HttpTransportOptions } from '../../ingest/index.js';
import type { EventSink, MediaKind } from './sink.js';

export const MAX_BATCH_EVENTS = 1000;
/** Strictly under Vigil's 1 MiB body limit, with room for the envelope. */
export const MAX_BATCH_BYTES = 1_000_000;

/** Splits events into batches Vigil accepts: at most 1000 events and MAX_BATCH_BYTES of body. */
export function splitIntoBatches(events: VigilEvent[], maxEvents = MAX_BATCH_EVENTS, maxBytes = MAX_BATCH_BYTES): string[] {
  const envelope = Buffer.byteLength('{"events":[]}');
  const bodies: string[] = [];
  let parts: string[] = [];
  let bytes = envelope;
  const flush = () => {
    if (parts.length) bodies.push(`{"events":[${parts.join(',')}]}`);
    parts = [];
    bytes = envelope;
  };
  for (const event of events) {
    const json = JSON.stringify(event);
    const size = Buffer.byteLength(json) + (parts.length ? 1 : 0);
    if (envelope + Buffer.byteLength(json) > maxBytes) throw new RangeError(`event ${event.id} alone is larger than a batch may be (${maxBytes} bytes)`);
    if (parts.length >= maxEvents || bytes + size > maxBytes) flush();
    parts.push(json);
    bytes += Buffer.byteLength(json) + (parts.length > 1 ? 1 : 0);
  }
  flush();
  return bodies;
}

export { HttpRejectedError, type HttpTransportOptions };

export function httpSink(options: HttpTransportOptions): EventSink {
  const client = new VigilClient(options);
  return {
    async putMedia(bytes: Buffer, _kind: MediaKind, mime: string) {
      return client.putMedia(new Uint8Array(bytes), mime);
    },
    async send(events: VigilEvent[]) {
      for (const body of splitIntoBatches(events)) {
        const outcome = await client.postEvents(body);
        if (!outcome.ok) throw new HttpRejectedError(`${options.baseUrl.replace(/\/+$/, '')}/v1/events`, outcome.status, outcome.message);
      }
    },
    async close() {},
  };
}
