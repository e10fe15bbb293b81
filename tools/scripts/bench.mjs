#!/usr/bin/env node
// Runs every *.bench.ts in libs/ and apps/ (each as its own process, through tsx) and reports where the
// results went. With no benchmark files it says so and exits 0. `npm run bench -- <filter>` runs only
// files whose path contains <filter>.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const filter = process.argv[2] ?? '';
const skip = new Set(['node_modules', 'dist', 'out-tsc', '.nx', 'coverage']);

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.name.endsWith('.bench.ts')) yield path;
  }
}

const files = ['libs', 'apps']
  .map((d) => join(root, d))
  .filter((d) => existsSync(d))
  .flatMap((d) => [...walk(d)])
  .filter((f) => f.includes(filter))
  .sort();
if (files.length === 0) {
  console.log('No benchmarks found (*.bench.ts under libs/ and apps/). Nothing to run.');
  process.exit(0);
}
let failed = 0;
for (const file of files) {
  console.log(`\n▶ ${relative(root, file)}`);
  const res = spawnSync(
    process.execPath,
    ['--expose-gc', '--conditions=@ecom/source', '--import', 'tsx', file],
    { cwd: root, stdio: 'inherit' },
  );
  if (res.status !== 0) failed++;
}
console.log(`\n${files.length - failed} benchmark file(s) ran, ${failed} failed. Results: bench/results/*.json`);
process.exit(failed ? 1 : 0);
