// Load-testing helpers of the API benchmarks (list.bench.ts, recommendations.bench.ts): server processes
// (testing/bench-server.ts), the load generator (wrk when installed, else autocannon in testing/load-worker.ts) over
// 50 loopback connections, and rounds that measure a subject and its baseline back to back.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { LoadRequest, LoadResult } from './load-worker.js';
import { hasWrk, wrkLoad } from './wrk-load.js';

/** Requests per autocannon run (wrk runs for BENCH_SECONDS instead). */
export const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 3_000);
const CONNECTIONS = 50;
/** pg pool size of the servers: 4 suits 2 cores (10 measured 10–15 % more PostgreSQL CPU per query, no gain). */
const POOL = process.env['BENCH_POOL'] ?? '4';
/** Extra node flags for the servers, e.g. BENCH_NODE_FLAGS=--max-semi-space-size=32 (default none). */
const NODE_FLAGS = (process.env['BENCH_NODE_FLAGS'] ?? '').split(' ').filter(Boolean);
const here = dirname(fileURLToPath(import.meta.url));
/** Load generator: wrk when installed (light on a 2-core box), else autocannon; BENCH_LOADGEN forces one. */
const LOADGEN = process.env['BENCH_LOADGEN'] ?? (hasWrk() ? 'wrk' : 'autocannon');
/** Seconds per wrk run (wrk runs for a duration; autocannon sends BENCH_REQUESTS requests). */
const WRK_SECONDS = Number(process.env['BENCH_SECONDS'] ?? 3);

/**
 * A running bench-server.ts process and its port.
 *
 * @example
 * ```ts
 * const server: Server = await startServer('api', { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/bench' });
 * ```
 */
export interface Server {
  child: ChildProcess;
  port: number;
}

/**
 * Starts testing/bench-server.ts in `mode` with extra environment; resolves with its port.
 *
 * @example
 * ```ts
 * const api = await startServer('api', { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/bench' });
 * await stopServer(api);
 * ```
 */
export async function startServer(mode: string, env: Record<string, string>): Promise<Server> {
  const child = spawn(
    process.execPath,
    [...NODE_FLAGS, '--conditions=@ecom/source', '--import', 'tsx', join(here, 'bench-server.ts'), mode],
    { env: { ...process.env, PG_POOL_MAX: POOL, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (!child.stdout) throw new Error(`${mode} server has no stdout`);
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${mode} server did not start in 30 s`)), 30_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${String(code)}`)));
  });
  return { child, port };
}

/**
 * Stops a bench server (SIGTERM) and waits for it to exit.
 *
 * @example
 * ```ts
 * declare const api: Server;
 * await stopServer(api);
 * ```
 */
export async function stopServer(server: Server | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

/** The load generator process (see testing/load-worker.ts); one for the whole run. */
function startLoadWorker(): ChildProcess {
  return fork(join(here, 'load-worker.ts'), [], {
    execArgv: ['--max-semi-space-size=64', '--conditions=@ecom/source', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

let worker: ChildProcess | undefined;

/**
 * Stops the load worker process, if one was started.
 *
 * @example
 * ```ts
 * stopLoadWorker();
 * ```
 */
export function stopLoadWorker(): void {
  worker?.kill();
  worker = undefined;
}

/**
 * One load run on `path` over 50 connections: wrk for BENCH_SECONDS, or REQUESTS requests from the autocannon worker.
 *
 * @example
 * ```ts
 * declare const api: Server;
 * const { reqPerSec, p99 } = await load(api.port, '/orders?limit=50');
 * ```
 */
export function load(port: number, path: string): Promise<LoadResult> {
  if (LOADGEN === 'wrk') return wrkLoad({ port, path, amount: 0, connections: CONNECTIONS }, WRK_SECONDS);
  const child = (worker ??= startLoadWorker());
  return new Promise((resolve, reject) => {
    child.once('message', (answer: LoadResult | { error: string }) =>
      'error' in answer ? reject(new Error(answer.error)) : resolve(answer),
    );
    child.send({ port, path, amount: REQUESTS, connections: CONNECTIONS } satisfies LoadRequest);
  });
}

/**
 * The median of some numbers (0 for none).
 *
 * @example
 * ```ts
 * median([3, 1, 2]); // 2
 * ```
 */
export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/**
 * One round = the baseline and the subject back to back on the same path (alternating which goes first). On a shared,
 * noisy machine the median of these per-round ratios is the figure to quote; the harness' own ratio compares medians
 * of cases measured at different times. Metrics are named after `labels` (default `api` and `bare`).
 *
 * @example
 * ```ts
 * declare const api: Server, baseline: Server;
 * const run = paired(baseline.port, api.port, '/orders?limit=50');
 * await run(); // { 'bare req/s': 2500, 'api req/s': 2100, 'api p50 ms': 9, 'api p99 ms': 20, ... }
 * ```
 */
export function paired(
  baselinePort: number,
  apiPort: number,
  path: string,
  labels: { readonly subject: string; readonly baseline: string } = { subject: 'api', baseline: 'bare' },
): () => Promise<Record<string, number | string>> {
  const ratios: number[] = [];
  const p99Ratios: number[] = [];
  const api: LoadResult[] = [];
  const bare: LoadResult[] = [];
  return async () => {
    const apiFirst = ratios.length % 2 === 1;
    const first = await load(apiFirst ? apiPort : baselinePort, path);
    const second = await load(apiFirst ? baselinePort : apiPort, path);
    const [a, b] = apiFirst ? [first, second] : [second, first];
    api.push(a);
    bare.push(b);
    ratios.push(a.reqPerSec / b.reqPerSec);
    p99Ratios.push(a.p99 / b.p99);
    const { subject: sl, baseline: bl } = labels;
    return {
      [`${bl} req/s`]: Math.round(median(bare.map((r) => r.reqPerSec))),
      [`${sl} req/s`]: Math.round(median(api.map((r) => r.reqPerSec))),
      [`${sl} p50 ms`]: median(api.map((r) => r.p50)),
      [`${sl} p99 ms`]: median(api.map((r) => r.p99)),
      [`${bl} p99 ms`]: median(bare.map((r) => r.p99)),
      [`${sl}/${bl} (median of pairs)`]: median(ratios).toFixed(2),
      [`${sl}/${bl} p99 (median of pairs)`]: median(p99Ratios).toFixed(2),
    };
  };
}
