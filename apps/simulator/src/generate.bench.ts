// Benchmark: `generate` + `simulate --historical` must write >= 1 M rows in <= 60 s (issue 4). Runs against the real
// PostgreSQL (DATABASE_URL's server) in a temporary database:  npx tsx apps/simulator/src/generate.bench.ts
import { runSuite } from '../../../tools/bench/harness.js';
import { runDb } from './commands/db.command.js';
import { runGenerate } from './commands/generate.command.js';
import { runSimulate } from './commands/simulate.command.js';
import { createProgress } from './cli/progress.js';
import { createTempDatabase } from '@ecom/domain/testing';

const db = await createTempDatabase({ prefix: 'ecom_sim_bench' });
const silent = createProgress(false);
try {
  await runDb(db.url, 'init');
  let rows = 0;
  await runSuite(
    'simulator-generate-historical',
    [
      {
        name: 'generate 2k/2k + historical 30 d x 3000 sessions/day',
        ops: 1_000_000,
        run: async () => {
          const master = await runGenerate(
            db.url,
            { categories: 20, products: 2_000, customers: 2_000, seed: 'bench', clear: true, bcryptCost: 4 },
            silent,
          );
          const sim = await runSimulate(
            db.url,
            {
              historical: 30,
              sessions: 3_000,
              until: new Date('2026-01-31T00:00:00Z'),
              seed: 'bench',
              duration: 5,
              injectFraud: false,
              fraudCount: 0,
              fraudOut: '/dev/null',
            },
            silent,
            () => undefined,
          );
          rows =
            master.categories +
            master.products +
            master.customers +
            Object.values(sim.written).reduce((a, b) => a + b, 0);
          return { rows };
        },
      },
    ],
    { rounds: 1, warmup: 0 },
  );
  console.log(`rows written: ${rows.toLocaleString('en-US')} (goal: >= 1,000,000 in <= 60 s)`);
} finally {
  await db.drop();
}
