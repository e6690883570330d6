// `vigil simulate`: the simulated platform into an NDJSON file (replayable with `vigil ingest`) or, live,
// into a running Vigil over HTTP with the closed loop through its action log.
import { createSimulation, httpActionSource, httpSink, simulateToFile, systemClock, groundTruthPathInDataDir } from '../simulate/index.js';
import { CliError, DEFAULT_PORT, readEnv } from './config.js';

export async function simulateCommand(opts: { out?: string; url?: string; key?: string; seed: string; accounts: string; days: string; speed?: string }) {
  const env = readEnv();
  const config = { seed: Number(opts.seed), accounts: Number(opts.accounts), days: Number(opts.days) };
  for (const [name, value] of Object.entries(config)) if (!Number.isFinite(value) || value <= 0) throw new CliError(`--${name} must be a positive number, not ${JSON.stringify((opts as Record<string, unknown>)[name])}`);
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  if (opts.out) {
    let last = 0;
    const result = await simulateToFile({
      out: opts.out,
      config,
      signal: controller.signal,
      onProgress: (p) => {
        if (Date.now() - last > 2_000) {
          last = Date.now();
          process.stderr.write(`\r  ${p.simulatedTime}  ${p.events.toLocaleString('en')} events `);
        }
      },
    });
    process.stderr.write('\n');
    console.log(`wrote ${result.stats.events.toLocaleString('en')} events to ${result.eventsPath} (media in ${result.mediaDirectory}); ground truth kept apart in ${result.groundTruthPath}`);
    return;
  }
  const baseUrl = (opts.url ?? env.url ?? `http://127.0.0.1:${DEFAULT_PORT}`).replace(/\/$/, '');
  const apiKey = opts.key ?? env.apiKey ?? env.adminKey;
  if (!apiKey) throw new CliError('no API key: pass --key or set VIGIL_API_KEY (a key with the ingest role), or use --out FILE');
  const speed = opts.speed ? Number(opts.speed) : 1;
  const simulation = createSimulation({ ...config, speed, start: new Date().toISOString(), idPrefix: `s${Date.now().toString(36)}` });
  const stats = await simulation.run({
    sink: httpSink({ baseUrl, apiKey }),
    actions: httpActionSource({ baseUrl, apiKey }),
    clock: systemClock(),
    groundTruthPath: groundTruthPathInDataDir(env.dataDir),
    signal: controller.signal,
  });
  console.log(`sent ${stats.events.toLocaleString('en')} events to ${baseUrl}`);
}
