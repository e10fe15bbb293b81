/**
 * Recovery (issue 12 §5, `npm run bench -- recovery`): restart-to-first-output after a SIGKILL, with 100 K keys of
 * state. `jobs run revenue` runs as a real process on the stack's REAL Kafka and PostgreSQL and reads
 * `BENCH_RECOVERY_ORDERS` orders (default 100 K, `orderStream`, seed 12, 3 partitions); with the default 24 h
 * correction horizon its partial tasks keep every order (one key each, for later corrections) in their checkpoints.
 * Each round SIGKILLs the instance, starts a new one at once, and sends one order into a new window plus the orders
 * that close it: the time from the restart to that window's result in `job_results` is the figure (goal ≤ 10 s).
 * It includes the process start, the dead member's session timeout (`JOBS_SESSION_TIMEOUT_MS` = 6 s, the broker's
 * minimum), the claim and the restore of the state. The state size per key is printed. Results in
 * bench/results/jobs-recovery.json.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runSuite } from '../../../../../tools/bench/harness.js';
import { JobInstance } from '../../testing/job-instances.js';
import { orderMessage } from '../../testing/order-messages.js';
import { orderStream } from '../../testing/order-stream.js';
import { RevenueKafkaEnv } from '../../testing/revenue-kafka-env.js';
import { waitFor } from '../testing/wait-for.js';
import { repartitionTopic } from './two-phase-kafka-job.js';

const ORDERS = Number(process.env['BENCH_RECOVERY_ORDERS'] ?? 100_000);
const PARTITIONS = 3;
const HOUR = 3_600_000;

const env = new RevenueKafkaEnv('benchrec', PARTITIONS);
await env.setUp();
const logs = mkdtempSync(join(tmpdir(), 'benchrec-'));
let instance: JobInstance | undefined;
try {
  const changes = orderStream({ seed: 12, orders: ORDERS, partitions: PARTITIONS });
  await env.produce(changes);
  const groupId = `${env.run}.revenue`;
  let starts = 0;
  const start = () => {
    instance = new JobInstance('revenue', `i${starts++}`, env.jobEnv(), logs);
    instance.start();
  };
  const catchUp = performance.now();
  start();
  await waitFor(() => env.caughtUp(groupId), 900_000);
  const catchUpMs = performance.now() - catchUp;
  const { rows: state } = await env.pool.query<{ bytes: string }>(
    `SELECT sum(octet_length(state::text)) AS bytes FROM job_checkpoints WHERE job = 'revenue.partials'`,
  );
  const stateBytes = Number(state[0]?.bytes ?? 0);
  console.log(
    `caught up with ${ORDERS.toLocaleString('en-US')} orders (${changes.length} changes) in ` +
      `${(catchUpMs / 1000).toFixed(1)} s; partial-task state ${(stateBytes / 1e6).toFixed(1)} MB, ` +
      `${(stateBytes / ORDERS).toFixed(0)} bytes per key`,
  );

  // Each round's new window: an hour after the stream's last flush order, then the orders that close it.
  let at = changes.reduce((max, c) => Math.max(max, c.record?.eventTime ?? 0), 0) + HOUR;
  let id = ORDERS + PARTITIONS + 1;
  const recover = async () => {
    await instance?.kill();
    const restarted = performance.now();
    start();
    at += HOUR;
    const window = Math.floor(at / 60_000) * 60_000;
    const messages = [
      { partition: 0, ...orderMessage('c', null, { id: id++, customer: 1, at, total: '7.00' }) },
      ...[0, 1, 2].map((partition) => ({
        partition,
        ...orderMessage('c', null, { id: id++, customer: 1, at: at + HOUR / 2, total: '1.00' }),
      })),
    ];
    await env.producer.send({ topic: env.ordersTopic, acks: -1, messages });
    await waitFor(async () => {
      const { rowCount } = await env.pool.query(
        `SELECT 1 FROM job_results WHERE job = 'revenue' AND window_start = to_timestamp($1 / 1000.0)`,
        [window],
      );
      return (rowCount ?? 0) > 0;
    }, 120_000);
    return {
      restartToFirstOutputMs: Math.round(performance.now() - restarted),
      stateBytesPerKey: Math.round(stateBytes / ORDERS),
    };
  };

  await runSuite(
    'jobs-recovery',
    [{ name: `restart to first output (${ORDERS / 1000}K keys)`, ops: 1, run: recover }],
    {
      rounds: Number(process.env['BENCH_ROUNDS'] ?? 3),
      warmup: 0,
    },
  );
} finally {
  await instance?.kill();
  await env.tearDown([repartitionTopic(`${env.run}.revenue`)]);
}
