#!/usr/bin/env node
// `test-summary.mjs --reset` clears tmp/test-results/; without arguments it prints the closing line of
// `npm test`, summed over every jest run recorded there, and fails if nothing ran.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('../../tmp/test-results', import.meta.url).pathname;
if (process.argv.includes('--reset')) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.exit(0);
}
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
const total = { passed: 0, failed: 0, skipped: 0 };
for (const file of files) {
  const r = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  total.passed += r.passed;
  total.failed += r.failed;
  total.skipped += r.skipped;
}
console.log(`\n${files.length} jest runs recorded (projects replayed from the Nx cache are not counted).`);
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
if (total.passed === 0 || total.failed > 0) process.exit(1);
