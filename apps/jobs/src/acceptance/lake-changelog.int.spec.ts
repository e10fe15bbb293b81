// Issue 14 §2, the streaming change-log export, on the real stack (PostgreSQL with logical replication, S3Proxy,
// Trino): a simulated shop (the catalogue, three days of sessions, then cancellations, repricings and deletes)
// flows through the built-in pgoutput source in process into the ChangeLogRunner, which rolls Parquet files on S3
// by count and by age. Then `lake register --changelog`. Every change is in the files exactly once, Trino's counts
// per table and op equal those of an independent reader of the WAL (a test_decoding slot), and every table's
// current-state view equals the PostgreSQL table, column by column as text.
import { createDecoder, typeMapFromShopTables } from '@ecom/cdc';
import { createPgoutputSource } from '@ecom/cdc/adapters';
import { SHOP_TABLE_NAMES } from '@ecom/domain';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { SMALL_CATALOGUE } from '../../../../libs/cdc/test/repo-cli.js';
import { ChangeLogRunner } from '../jobs/lake-changelog/changelog-runner.js';
import { PostgresCheckpointStore } from '../runtime/checkpoints/postgres-checkpoint-store.js';
import type { DeadLetter } from '../runtime/run/dead-letters.js';
import { PgoutputChangeSource } from '../runtime/source/pgoutput-change-source.js';
import { waitFor } from '../runtime/testing/wait-for.js';
import { lakeChangeLogE2e, stackObjectStore } from '../testing/lake-changelog-e2e.js';
import { THREE_SIMULATED_DAYS } from '../testing/shop-truth.js';

jest.setTimeout(600_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the streaming change-log export (pgoutput in process → Parquet on S3 → Trino)', () => {
  const e2e = lakeChangeLogE2e();

  it('holds every change once; Trino counts equal the WAL, every current-state view equals PostgreSQL', async () => {
    const letters: DeadLetter[] = [];
    const runner = new ChangeLogRunner({
      store: new PostgresCheckpointStore(e2e.pool),
      objects: stackObjectStore(),
      prefix: e2e.prefix,
      decoder: createDecoder({ typeMap: typeMapFromShopTables() }),
      deadLetters: { send: async (batch) => void letters.push(...batch) },
      roll: { maxRecords: 500, maxBytes: 1 << 30, maxAgeMs: 1_500 },
    });
    const source = new PgoutputChangeSource({
      source: createPgoutputSource({
        driver: pg,
        connection: e2e.databaseUrl,
        slotName: e2e.slot,
        publicationName: e2e.slot,
        tables: SHOP_TABLE_NAMES.map((t) => `public.${t}`),
      }),
      slot: e2e.slot,
    });
    await source.start(runner);
    const ticker = setInterval(() => void runner.tick().catch(() => undefined), 300);
    let wal: Record<string, number> = {};
    try {
      // The slot first (its snapshot empty), then the shop: every change is a c, u or d in both readers.
      await waitFor(async () => {
        const { rows } = await e2e.pool.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [
          e2e.slot,
        ]);
        return rows.length === 1;
      }, 60_000);
      await e2e.simulate(SMALL_CATALOGUE);
      await e2e.simulate(THREE_SIMULATED_DAYS);
      await e2e.pool.query(
        `UPDATE orders SET status = 'cancelled' WHERE order_id % 4 = 3 AND status IN ('pending', 'paid')`,
      );
      await e2e.pool.query(`UPDATE products SET price = price + 1.01 WHERE product_id % 3 = 0`);
      await e2e.pool.query(`DELETE FROM wishlists WHERE wishlist_id % 2 = 0`);
      await e2e.pool.query(`DELETE FROM carts WHERE cart_id % 3 = 0`);
      await waitFor(async () => {
        if (source.lastError !== undefined) throw source.lastError;
        await sleep(1_000);
        wal = await e2e.walCounts(); // both readers of the WAL catch up in their own time
        return isDeepStrictEqual((await e2e.files()).counts, wal);
      }, 180_000).catch(() => undefined); // the assertions below say what differs
    } finally {
      clearInterval(ticker);
      await source.stop();
    }
    const files = await e2e.files();
    expect(files.duplicates).toEqual([]);
    expect(files.strays).toEqual([]);
    expect(files.counts).toEqual(wal);
    expect(files.files).toBeGreaterThan(10);
    for (const op of ['orders/c', 'orders/u', 'wishlists/d', 'carts/d', 'products/u'])
      expect(wal[op] ?? 0).toBeGreaterThan(0);
    expect(letters).toEqual([]);

    expect(await e2e.register()).toContain(`${e2e.schema}.orders_changelog`);
    expect(await e2e.trinoCounts()).toEqual(wal);
    for (const table of SHOP_TABLE_NAMES) {
      const { lake, postgres } = await e2e.currentState(table);
      expect({ table, rows: lake }).toEqual({ table, rows: postgres });
    }
  });
});
