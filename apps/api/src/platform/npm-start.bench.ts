/**
 * Time from `npm start` to the first revenue window on the dashboard (issue 16 §1: ≤ 90 s on a cold data folder,
 * ≤ 15 s warm; `npm run bench -- npm-start`). Each round starts the real platform (`PlatformProcess`, as the
 * acceptance spec does) and waits for the revenue job's first result in `job_results` that the dashboard shows
 * (an early result of the open window counts: the chart gains its point), then stops it. Cold: a fresh data folder
 * (initdb, migrations, catalogue, slots, the first simulated orders). Warm: the same folder again, waiting for a
 * revenue result written after the start. Baselines in the same run: the embedded PostgreSQL alone, cold (initdb
 * and start) and warm (start), so the ratio says what the platform adds to the database it cannot do without.
 * `BENCH_ROUNDS` (default 3). Results in bench/results/npm-start.json.
 */
import { chmodSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runSuite } from '../../../../tools/bench/harness.js';
import { PlatformProcess } from '../testing/platform-process.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

const folder = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `ecom-bench-${name}-`));
  chmodSync(dir, 0o755); // as root the server runs as the `postgres` user
  return dir;
};

/** Starts the platform on `dataDir` and resolves once a revenue result newer than the start exists. */
async function untilRevenue(dataDir: string): Promise<{ servingMs: number; firstWindowMs: number }> {
  const began = Date.now();
  const platform = new PlatformProcess(dataDir, { ECOM_SIMULATE_RATE: '4' });
  try {
    const state = await platform.start();
    const servingMs = Date.now() - began;
    const client = new pg.Client({ connectionString: state.database });
    await client.connect();
    try {
      for (;;) {
        const { rows } = await client.query<{ n: string }>(
          `SELECT count(*) AS n FROM job_results WHERE job = 'revenue' AND updated_at >= to_timestamp($1 / 1000.0)`,
          [began],
        );
        if (rows[0]?.n !== '0') return { servingMs, firstWindowMs: Date.now() - began };
        if (Date.now() - began > 300_000) throw new Error(`no revenue result in 300 s:\n${platform.log()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await client.end();
    }
  } finally {
    await platform.stop();
  }
}

const warmDir = folder('warm');
const warmPg = folder('warm-pg');
const cold: string[] = [];

await runSuite(
  'npm-start',
  [
    {
      name: 'embedded PostgreSQL alone, cold (initdb + start)',
      ops: 1,
      run: async () => {
        const dir = folder('pg');
        cold.push(dir);
        const server = await startEmbeddedPostgres({ dataDir: dir });
        await server.stop();
      },
    },
    {
      name: 'npm start, cold → first revenue window',
      ops: 1,
      baseline: 'embedded PostgreSQL alone, cold (initdb + start)',
      run: async () => {
        const dir = folder('cold');
        cold.push(dir);
        return untilRevenue(dir);
      },
    },
    {
      name: 'embedded PostgreSQL alone, warm (start)',
      ops: 1,
      setup: async () => void (await (await startEmbeddedPostgres({ dataDir: warmPg })).stop()),
      run: async () => void (await (await startEmbeddedPostgres({ dataDir: warmPg })).stop()),
    },
    {
      name: 'npm start, warm → first revenue window',
      ops: 1,
      baseline: 'embedded PostgreSQL alone, warm (start)',
      setup: async () => void (await untilRevenue(warmDir)),
      run: () => untilRevenue(warmDir),
    },
  ],
  { rounds: Number(process.env['BENCH_ROUNDS'] ?? 3), warmup: 0 },
);
for (const dir of [...cold, warmDir, warmPg]) await rm(dir, { recursive: true, force: true });
