/**
 * `npm run -s examples:check -- [--code] [package…]` type-checks the TSDoc `@example`s of the named packages
 * (all by default), prints every failing example (with its code after `--code`) and a summary table, and exits 1
 * when one fails.
 */
import { fileURLToPath } from 'node:url';
import { checkExamples, formatFailures, formatSummary } from './check-examples.js';

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const args = process.argv.slice(2);
const reports = checkExamples(
  root.replace(/\/$/, ''),
  args.filter((a) => a !== '--code'),
);
const failures = reports.flatMap((r) => r.failures);
if (failures.length > 0) console.log(`${formatFailures(failures, args.includes('--code'))}\n`);
console.log(formatSummary(reports));
process.exitCode = failures.length > 0 ? 1 : 0;
