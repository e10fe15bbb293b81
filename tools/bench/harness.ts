/**
 * A tiny benchmark harness shared by every `*.bench.ts` file.
 *
 * Each case runs `warmup` untimed rounds, then `rounds` timed rounds interleaved with the other cases; the
 * table reports the median, min and max round time, the median throughput (operations per second) and, when
 * a case names a `baseline`, the median over rounds of its throughput ratio to the baseline (measured in the
 * same rounds, on the same input). Results go to `bench/results/<suite>.json`. Medians and ratios are what
 * we quote: machines are shared and noisy.
 *
 * @example
 * await runSuite('windowing', [
 *   { name: 'map-baseline', ops: 1e6, run: () => baseline(events) },
 *   { name: 'tumbling-sum', ops: 1e6, run: () => library(events), baseline: 'map-baseline' },
 * ]);
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';

export interface BenchCase {
  /** Unique case name within the suite. */
  name: string;
  /** Operations (events, rows, requests…) done by one call of `run`. */
  ops: number;
  /** One timed round. May return extra metrics (e.g. bytes per key) reported as-is. */
  run: () => unknown | Promise<unknown>;
  /** Name of another case in the same suite to compare throughput against. */
  baseline?: string;
  /** Called once before this case's warm-up rounds. */
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

/** Records GC pauses with their start times, so each pause can be charged to the case that was running. */
function watchGc(): { stop(): { startTime: number; duration: number }[] } {
  const pauses: { startTime: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push({ startTime: entry.startTime, duration: entry.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop() {
      observer.disconnect();
      return pauses;
    },
  };
}

/**
 * Runs the cases, prints a table and writes `bench/results/<suite>.json`.
 *
 * @remarks
 * Rounds are interleaved: round 1 runs every case once, then round 2 runs every case once, and so on. A case's
 * ratio to its baseline is the median over rounds of the per-round ratio, so a burst of load from another process
 * on this shared machine hits a case and its baseline alike instead of skewing one of them.
 */
export async function runSuite(suite: string, cases: BenchCase[], options: BenchOptions = {}): Promise<BenchResult[]> {
  const rounds = options.rounds ?? Number(process.env.BENCH_ROUNDS ?? 7);
  const warmup = options.warmup ?? Number(process.env.BENCH_WARMUP ?? 2);
  for (const c of cases) {
    if (c.baseline && !cases.some((b) => b.name === c.baseline)) {
      throw new Error(`bench case "${c.name}" names unknown baseline "${c.baseline}"`);
    }
  }
  for (const c of cases) {
    await c.setup?.();
    for (let i = 0; i < warmup; i++) await c.run();
  }
  const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  const intervals = new Map<string, [number, number][]>(cases.map((c) => [c.name, []]));
  const metrics = new Map<string, Record<string, number | string>>();
  const gc = watchGc();
  for (let round = 0; round < rounds; round++) {
    for (const c of cases) {
      const start = performance.now();
      const t0 = process.hrtime.bigint();
      const out = await c.run();
      times.get(c.name)!.push(Number(process.hrtime.bigint() - t0) / 1e6);
      intervals.get(c.name)!.push([start, performance.now()]);
      if (out && typeof out === 'object' && !Array.isArray(out)) metrics.set(c.name, out as Record<string, number | string>);
    }
  }
  await new Promise((r) => setTimeout(r, 10));
  const pauses = gc.stop();
  const results = cases.map((c): BenchResult => {
    const ms = times.get(c.name)!;
    const mine = pauses.filter((p) => intervals.get(c.name)!.some(([a, b]) => p.startTime >= a && p.startTime <= b));
    const medianMs = median(ms);
    const result: BenchResult = {
      name: c.name,
      ops: c.ops,
      rounds,
      medianMs,
      minMs: Math.min(...ms),
      maxMs: Math.max(...ms),
      opsPerSecMedian: c.ops / (medianMs / 1000),
      baseline: c.baseline,
      gcPauseMsTotal: mine.reduce((sum, p) => sum + p.duration, 0),
      gcPauseMsMax: mine.length ? Math.max(...mine.map((p) => p.duration)) : 0,
      metrics: metrics.get(c.name),
    };
    if (c.baseline) {
      const base = cases.find((b) => b.name === c.baseline)!;
      const baseMs = times.get(base.name)!;
      result.ratioToBaseline = median(ms.map((t, i) => c.ops / t / (base.ops / baseMs[i])));
    }
    return result;
  });
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
