// Where ground truth is kept and that it round-trips.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { groundTruthPathBeside, groundTruthPathInDataDir, openGroundTruthFile, readGroundTruth, type GroundTruthRecord } from './ground-truth.js';

describe('ground truth storage', () => {
  it('lives beside the event file or under the data directory, never in the event file', () => {
    expect(groundTruthPathBeside('/tmp/run/events.ndjson')).toBe('/tmp/run/events.ground-truth.ndjson');
    expect(groundTruthPathInDataDir('/var/vigil')).toBe('/var/vigil/simulation/ground-truth.ndjson');
  });

  it('writes records as NDJSON and reads them back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-gt-'));
    const file = path.join(dir, 'nested', 'truth.ndjson');
    const records: GroundTruthRecord[] = [
      { kind: 'account', id: 'a1', accountKind: 'user', actor: 'spammer', ring: 'r1', registeredDuringRun: true },
      { kind: 'report', eventId: 'e9', reporter: 'a2', target: { type: 'content', id: 'c1' }, reason: 'hate', false: true },
    ];
    const writer = openGroundTruthFile(file);
    for (const r of records) writer.record(r);
    await writer.close();
    expect(await readGroundTruth(file)).toEqual(records);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
