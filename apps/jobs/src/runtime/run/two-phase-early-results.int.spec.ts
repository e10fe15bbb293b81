// Early results of the two-phase revenue job against REAL Kafka and a REAL PostgreSQL checkpoint store: with
// `earlyResults` on, an open window's value marked `final: false` reaches job_results (and the outbox, relayed to the
// compacted statistics_revenue topic) before the window closes; once it closes, its final value (no `final` field)
// replaces it under the same key, and the final results equal what the pure single-process core computes.
import { describeWithPostgres } from '@ecom/domain/testing';
import { isEarly } from '../../jobs/early-results.js';
import { REVENUE_TOPIC } from '../../jobs/revenue/index.js';
import { RevenueKafkaEnv } from '../../testing/revenue-kafka-env.js';
import { pureRevenueTruth, revenueScript, revenueTruth } from '../../testing/revenue-script.js';
import { readJobResults } from '../postgres/result-rows.js';
import { resultIdJson } from '../results/result-id.js';
import { latestOnTopic, readTopic } from '../testing/kafka-topics.js';
import { waitFor } from '../testing/wait-for.js';
import type { JobResult } from '../stream-job.js';
import { repartitionTopic, startTwoPhaseKafkaJob } from './two-phase-kafka-job.js';

jest.setTimeout(180_000);

const PARTITIONS = 2;

/** The entries whose value is not early (`final: false`). */
const finalOnly = (truth: ReadonlyMap<string, unknown>) =>
  new Map([...truth].filter(([, value]) => !isEarly(value as { [field: string]: unknown })));

describeWithPostgres({ describe, it }, 'early results of the two-phase revenue job on Kafka', () => {
  const env = new RevenueKafkaEnv('jobs2pearly', PARTITIONS);
  const groupId = `${env.run}.revenue`;
  beforeAll(() => env.setUp());
  afterAll(() => env.tearDown([repartitionTopic(groupId)]));

  it('an early value of the open window is committed and relayed; the final replaces it', async () => {
    const changes = revenueScript(PARTITIONS);
    const resultStart = await env.resultStart();
    const running = await startTwoPhaseKafkaJob({
      ...env.twoPhaseOptions(groupId),
      earlyResults: { everyEvents: 1 },
    });
    const firstWindow = Date.UTC(2026, 0, 1);
    const first = (results: readonly JobResult[]) => results.find((r) => r.id.windowStart === firstWindow);
    let early: JobResult | undefined;
    try {
      await env.produce(changes.slice(0, 4)); // orders 1-3 and an update: all in the first window
      await waitFor(async () => {
        early = first(await readJobResults(env.pool, 'revenue'));
        return early?.value?.['total_orders'] === 3; // earlier batches may show fewer first
      }, 60_000);
      expect(early?.value).toMatchObject({ total_orders: 3, final: false });

      await env.produce(changes.slice(4));
      await waitFor(() => env.caughtUp(groupId), 90_000);
    } finally {
      await running.stop();
    }

    const expected = pureRevenueTruth(changes);
    const results = await readJobResults(env.pool, 'revenue');
    expect(first(results)?.value).not.toHaveProperty('final');
    expect(finalOnly(revenueTruth(results))).toEqual(expected);
    // What stays early is only the flush orders' window, which nothing closes.
    const stillEarly = results.filter((r) => isEarly(r.value)).map((r) => r.id.windowStart);
    expect(stillEarly).toEqual([Date.UTC(2026, 0, 1, 1, 0)]);

    // The result topic is shared: only this run's ids (its job_results rows) are read back.
    const ours = new Set(results.map((r) => resultIdJson(r.id)));
    const records = (await readTopic(env.kafka, env.admin, REVENUE_TOPIC, resultStart)).filter((r) =>
      ours.has(r.key),
    );
    const key = resultIdJson({
      job: 'revenue',
      windowStart: firstWindow,
      windowEnd: firstWindow + 60_000,
      key: 'all',
    });
    const onTopic = records.filter((r) => r.key === key);
    expect(JSON.parse(onTopic[0]?.value ?? 'null')).toMatchObject({ final: false });
    expect(JSON.parse(onTopic.at(-1)?.value ?? 'null')).not.toHaveProperty('final');
    expect(finalOnly(latestOnTopic(records, 'revenue'))).toEqual(expected);
  });
});
