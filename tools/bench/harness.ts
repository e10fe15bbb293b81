/**
 * A tiny benchmark harness shared by every `*.bench.ts` file.
 *
 * Each case runs `warmup` untimed rounds and then `rounds` timed rounds; the table reports the median,
 * min and max round time, the median throughput (operations per second) and, when a case names a
 * `baseline`, the ratio of its median throughput to the baseline's (measured in the same run, on the same
 * input). Results go to `bench/results/<suite>.json`. Medians and ratios are what we quote: machines are
 * shared and noisy.
 *
 * @example
 * await runSuite('windowing', [
 *   { name: 'map-baseline', ops: 1e6, run: () => baseline(events) },
 *   { name: 'tumbling-sum', ops: 1e6, run: () => library(events), baseline: 'map-baseline' },
 * ]);
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';

export interface BenchCase {
  /** Unique case name within the suite. */
  name: string;
  /** Operations (events, rows, requests…) done by one call of `run`. */
  ops: number;
  /** One timed round. May return extra metrics (e.g. bytes per key) reported as-is. */
  run: () => unknown | Promise<unknown>;
  /** Name of another case in the same suite to compare throughput against. */
  baseline?: string;
  /** Called once before the warm-up rounds. */
  setup?: () => void | Promise<void>;
}

export interface BenchOptions {
  rounds?: number;
  warmup?: number;
}

export interface BenchResult {
  name: string;
  ops: number;
  rounds: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  opsPerSecMedian: number;
  ratioToBaseline?: number;
  baseline?: string;
  gcPauseMsTotal: number;
  gcPauseMsMax: number;
  metrics?: Record<string, number | string>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function watchGc(): { stop(): { total: number; max: number } } {
  const pauses: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push(entry.duration);
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop() {
      observer.disconnect();
      return { total: pauses.reduce((a, b) => a + b, 0), max: pauses.length ? Math.max(...pauses) : 0 };
    },
  };
}

/** Runs the cases, prints a table and writes `bench/results/<suite>.json`. */
export async function runSuite(suite: string, cases: BenchCase[], options: BenchOptions = {}): Promise<BenchResult[]> {
  const rounds = options.rounds ?? Number(process.env.BENCH_ROUNDS ?? 7);
  const warmup = options.warmup ?? Number(process.env.BENCH_WARMUP ?? 2);
  const results: BenchResult[] = [];
  for (const c of cases) {
    await c.setup?.();
    for (let i = 0; i < warmup; i++) await c.run();
    const times: number[] = [];
    let metrics: Record<string, number | string> | undefined;
    const gc = watchGc();
    for (let i = 0; i < rounds; i++) {
      const t0 = process.hrtime.bigint();
      const out = await c.run();
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (out && typeof out === 'object' && !Array.isArray(out)) metrics = out as Record<string, number | string>;
    }
    await new Promise((r) => setTimeout(r, 10));
    const pauses = gc.stop();
    const medianMs = median(times);
    results.push({
      name: c.name,
      ops: c.ops,
      rounds,
      medianMs,
      minMs: Math.min(...times),
      maxMs: Math.max(...times),
      opsPerSecMedian: c.ops / (medianMs / 1000),
      baseline: c.baseline,
      gcPauseMsTotal: pauses.total,
      gcPauseMsMax: pauses.max,
      metrics,
    });
  }
  for (const r of results) {
    if (!r.baseline) continue;
    const base = results.find((b) => b.name === r.baseline);
    if (!base) throw new Error(`bench case "${r.name}" names unknown baseline "${r.baseline}"`);
    r.ratioToBaseline = r.opsPerSecMedian / base.opsPerSecMedian;
  }
  printTable(suite, results);
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${suite}.json`);
  writeFileSync(
    file,
    JSON.stringify({ suite, node: process.version, date: new Date().toISOString(), rounds, results }, null, 2) + '\n',
  );
  console.log(`wrote ${file}`);
  return results;
}

function printTable(suite: string, results: BenchResult[]): void {
  console.log(`\n## ${suite}`);
  console.table(
    results.map((r) => ({
      case: r.name,
      'median ms': r.medianMs.toFixed(2),
      'ops/s (median)': Math.round(r.opsPerSecMedian).toLocaleString('en-US'),
      'x baseline': r.ratioToBaseline === undefined ? '' : r.ratioToBaseline.toFixed(2),
      'gc pause ms (total/max)': `${r.gcPauseMsTotal.toFixed(1)}/${r.gcPauseMsMax.toFixed(1)}`,
      ...(r.metrics ?? {}),
    })),
  );
}
