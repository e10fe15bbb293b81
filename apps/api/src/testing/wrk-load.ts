// The native load generator of list.bench.ts: wrk (C, one thread), used when it is installed (`apt-get install wrk`).
// On a 2-core machine a Node load generator (autocannon) takes a large share of the CPU that PostgreSQL and the
// server under test need; wrk takes a fraction of it, so the figures describe the server rather than the client.
import { execFile, spawnSync } from 'node:child_process';
import type { LoadRequest, LoadResult } from './load-worker.js';

/**
 * `true` when a `wrk` binary is on the PATH.
 *
 * @example
 * ```ts
 * const loadgen = hasWrk() ? 'wrk' : 'autocannon';
 * ```
 */
export function hasWrk(): boolean {
  const probe = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  return probe.error === undefined && /wrk/i.test(`${probe.stdout}${probe.stderr}`);
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function toMs(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  if (!m) throw new Error(`wrk: cannot read the latency ${JSON.stringify(text)}`);
  return Number(m[1]) * (UNIT_MS[m[2] ?? 'ms'] ?? 1);
}

/**
 * Reads wrk's `--latency` report: requests/s, p50 and p99 in ms. Throws when wrk saw errors or non-2xx answers.
 *
 * @example
 * ```ts
 * parseWrkReport('     50%    9.10ms\n     99%   20.00ms\nRequests/sec:   2512.31\n') // { reqPerSec: 2512.31, p50: 9.1, p99: 20 }
 * ```
 */
export function parseWrkReport(report: string): LoadResult {
  const bad = /Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)/.exec(report);
  if (bad) throw new Error(`wrk: ${bad[0]}`);
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(report);
  const p50 = /^\s+50%\s+(\S+)/m.exec(report);
  const p99 = /^\s+99%\s+(\S+)/m.exec(report);
  if (!rps || !p50 || !p99) throw new Error(`wrk: unexpected report:\n${report}`);
  return { reqPerSec: Number(rps[1]), p50: toMs(p50[1] ?? ''), p99: toMs(p99[1] ?? '') };
}

/**
 * One wrk run of `seconds` over `connections` keep-alive connections (the request count follows from the duration).
 *
 * @example
 * ```ts
 * const { reqPerSec, p99 } = await wrkLoad({ port: 8000, path: '/orders?limit=50', amount: 0, connections: 50 }, 3);
 * ```
 */
export function wrkLoad(request: LoadRequest, seconds: number): Promise<LoadResult> {
  const url = `http://127.0.0.1:${request.port}${request.path}`;
  const args = ['-t1', `-c${request.connections}`, `-d${seconds}s`, '--latency', url];
  return new Promise((resolve, reject) => {
    execFile('wrk', args, { encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`wrk ${args.join(' ')} failed: ${stderr || err.message}`));
      try {
        resolve(parseWrkReport(stdout));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
}
