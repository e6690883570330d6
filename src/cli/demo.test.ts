import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestVigil, type TestVigil } from '../../test/support/app.js';
import { describeEachBackend } from '../../test/support/db.js';
import { tryText } from '../materials/index.js';
import { DEMO_PACKAGE_ID, demoTermList } from '../simulate/index.js';
import { DEMO_STRATEGIES, seedDemoPackage, seedDemoStrategies } from './demo.js';

describeEachBackend('the demo material package', (backend) => {
  let vigil: TestVigil;
  beforeAll(async () => {
    vigil = await startTestVigil(backend);
  });
  afterAll(() => vigil?.close());

  it('holds every known term of the simulator once, active, and is seeded only once', async () => {
    await seedDemoPackage(vigil);
    const distinct = new Set(demoTermList().map((t) => t.term));
    const pkg = (await vigil.request('GET', `/v1/packages/${DEMO_PACKAGE_ID}`)).json;
    expect(pkg).toMatchObject({ material_count: distinct.size, active_count: distinct.size });
    await seedDemoPackage(vigil);
    expect((await vigil.request('GET', `/v1/packages/${DEMO_PACKAGE_ID}`)).json.version).toBe(pkg.version);
    // A term the simulator writes in two languages is one material in both.
    const shared = demoTermList().filter((t) => t.term === 'sexting').map((t) => t.language).sort();
    const found = await vigil.request('GET', `/v1/packages/${DEMO_PACKAGE_ID}/materials?q=sexting`);
    expect(found.json.materials.map((m: { languages: string[] }) => [...m.languages].sort())).toEqual([shared]);
    const set = await vigil.services.materials.set();
    expect(tryText(set, { text: 'get a guaranteed   PROFIT now', language: 'en' }).hits.map((h) => h.value)).toEqual(['guaranteed profit']);
  });
});

describeEachBackend('the demo strategies', (backend) => {
  let vigil: TestVigil;
  beforeAll(async () => {
    vigil = await startTestVigil(backend);
  });
  afterAll(() => vigil?.close());

  it('compile against the demo package and the default catalogue, run in their states, and are seeded once', async () => {
    await seedDemoPackage(vigil);
    await seedDemoStrategies(vigil);
    const list = (await vigil.request('GET', '/v1/strategies')).json.strategies as { id: string; live_version: number | null; candidate: { state: string } | null }[];
    expect(list.map((s) => [s.id, s.live_version ? 'live' : s.candidate?.state]).sort()).toEqual(DEMO_STRATEGIES.map((s) => [s.id, s.state]).sort());
    await seedDemoStrategies(vigil);
    expect((await vigil.request('GET', '/v1/strategies/hate-terms')).json.latest_version).toBe(1);
    expect((await vigil.services.strategies.set()).versions).toHaveLength(DEMO_STRATEGIES.length);
  });
});
