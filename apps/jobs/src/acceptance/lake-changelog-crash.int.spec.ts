// Issue 14 §4, "crash test for the streaming export": `jobs run lake-changelog` (the pgoutput source in process,
// rolls by count and by age) runs as a real process while a simulated shop writes its catalogue, three days of
// sessions and then a stream of repricings and deletes; it is SIGKILLed at seeded random moments, several times,
// and restarted each time. At the end the change logs hold every change the WAL holds (an independent test_decoding
// reader) exactly once by position, nothing but whole Parquet files is visible, Trino counts the same, and every
// current-state view equals its PostgreSQL table.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { SHOP_TABLE_NAMES } from '@ecom/domain';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { SMALL_CATALOGUE } from '../../../../libs/cdc/test/repo-cli.js';
import { waitFor } from '../runtime/testing/wait-for.js';
import { JobInstance } from '../testing/job-instances.js';
import { lakeChangeLogE2e, type ChangeCounts } from '../testing/lake-changelog-e2e.js';
import { THREE_SIMULATED_DAYS } from '../testing/shop-truth.js';

jest.setTimeout(900_000);

const KILLS = Number(process.env['CRASH_KILLS'] ?? 6);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the streaming change-log export, SIGKILLed during a CDC run', () => {
  const e2e = lakeChangeLogE2e();

  it('has every change exactly once after the kills, in the files and in Trino', async () => {
    let seed = 14;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const instance = new JobInstance(
      'lake-changelog',
      'cl',
      { ...e2e.jobEnv, LAKE_CHANGELOG_MAX_RECORDS: '250', LAKE_CHANGELOG_ROLL_MS: '1000' },
      mkdtempSync(join(tmpdir(), `${e2e.run}-`)),
    );
    const slotHeld = async () => (await e2e.slotActive()) === true;
    const restart = async () => {
      await waitFor(async () => (await e2e.slotActive()) !== true, 60_000); // the killed walsender is gone
      instance.start();
      await waitFor(slotHeld, 60_000);
    };
    let wal: ChangeCounts = {};
    try {
      await restart(); // the slot first (its snapshot empty), then the shop
      let done = false;
      const workload = (async () => {
        await e2e.simulate(SMALL_CATALOGUE);
        await e2e.simulate(THREE_SIMULATED_DAYS);
        for (let i = 0; i < 40; i++) {
          await e2e.pool.query('UPDATE products SET price = price + 0.01 WHERE product_id % 10 = $1', [
            i % 10,
          ]);
          await e2e.pool.query(
            `UPDATE orders SET status = 'cancelled' WHERE order_id % 40 = $1 AND status = 'pending'`,
            [i],
          );
          if (i % 4 === 0) await e2e.pool.query('DELETE FROM wishlists WHERE wishlist_id % 10 = $1', [i / 4]);
          await sleep(150);
        }
      })().finally(() => (done = true));
      let kills = 0;
      while (!done || kills < KILLS) {
        await sleep(1_000 + Math.floor(random() * 3_000));
        await instance.kill();
        kills++;
        await restart();
      }
      await workload;
      expect(kills).toBeGreaterThanOrEqual(KILLS);
      expect(instance.starts).toBe(kills + 1);
      await waitFor(async () => {
        await sleep(1_000);
        if (!instance.running) throw new Error(`the job exited by itself:\n${instance.log().slice(-3_000)}`);
        wal = await e2e.walCounts();
        return isDeepStrictEqual((await e2e.files()).counts, wal);
      }, 240_000).catch(() => undefined); // the assertions below say what differs
    } finally {
      await instance.stop();
    }
    const files = await e2e.files();
    expect(files.duplicates).toEqual([]);
    expect(files.strays).toEqual([]);
    if (!isDeepStrictEqual(files.counts, wal)) console.error(instance.log().slice(-3_000));
    expect(files.counts).toEqual(wal);
    // Some kill landed while changes were buffered but not yet in a file: a restart restored them from the state.
    const claims = instance
      .log()
      .split('\n')
      .filter((l) => l.includes('change-log buffers restored'))
      .map((l) => JSON.parse(l) as { partitions: { buffered: number; pendingRolls: number }[] });
    expect(claims).toHaveLength(instance.starts);
    expect(claims.some((c) => (c.partitions[0]?.buffered ?? 0) > 0)).toBe(true);
    for (const op of ['orders/c', 'orders/u', 'products/u', 'wishlists/d'])
      expect(wal[op] ?? 0).toBeGreaterThan(0);
    expect(instance.log()).not.toMatch(/"msg":"dead letter"/);

    await e2e.register();
    expect(await e2e.trinoCounts()).toEqual(wal);
    for (const table of SHOP_TABLE_NAMES) {
      const { lake, postgres } = await e2e.currentState(table);
      expect({ table, rows: lake }).toEqual({ table, rows: postgres });
    }
  });
});
