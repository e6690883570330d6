// Not a benchmark: times POST /v1/decide's parts in-process (used while tuning; run from dist/bench/lib).
import { seedDemoPackage, seedDemoStrategies } from '../../src/cli/demo.js';
import { ingestBatch } from '../../src/ingest/index.js';
import { startVigil } from '../../src/server/index.js';
import { createSimulation, memorySink } from '../../src/simulate/index.js';
import { decideNow } from '../../src/strategies/index.js';

const sink = memorySink();
await createSimulation({ seed: 3, accounts: 500, days: 0.05, speed: 'max', images: false }).run({ sink, batchSize: 500 });
const vigil = await startVigil({ databaseUrl: process.argv[2], consoleDir: false });
await seedDemoPackage(vigil);
await seedDemoStrategies(vigil);
for (let i = 0; i < sink.events.length; i += 500) await ingestBatch(vigil.services, sink.events.slice(i, i + 500), new Date());
const asks = sink.events.filter((e) => e.type === 'comment').slice(0, 300);
const set = await vigil.services.strategies.set();
const materials = await vigil.services.materials.set();
for (const round of [1, 2]) {
  let t = performance.now();
  for (const e of asks) await decideNow(vigil.services.db, set, materials, vigil.services.counters, e, null);
  const direct = (performance.now() - t) / asks.length;
  t = performance.now();
  await Promise.all(Array.from({ length: 32 }, async (_, w) => {
    for (let i = w; i < asks.length * 5; i += 32) {
      const e = asks[i % asks.length]!;
      await fetch(`${vigil.url}/v1/decide`, { method: 'POST', headers: { authorization: `Bearer ${vigil.adminKey}`, 'content-type': 'application/json' }, body: JSON.stringify(e) }).then((r) => r.text());
    }
  }));
  const concurrent = (performance.now() - t) / (asks.length * 5);
  t = performance.now();
  for (const e of asks) await fetch(`${vigil.url}/v1/decide`, { method: 'POST', headers: { authorization: `Bearer ${vigil.adminKey}`, 'content-type': 'application/json' }, body: JSON.stringify(e) }).then((r) => r.text());
  const http = (performance.now() - t) / asks.length;
  console.log(`round ${round}: decideNow ${direct.toFixed(2)} ms, over HTTP ${http.toFixed(2)} ms, 32 at once ${(1000 / concurrent).toFixed(0)} req/s`);
}
await vigil.close();
