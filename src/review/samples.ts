// Measurement samples: content drawn at random with a known probability, reviewed blind (a moderator
// cannot tell a sampled task from any other), so prevalence can be estimated without the bias of only
// ever reviewing what detection flagged. The draw is a seeded hash of the entity, so it is reproducible.
import { createHash } from 'node:crypto';
import type { Db } from '../store/schema.js';
import { raiseSignals } from './tasks.js';

export interface SampleRequest {
  policy: string;
  probability: number;
  since: Date;
  until: Date;
  seed: string;
  actor: string;
}

/** A uniform number in [0, 1) from the seed and the entity, the same on every run. */
export function sampleDraw(seed: string, type: string, id: string): number {
  const h = createHash('sha256').update(`${seed}\u0000${type}\u0000${id}`).digest();
  return h.readUInt32BE(0) / 2 ** 32;
}

export async function drawMeasurementSample(db: Db, request: SampleRequest, now: Date): Promise<{ population: number; drawn: number }> {
  let population = 0;
  let drawn = 0;
  let after = '';
  for (;;) {
    const page = await db
      .selectFrom('entities')
      .select(['id'])
      .where('type', '=', 'content')
      .where('first_seen', '>=', request.since)
      .where('first_seen', '<', request.until)
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (!page.length) break;
    after = page[page.length - 1]!.id;
    population += page.length;
    const chosen = page.filter((e) => sampleDraw(request.seed, 'content', e.id) < request.probability);
    if (chosen.length)
      await db.transaction().execute((tx) =>
        raiseSignals(
          tx,
          chosen.map((e) => ({ entity: { type: 'content' as const, id: e.id }, policy: request.policy, source: 'measurement' as const, actor: request.actor, sampleProbability: request.probability, details: { seed: request.seed } })),
          now,
        ),
      );
    drawn += chosen.length;
  }
  return { population, drawn };
}
