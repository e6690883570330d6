// Graceful shutdown loses nothing accepted: batches acknowledged before or during close() are all stored,
// and a batch that was refused or cut off is stored whole or not at all (so a re-send completes it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { startVigil } from '../src/server/index.js';
import { openDatabase } from '../src/store/database.js';
import { login } from './support/events.js';

it('acknowledged batches survive a shutdown that starts while batches are in flight', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-shutdown-'));
  try {
    const vigil = await startVigil({ port: 0, dataDir: dir, consoleDir: false });
    const batches = Array.from({ length: 30 }, () => Array.from({ length: 200 }, () => login()));
    const outcomes: ('acked' | 'refused')[] = new Array(batches.length);
    let firstAck!: () => void;
    const acked = new Promise<void>((r) => (firstAck = r));
    const sends = batches.map(async (events, i) => {
      try {
        const res = await fetch(`${vigil.url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${vigil.adminKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
        outcomes[i] = res.status === 200 ? 'acked' : 'refused';
        if (res.status === 200) firstAck();
        await res.body?.cancel();
      } catch {
        outcomes[i] = 'refused';
      }
    });
    await acked;
    await vigil.close();
    await Promise.all(sends);
    expect(outcomes.filter((o) => o === 'acked').length).toBeGreaterThan(0);

    const database = await openDatabase({ dataDir: path.join(dir, 'db') });
    try {
      const stored = new Set((await database.db.selectFrom('events').select('id').execute()).map((r) => r.id));
      batches.forEach((events, i) => {
        const present = events.filter((e) => stored.has(e.id)).length;
        if (outcomes[i] === 'acked') expect(present, `acknowledged batch ${i}`).toBe(events.length);
        else expect([0, events.length], `refused batch ${i} is all or nothing`).toContain(present);
      });
    } finally {
      await database.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
