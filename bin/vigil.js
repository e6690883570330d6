#!/usr/bin/env -S node --max-semi-space-size=64
// The `vigil` command. Builds the compiled output on first use, then runs the CLI. A larger young
// generation (64 MB semi-spaces) lets a decision batch's short-lived objects die young: about 45% more
// events per core through the pipeline (BENCHMARKS.md, Pipeline).
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(new URL('../dist/src/cli/main.js', import.meta.url))) {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
}
await import('../dist/src/cli/main.js');
