import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from './process-control.js';
import { SERVICES, withDependencies } from './service-registry.js';
import { loadStackConfig, type ServiceName, type StackConfig } from './stack-config.js';
import { stackDown, stackUp } from './stack-runner.js';

/** What one jest run holds: the services it declared and the ones it started itself. */
interface Lease {
  readonly pid: number;
  readonly services: readonly ServiceName[];
  readonly started: readonly ServiceName[];
}

const leaseDir = (cfg: StackConfig) => join(cfg.stackDir, 'leases');
const leaseFile = (cfg: StackConfig) => join(leaseDir(cfg), `${process.pid}.json`);

function otherLiveLeases(cfg: StackConfig): Lease[] {
  let files: string[] = [];
  try {
    files = readdirSync(leaseDir(cfg));
  } catch {
    return [];
  }
  const out: Lease[] = [];
  for (const f of files) {
    try {
      const lease = JSON.parse(readFileSync(join(leaseDir(cfg), f), 'utf8')) as Lease;
      if (lease.pid !== process.pid && isAlive(lease.pid)) out.push(lease);
      else if (lease.pid !== process.pid) rmSync(join(leaseDir(cfg), f), { force: true });
    } catch {
      // half-written lease of a concurrent run: ignore
    }
  }
  return out;
}

/**
 * Builds a jest `globalSetup` that starts only `services` (plus dependencies), reusing running ones, and
 * exports their endpoints as env vars (ECOM_STACK_<SERVICE>_URL) to the test workers. Never skips: a service
 * that cannot start fails the run with its log tail.
 *
 * @example
 * ```ts
 * // libs/cdc/test/stack-setup.ts, referenced by jest.config.cjs `globalSetup`; it imports stackGlobalSetup
 * // from '../../../infra/stack/jest-global-setup.js'
 * export default stackGlobalSetup(['postgres', 'kafka', 'connect']);
 * ```
 */
export function stackGlobalSetup(services: readonly ServiceName[]): () => Promise<void> {
  return async () => {
    const cfg = loadStackConfig();
    const names = withDependencies(services);
    mkdirSync(leaseDir(cfg), { recursive: true });
    writeFileSync(leaseFile(cfg), JSON.stringify({ pid: process.pid, services: names, started: [] } satisfies Lease));
    const up = await stackUp(cfg, names, (line) => process.stderr.write(`[stack] ${line}\n`));
    const started = up.services.filter((s) => s.action === 'started').map((s) => s.service);
    writeFileSync(leaseFile(cfg), JSON.stringify({ pid: process.pid, services: names, started } satisfies Lease));
    for (const name of names) process.env[`ECOM_STACK_${name.toUpperCase()}_URL`] = SERVICES[name].endpoint(cfg);
  };
}

/**
 * jest `globalTeardown`: stops the services this run started, unless KEEP_STACK=1 or another live jest run
 * still declares them.
 *
 * @example
 * ```ts
 * // libs/cdc/test/stack-teardown.ts, which re-exports it:
 * // export { stackGlobalTeardown as default } from '../../../infra/stack/jest-global-setup.js';
 * export default stackGlobalTeardown;
 * ```
 */
export async function stackGlobalTeardown(): Promise<void> {
  const cfg = loadStackConfig();
  let mine: Lease | undefined;
  try {
    mine = JSON.parse(readFileSync(leaseFile(cfg), 'utf8')) as Lease;
  } catch {
    return;
  }
  rmSync(leaseFile(cfg), { force: true });
  if (process.env['KEEP_STACK'] === '1') return;
  const stillUsed = new Set(otherLiveLeases(cfg).flatMap((l) => l.services));
  const toStop = mine.started.filter((s) => !stillUsed.has(s));
  if (toStop.length) await stackDown(cfg, toStop, { log: (line) => process.stderr.write(`[stack] ${line}\n`) });
}
