import { debeziumSmoke } from './smoke/smoke-debezium.js';
import { kafkaSmoke } from './smoke/smoke-kafka.js';
import { pgSmoke } from './smoke/smoke-pg.js';
import { registrySmoke } from './smoke/smoke-registry.js';
import { s3Smoke } from './smoke/smoke-s3.js';
import type { SmokeCheck } from './smoke/smoke-check.js';
import { withTimeout } from './smoke/smoke-check.js';
import { trinoSmoke } from './smoke/smoke-trino.js';
import { loadStackConfig } from './stack-config.js';
import { StackError } from './stack-error.js';
import { stackDown, stackUp } from './stack-runner.js';

const CHECKS: readonly SmokeCheck[] = [pgSmoke, kafkaSmoke, registrySmoke, debeziumSmoke, s3Smoke, trinoSmoke];

async function main(): Promise<number> {
  const cfg = loadStackConfig();
  const t0 = Date.now();
  const up = await stackUp(cfg);
  const started = up.services.filter((s) => s.action === 'started').map((s) => s.service);
  console.log(`stack   ${String(Date.now() - t0).padStart(6)} ms  up (${started.length ? `started ${started.join(',')}` : 'all reused'})`);
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  let failed = 0;
  for (const c of CHECKS) {
    const s = Date.now();
    try {
      const what = await withTimeout(c.run(cfg, runId), 180_000, `${c.name} smoke`);
      console.log(`ok      ${c.name.padEnd(9)} ${String(Date.now() - s).padStart(6)} ms  ${what}`);
    } catch (err) {
      failed += 1;
      console.log(`FAIL    ${c.name.padEnd(9)} ${String(Date.now() - s).padStart(6)} ms  ${(err as Error).message}`);
    }
  }
  // `--down`: stop what the smoke run started itself (CI); otherwise leave the stack up for the next command.
  if (started.length && process.argv.includes('--down') && process.env['KEEP_STACK'] !== '1') await stackDown(cfg, started);
  console.log(`${CHECKS.length - failed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof StackError ? err.message : `[smoke] ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  },
);
