/**
 * `npm run -s windowing:conformance -- <vectors.json>`: one line per vector (`PASS <id>`, `FAIL <id>: <why>`,
 * `SKIP <id>: <why>`); exit code 1 on any FAIL (2 on a usage or file error).
 */
import { readFileSync } from 'node:fs';
import { formatOutcome, runVectorFile } from './run-vectors.js';

const file = process.argv.slice(2).find((a) => a !== '--');
if (!file) {
  console.error('usage: windowing:conformance <vectors.json>');
  process.exit(2);
}
let parsed: unknown;
try {
  parsed = JSON.parse(readFileSync(file, 'utf8'));
} catch (e) {
  console.error(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}
const outcomes = runVectorFile(parsed);
for (const o of outcomes) console.log(formatOutcome(o));
process.exit(outcomes.some((o) => o.status === 'FAIL') ? 1 : 0);
