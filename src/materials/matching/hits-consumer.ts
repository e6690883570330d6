// The materials step of the event path: every ingested event's items are checked against the current
// material set and each hit is stored (material, package version, item, span, test or not), exactly once
// per event even when the bus redelivers.
import { batchingHandler, type Bus, type Delivery, type Subscription } from '../../bus/index.js';
import type { MaterialHit, VigilEvent } from '../../domain/index.js';
import { EVENTS_TOPIC, type EventMessage } from '../../ingest/index.js';
import type { Db, Executor, Tx } from '../../store/schema.js';
import { DIHEDRAL_VARIANTS } from '../pdq/index.js';
import { checkedItemsOf } from './items.js';
import type { MaterialSet, MediaFacts } from './material-set.js';
import type { MaterialsService } from './service.js';

export const MATERIAL_HITS_CONSUMER = 'material-hits';

export async function mediaFactsOf(ex: Executor, sha256s: readonly string[]): Promise<Map<string, MediaFacts>> {
  if (!sha256s.length) return new Map();
  const rows = await ex.selectFrom('media').select(['sha256', 'md5', 'pdq', 'pdq_quality', 'pdq_dihedral', 'frame_pdq']).where('sha256', 'in', [...new Set(sha256s)]).execute();
  return new Map(rows.map((r) => [r.sha256, { ...r, pdq_dihedral: r.pdq_dihedral && Object.fromEntries(DIHEDRAL_VARIANTS.map((v, i) => [v, r.pdq_dihedral![i]])) }]));
}

export interface StoredEvent {
  seq: number;
  id: string;
  event_time: Date;
  language: string | null;
  body: VigilEvent;
}

/** The hits of a batch of stored events, as rows for material_hits. */
export async function hitRowsOf(ex: Executor, set: MaterialSet, events: readonly StoredEvent[]) {
  const checked = events.map((e) => ({ event: e, items: checkedItemsOf(e.body, e.language ?? undefined) }));
  const media = await mediaFactsOf(ex, checked.flatMap((c) => c.items.flatMap((i) => i.media.map((m) => m.sha256))));
  return checked.flatMap(({ event, items }) =>
    items.flatMap((item) =>
      set.checkItem(item, media).map((h: MaterialHit) => ({
        event_seq: event.seq,
        event_id: event.id,
        item_type: item.item.type,
        item_id: item.item.id,
        surface: item.surface,
        field: h.field,
        material_id: h.material_id,
        package_id: h.package_id,
        package_version: h.package_version,
        policy_id: h.policy_id,
        severity: h.severity,
        test: h.test,
        span_start: h.start ?? null,
        span_end: h.end ?? null,
        matched: h.matched ?? null,
        distance: h.distance ?? null,
        at: event.event_time,
      })),
    ),
  );
}

async function recordHits(tx: Tx, set: MaterialSet, deliveries: Delivery<EventMessage>[]): Promise<void> {
  const seqs = deliveries.map((d) => d.payload.seq);
  const events = (await tx.selectFrom('events').select(['seq', 'id', 'event_time', 'language', 'body']).where('seq', 'in', seqs).execute()) as StoredEvent[];
  const rows = await hitRowsOf(tx, set, events);
  for (let i = 0; i < rows.length; i += 1000) await tx.insertInto('material_hits').values(rows.slice(i, i + 1000)).execute();
}

export function startMaterialHits(deps: { db: Db; bus: Bus; clock: () => Date; materials: MaterialsService }): Subscription {
  const batched = batchingHandler<EventMessage>(deps.db, MATERIAL_HITS_CONSUMER, deps.clock, (tx, fresh) => recordHits(tx, deps.materials.ready!, fresh));
  return deps.bus.subscribe<EventMessage>({
    topic: EVENTS_TOPIC,
    group: MATERIAL_HITS_CONSUMER,
    concurrency: 256,
    // The first set is built before any transaction opens: building reads the store, and on the embedded
    // database a read waiting behind this consumer's own open transaction would never run.
    handler: async (delivery) => {
      await deps.materials.set();
      return batched(delivery);
    },
  });
}
