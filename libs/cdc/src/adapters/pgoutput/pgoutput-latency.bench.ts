/**
 * Built-in source, commit-to-sink latency (issue 5 §5: p99 ≤ 100 ms at 2 K changes/s) against the REAL stack
 * PostgreSQL. A writer commits 20-row transactions every 10 ms (2 000 changes/s) for `CDC_LATENCY_SECONDS`
 * (default 3) per round; the sink measures arrival time minus `source.ts_us` (the commit time; same host clock).
 * The writer commits with `synchronous_commit = on` (the stack's default is off, which delays decoding by up to
 * wal_writer_delay). Run with `npm run bench -- pgoutput-latency`.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { runSuite } from '../../../../../tools/bench/harness.js';
import { createPgoutputSource } from './pgoutput-source.js';

const repoRoot = resolve(import.meta.dirname, '../../../../..');
const URL = `postgres://postgres@127.0.0.1:${process.env['ECOM_STACK_POSTGRES_PORT'] ?? '55432'}/ecom`;
const SECONDS = Number(process.env['CDC_LATENCY_SECONDS'] ?? 3);
const BATCH = 20;
const INTERVAL_MS = 10;
const RUN = `bench_${process.pid}_${Date.now().toString(36)}`.toLowerCase();

execFileSync('npm', ['run', '-s', 'stack', '--', 'up', '--only', 'postgres'], {
  cwd: repoRoot,
  stdio: 'inherit',
});
const admin = new pg.Client({ connectionString: URL });
await admin.connect();
await admin.query(
  `CREATE TABLE ${RUN} (id bigint PRIMARY KEY, amount numeric(12,2) NOT NULL, note text, at timestamptz NOT NULL DEFAULT now())`,
);

let latencies: number[] = [];
const nowUs = () => Date.now() * 1000; // the wall clock, like the server's commit timestamp
const source = createPgoutputSource({
  driver: pg,
  connection: URL,
  slotName: RUN,
  publicationName: RUN,
  tables: [`public.${RUN}`],
});
const running = source.run(async (records) => {
  const arrived = nowUs();
  for (const r of records) {
    const m = r.value ? /"source":\{[^}]*?"ts_us":(\d+)/.exec(r.value) : null;
    if (m) latencies.push((arrived - Number(m[1])) / 1000);
  }
});

const writer = new pg.Client({ connectionString: URL });
await writer.connect();
// The stack runs with synchronous_commit=off: WAL then reaches disk (and logical decoding) only every
// wal_writer_delay (200 ms), which would be measured instead of the source. Commit synchronously here.
await writer.query('SET synchronous_commit = on');
let nextId = 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function round(): Promise<Record<string, number>> {
  latencies = [];
  const txns = Math.round((SECONDS * 1000) / INTERVAL_MS);
  const t0 = performance.now();
  for (let k = 0; k < txns; k++) {
    const wait = t0 + k * INTERVAL_MS - performance.now();
    if (wait > 0) await sleep(wait);
    const from = nextId;
    nextId += BATCH;
    await writer.query(
      `INSERT INTO ${RUN} (id, amount, note) SELECT g, g % 100000 / 100.0, 'n' || g FROM generate_series($1::bigint, $2::bigint) g`,
      [from, from + BATCH - 1],
    );
  }
  const elapsed = (performance.now() - t0) / 1000;
  const until = performance.now() + 10_000;
  while (latencies.length < txns * BATCH && performance.now() < until) await sleep(10);
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    changes: latencies.length,
    offeredChangesPerSec: Math.round((txns * BATCH) / elapsed),
    p50Ms: Number(percentile(sorted, 50).toFixed(2)),
    p99Ms: Number(percentile(sorted, 99).toFixed(2)),
    maxMs: Number((sorted[sorted.length - 1] ?? NaN).toFixed(2)),
  };
}

try {
  const results = await runSuite(
    'cdc-pgoutput-latency',
    [{ name: 'commit-to-sink @2k changes/s', ops: (SECONDS * 1000 * BATCH) / INTERVAL_MS, run: round }],
    { rounds: 3, warmup: 1 },
  );
  const m = results[0]?.metrics ?? {};
  console.log(`p99 ${m['p99Ms']} ms (goal ≤ 100 ms) at ${m['offeredChangesPerSec']} changes/s offered`);
} finally {
  await source.stop();
  await running.catch(() => undefined);
  await writer.end();
  await admin
    .query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1', [RUN])
    .catch(() => undefined);
  await admin.query(`DROP PUBLICATION IF EXISTS ${RUN}`);
  await admin.query(`DROP TABLE IF EXISTS ${RUN}`);
  await admin.end();
}
