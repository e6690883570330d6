// A small HTTP load generator run as its own process (so it does not share the server's event loop):
// `concurrency` keep-alive connections each POSTing bodies from a file in turn for `seconds`, then one
// JSON line with the request count, errors and latency percentiles.
import fs from 'node:fs';
import http from 'node:http';

const [url, bodiesFile, concurrencyArg, secondsArg, auth] = process.argv.slice(2);
const bodies: string[] = JSON.parse(fs.readFileSync(bodiesFile!, 'utf8'));
const concurrency = Number(concurrencyArg);
const seconds = Number(secondsArg);
const target = new URL(url!);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const latencies: number[] = [];
let errors = 0;
let next = 0;
const warmupUntil = performance.now() + 1000;
const until = warmupUntil + seconds * 1000;

function once(body: string): Promise<void> {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request(
      { agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(auth ? { authorization: `Bearer ${auth}` } : {}) } },
      (res) => {
        res.resume();
        res.on('end', () => {
          const done = performance.now();
          if (res.statusCode !== 200) errors++;
          else if (started >= warmupUntil && done <= until) latencies.push(done - started);
          resolve();
        });
      },
    );
    req.on('error', () => {
      errors++;
      resolve();
    });
    req.end(body);
  });
}

async function worker() {
  while (performance.now() < until) await once(bodies[next++ % bodies.length]!);
}

await Promise.all(Array.from({ length: concurrency }, worker));
latencies.sort((a, b) => a - b);
const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? NaN;
console.log(JSON.stringify({ requests: latencies.length, errors, seconds, per_s: latencies.length / seconds, p50_ms: at(0.5), p99_ms: at(0.99), max_ms: latencies.at(-1) ?? NaN }));
agent.destroy();
