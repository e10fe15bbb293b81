// `jobs status` and `jobs topics peek` against a REAL PostgreSQL (checkpoints claimed and committed by the real store)
// and the stack's REAL Kafka (Debezium-shaped orders, a torn record, an invalid row).
import { createDecoder, typeMapFromShopTables } from '@ecom/cdc';
import { describeWithPostgres } from '@ecom/domain/testing';
import { RevenueKafkaEnv } from '../../testing/revenue-kafka-env.js';
import { revenueScript } from '../../testing/revenue-script.js';
import { PostgresCheckpointStore } from '../checkpoints/postgres-checkpoint-store.js';
import { formatJobStatus, kafkaSources, readJobStatus } from './job-status.js';
import { peekTopic } from './topic-peek.js';

jest.setTimeout(120_000);

describeWithPostgres({ describe, it }, 'jobs status and topics peek', () => {
  const env = new RevenueKafkaEnv('jobsops', 2);
  beforeAll(() => env.setUp());
  afterAll(() => env.tearDown());

  it('peek prints each record decoded, garbage with its error, and stops at the end', async () => {
    const changes = revenueScript(2);
    await env.produce(changes);
    const lines: string[] = [];
    const n = await peekTopic({
      kafka: env.kafka,
      topic: env.ordersTopic,
      fromBeginning: true,
      limit: 10_000,
      decoder: createDecoder({ typeMap: typeMapFromShopTables() }),
      write: (line) => lines.push(line),
      timeoutMs: 60_000,
    });
    expect(n).toBe(changes.length);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const created = parsed.find(
      (p) => p['op'] === 'create' && (p['after'] as { order_id?: number })?.order_id === 1,
    );
    expect(created).toMatchObject({
      table: 'public.orders',
      key: { order_id: 1 },
      after: { order_id: 1, customer_id: 2 },
    });
    expect(typeof (created?.['after'] as { total_price?: unknown }).total_price).toBe('string');
    expect(parsed.filter((p) => p['error'] === 'MALFORMED_JSON')).toHaveLength(1);

    const few: string[] = [];
    expect(
      await peekTopic({
        kafka: env.kafka,
        topic: env.ordersTopic,
        fromBeginning: true,
        limit: 3,
        decoder: createDecoder(),
        write: (l) => few.push(l),
      }),
    ).toBe(3);
  });

  it('status shows owners, epochs, next offsets, lag and the outbox', async () => {
    const store = new PostgresCheckpointStore(env.pool, { outbox: true });
    const parts = [0, 1].map((partition) => ({ source: env.ordersTopic, partition }));
    const { epoch } = await store.claim('revenue.partials', parts, { owner: 'instance-a' });
    await store.commit({
      job: 'revenue.partials',
      epoch,
      partitions: [{ source: env.ordersTopic, partition: 0, nextOffset: '3', state: null }],
      results: [],
    });
    const other = await store.claim('revenue', [{ source: 'x.repartition', partition: 0 }], {
      owner: 'instance-b',
    });
    await store.commit({
      job: 'revenue',
      epoch: other.epoch,
      partitions: [{ source: 'x.repartition', partition: 0, nextOffset: '1', state: null }],
      results: [
        {
          topic: 'statistics_revenue',
          id: { job: 'revenue', windowStart: 0, windowEnd: 60_000, key: 'all' },
          value: { total_orders: 1 },
        },
      ],
    });
    await store.claim('top-products', [{ source: 'y', partition: 0 }]);

    const statuses = await readJobStatus(env.pool, 'revenue');
    expect(statuses.map((s) => s.job)).toEqual(['revenue', 'revenue.partials']);
    expect(kafkaSources(statuses).sort()).toEqual([env.ordersTopic, 'x.repartition'].sort());
    const ends = new Map(
      (await env.admin.fetchTopicOffsets(env.ordersTopic)).map((o) => [
        `${env.ordersTopic}:${o.partition}`,
        o.high,
      ]),
    );
    const withLag = await readJobStatus(env.pool, 'revenue', ends);
    const partials = withLag.find((s) => s.job === 'revenue.partials');
    const p0 = partials?.partitions.find((p) => p.partition === 0);
    expect(p0).toMatchObject({ owner: 'instance-a', epoch, nextOffset: '3' });
    expect(p0?.lag).toBe(BigInt(ends.get(`${env.ordersTopic}:0`) ?? '0') - 3n);
    expect(withLag.find((s) => s.job === 'revenue')?.outbox).toBe(1);
    const text = formatJobStatus(withLag);
    expect(text).toContain('revenue  outbox 1');
    expect(text).toMatch(
      new RegExp(`${env.ordersTopic}:0  next 3  lag \\d+  owner instance-a  epoch ${epoch}`),
    );
    expect((await readJobStatus(env.pool)).map((s) => s.job)).toEqual([
      'revenue',
      'revenue.partials',
      'top-products',
    ]);
  });
});
