// The metrics endpoint over real HTTP (port 0) with a TaskRunner driven by in-memory fakes (the memory checkpoint
// store, the counting task, a source stand-in): the counters, gauges and histogram follow what the runner did.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryCheckpointStore } from '../checkpoints/memory-checkpoint-store.js';
import { TaskRunner } from '../run/task-runner.js';
import type { PartitionLag } from '../source/kafka-change-source.js';
import { countBatch, CountingTask } from '../testing/counting-task.js';
import { memoryLogger } from '../testing/log-lines.js';
import { JobMetrics } from './job-metrics.js';
import { startMetricsServer, type MetricsServer } from './metrics-server.js';

const P = { source: 'ecommerce-cdc.public.orders', partition: 0 };
const NOW = Date.UTC(2026, 0, 1, 0, 10);
const LABELS = 'job="count",stage="merge"';

/** The value of one sample line (`name{labels} value`), `undefined` when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let server: MetricsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  test('serves the stage counters, lag, watermark lag and checkpoint durations as the runner works', async () => {
    const metrics = new JobMetrics({ clock: () => NOW });
    const labels = { job: 'count', stage: 'merge' };
    const runner = new TaskRunner({
      job: 'count',
      store: new MemoryCheckpointStore(),
      deadLetters: { send: async () => undefined },
      createTask: () => new CountingTask('count'),
      relay: async () => undefined,
      onCheckpoint: metrics.checkpointObserver(labels),
    });
    const lags: PartitionLag[] = [];
    const source = { restarts: 0, lags: () => lags };
    metrics.watch(labels, { runner, source });
    const { logger, lines } = memoryLogger('info');
    server = await startMetricsServer({ metrics, port: 0, logger });
    expect(server.port).toBeGreaterThan(0);
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: expect.stringMatching(/listening/), port: server.port }),
    );
    const scrape = async () => {
      const res = await fetch(`http://127.0.0.1:${server?.port}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return res.text();
    };

    const before = await scrape();
    expect(sample(before, `ecom_jobs_events_in_total{${LABELS}}`)).toBe(0);
    expect(sample(before, `ecom_jobs_checkpoint_duration_seconds_count{${LABELS}}`)).toBeUndefined();

    await runner.assigned([P]);
    const t = NOW - 120_000;
    await runner.batch(countBatch(P, 0, [{ ts: t, key: 'a' }, '{', { ts: t, key: 'late' }]));
    await runner.batch(countBatch(P, 3, [{ ts: t + 70_000, key: 'a' }])); // fires the first window
    lags.push({ partition: P, lag: 42 });
    source.restarts = 2;

    const after = await scrape();
    expect(sample(after, `ecom_jobs_events_in_total{${LABELS}}`)).toBe(4);
    expect(sample(after, `ecom_jobs_dead_letters_total{${LABELS}}`)).toBe(1);
    expect(sample(after, `ecom_jobs_late_events_total{${LABELS}}`)).toBe(1);
    expect(sample(after, `ecom_jobs_results_out_total{${LABELS}}`)).toBe(1);
    expect(sample(after, `ecom_jobs_commits_total{${LABELS}}`)).toBe(2);
    expect(sample(after, `ecom_jobs_source_restarts_total{${LABELS}}`)).toBe(2);
    expect(sample(after, `ecom_jobs_fenced_total{${LABELS}}`)).toBe(0);
    expect(sample(after, `ecom_jobs_checkpoint_duration_seconds_count{${LABELS}}`)).toBe(2);
    const partition = `${LABELS},topic="${P.source}",partition="0"`;
    expect(sample(after, `ecom_jobs_consumer_lag{${partition}}`)).toBe(42);
    // the watermark: the largest event time (t + 70 s) − 5 s, so now − watermark = 120 − 70 + 5 s
    expect(sample(after, `ecom_jobs_watermark_lag_seconds{${partition}}`)).toBe(55);
  });

  test('serves /healthz, 404 elsewhere, 405 for other methods; a taken port is a config error naming the key', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const { logger } = memoryLogger('info');
      await expect(startMetricsServer({ metrics: new JobMetrics(), port, logger })).rejects.toMatchObject({
        code: 'INVALID_CONFIG',
        keys: ['JOBS_METRICS_PORT'],
        message: expect.stringMatching(/in use/),
      });
      server = await startMetricsServer({ metrics: new JobMetrics(), port: 0, logger });
      const base = `http://127.0.0.1:${server.port}`;
      expect(await (await fetch(`${base}/healthz`)).text()).toBe('ok\n');
      expect((await fetch(`${base}/nope`)).status).toBe(404);
      expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  test('a registry per instance: two JobMetrics in one process do not collide', async () => {
    const a = new JobMetrics();
    const b = new JobMetrics();
    expect(await a.text()).toContain('ecom_jobs_events_in_total');
    expect(await b.text()).toContain('ecom_jobs_events_in_total');
  });
});
