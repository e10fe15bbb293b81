// Issue 12 §4 "stream == batch" and "scale-out", end to end through Kafka, once per CDC path: the built-in source
// (pgoutput, JSON), Debezium on Kafka Connect registered with `cdc connector register` (JSON with schemas), and
// Debezium with Avro through the stack's registry. The simulator with a fixed seed writes three days of history
// (historical mode: disorder within the bound) into a REAL PostgreSQL (the stack's, logical replication); the CDC
// path writes the changes to Kafka topics of three partitions; the revenue job (one instance) and the top-products
// job (two instances in one consumer group, one SIGKILLed mid-run for good) run as real processes (`jobs run`).
// Then some orders are cancelled and some line items change quantity. When the jobs have caught up, every window
// their watermark closed equals SQL over the final tables: revenue, count, average order value, unique customers;
// top-N by quantity and by revenue, trending and per-category totals, decimal-exact. Nothing is dead-lettered.
import { PostgresCheckpointStore } from '../runtime/checkpoints/postgres-checkpoint-store.js';
import { waitFor } from '../runtime/testing/wait-for.js';
import { builtinFeed, debeziumFeed, type CdcFeed } from '../testing/cdc-feeds.js';
import { jobsE2e } from '../testing/jobs-e2e.js';
import { THREE_SIMULATED_DAYS } from '../testing/shop-truth.js';

jest.setTimeout(900_000);

const FEEDS: readonly CdcFeed[] = [builtinFeed(), debeziumFeed('json'), debeziumFeed('avro')];

describe.each(FEEDS)(
  'stream == batch: simulator → PostgreSQL → $name → Kafka → jobs (processes, one killed)',
  (feed) => {
    const e2e = jobsE2e(feed);

    it('every closed window equals SQL over the final tables, with one top-products instance killed', async () => {
      const [rev, a, b] = [
        e2e.instance('revenue', 'r'),
        e2e.instance('top-products', 'a'),
        e2e.instance('top-products', 'b'),
      ];
      rev.start();
      a.start();
      b.start();
      await e2e.simulate(THREE_SIMULATED_DAYS);
      const store = new PostgresCheckpointStore(e2e.pool);
      await waitFor(async () => {
        const rows = await store.load(
          'top-products.router',
          e2e.topics.flatMap((t) => [0, 1, 2].map((partition) => ({ source: t, partition }))),
        );
        return new Set(rows.filter((r) => r.nextOffset !== null).map((r) => r.owner)).size === 2;
      }, 180_000).catch((e: unknown) => {
        throw new Error(`both top-products instances never committed: ${String(e)}\n${e2e.logs()}`);
      });
      await a.kill(); // for good: b takes over its partitions and their state after the session timeout

      const end = await e2e.lastOrderTime();
      await e2e.expectEqual(end - 12 * 3_600_000);

      const cancelled = await e2e.pool.query(
        `UPDATE orders SET status = 'cancelled' WHERE order_id % 4 = 3 AND status IN ('pending', 'paid')`,
      );
      const changed = await e2e.pool.query(
        `UPDATE order_items SET quantity = quantity + 1 WHERE order_item_id % 7 = 2`,
      );
      expect((cancelled.rowCount ?? 0) + (changed.rowCount ?? 0)).toBeGreaterThan(5);
      await e2e.expectEqual(end - 12 * 3_600_000);
      expect(await e2e.deadLetters()).toEqual([]);
    });
  },
);
