// Same seed and config, same bytes: the file output is replayable and comparable across runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulateToFile } from './to-file.js';
import { readGroundTruth } from './ground-truth.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-sim-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const config = { seed: 42, accounts: 300, days: 1 / 12, badActorShare: 0.1 };

async function runTo(name: string, overrides: Partial<typeof config> = {}) {
  const out = path.join(dir, name, 'events.ndjson');
  const result = await simulateToFile({ out, config: { ...config, ...overrides } });
  return { ...result, bytes: fs.readFileSync(out), truth: fs.readFileSync(result.groundTruthPath), media: fs.readdirSync(result.mediaDirectory).sort() };
}

describe('simulateToFile', () => {
  it('writes byte-identical output for the same seed and config, and different output for another seed', async () => {
    const a = await runTo('a');
    const b = await runTo('b');
    const c = await runTo('c', { seed: 43 });
    expect(a.bytes.length).toBeGreaterThan(10_000);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(a.truth.equals(b.truth)).toBe(true);
    expect(a.media).toEqual(b.media);
    expect(a.bytes.equals(c.bytes)).toBe(false);
  });

  it('writes one event per line, media named by hash beside the file, ground truth apart', async () => {
    const run = await runTo('layout');
    const lines = run.bytes.toString('utf8').trimEnd().split('\n');
    expect(lines.length).toBe(run.stats.events);
    const events = lines.map((l) => JSON.parse(l));
    const imageHashes = new Set(events.flatMap((e) => (e.type === 'content.created' ? (e.content.media ?? []) : [])).filter((m: { kind: string }) => m.kind === 'image').map((m: { sha256: string }) => m.sha256));
    expect(imageHashes.size).toBeGreaterThan(0);
    for (const sha of imageHashes) expect(run.media).toContain(`${sha}.jpg`);
    expect(path.dirname(run.groundTruthPath)).toBe(path.dirname(run.eventsPath));
    const truth = await readGroundTruth(run.groundTruthPath);
    expect(truth[0].kind).toBe('run');
    expect(truth.at(-1)!.kind).toBe('summary');
    // Nothing of the ground truth leaks into the events.
    expect(run.bytes.toString('utf8')).not.toMatch(/"termSource"|"actor"|"violating"|"ring"|"evasion"/);
  });
});
