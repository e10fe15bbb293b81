// Issue 14 §2, the streaming change-log export on the Kafka path: the built-in CDC source writes the shop's changes
// (its snapshot of the catalogue as `r`, then three simulated days and some cancellations and deletes) to topics of
// three partitions; two `jobs run lake-changelog` processes split them (one SIGKILLed for good mid-run, the other
// takes its partitions over with their buffers). At the end every record of the topics (tombstones aside) is in the
// change logs exactly once, Trino counts the same per table and op, and every current-state view equals PostgreSQL.
import { SHOP_TABLE_NAMES } from '@ecom/domain';
import { isDeepStrictEqual } from 'node:util';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startStack } from '../../../../libs/cdc/test/stack-services.js';
import { readTopic } from '../runtime/testing/kafka-topics.js';
import { waitFor } from '../runtime/testing/wait-for.js';
import { builtinFeed } from '../testing/cdc-feeds.js';
import { jobsE2e } from '../testing/jobs-e2e.js';
import { lakeChangeLogChecks, lakeStackEnv, type ChangeCounts } from '../testing/lake-changelog-e2e.js';
import { THREE_SIMULATED_DAYS } from '../testing/shop-truth.js';

jest.setTimeout(900_000);

// Not customer_events: the simulator writes a day's events in one transaction, and the built-in source sends a
// transaction in one Kafka request, which outgrows the broker's max.message.bytes (a limit of the feed, not of
// this job; the pgoutput specs cover all ten tables).
const TABLES = SHOP_TABLE_NAMES.filter((t) => t !== 'customer_events');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the streaming change-log export on CDC topics (two instances, one killed)', () => {
  const e2e = jobsE2e(builtinFeed(), {
    tables: TABLES,
    stages: (_run, topics) => topics.map((t): [string, string] => ['lake-changelog', t]),
  });
  const lake = lakeChangeLogChecks(
    `k${Date.now().toString(36)}`,
    () => e2e.pool,
    () => e2e.databaseUrl,
  );

  beforeAll(() => startStack(['s3', 'trino']));

  /** The Debezium records of every topic (tombstones aside), per table and op. */
  async function topicCounts(): Promise<ChangeCounts> {
    const counts: ChangeCounts = {};
    for (const table of TABLES) {
      const topic = e2e.topics.find((t) => t.endsWith(`.public.${table}`)) as string;
      for (const r of await readTopic(e2e.kafka, e2e.admin, topic)) {
        if (r.value === 'null') continue;
        const value = JSON.parse(r.value) as { op?: string; payload?: { op: string } };
        const op = value.payload?.op ?? value.op; // with or without the JSON converter's schema
        counts[`${table}/${op}`] = (counts[`${table}/${op}`] ?? 0) + 1;
      }
    }
    return counts;
  }

  it('holds every record of the topics once; Trino counts equal them, current-state views equal PostgreSQL', async () => {
    const env = {
      ...lakeStackEnv(),
      LAKE_CHANGELOG_PREFIX: lake.prefix,
      LAKE_CHANGELOG_TABLES: TABLES.join(','),
      LAKE_CHANGELOG_MAX_RECORDS: '300',
      LAKE_CHANGELOG_ROLL_MS: '1000',
    };
    const a = e2e.instance('lake-changelog', 'a', env);
    const b = e2e.instance('lake-changelog', 'b', env);
    a.start();
    b.start();
    await e2e.simulate(THREE_SIMULATED_DAYS);
    await sleep(3_000);
    await b.kill(); // for good: a takes its partitions over after the session timeout
    await e2e.pool.query(
      `UPDATE orders SET status = 'cancelled' WHERE order_id % 4 = 3 AND status IN ('pending', 'paid')`,
    );
    await e2e.pool.query('DELETE FROM wishlists WHERE wishlist_id % 2 = 0');
    let expected: ChangeCounts = {};
    await waitFor(async () => {
      await sleep(2_000);
      if (!(await e2e.caughtUp())) return false;
      expected = await topicCounts();
      return isDeepStrictEqual((await lake.files()).counts, expected);
    }, 300_000).catch((e: unknown) => console.error(e)); // the assertions below say what differs
    const files = await lake.files();
    expect(files.duplicates).toEqual([]);
    expect(files.strays).toEqual([]);
    if (!isDeepStrictEqual(files.counts, expected)) console.error(e2e.logs());
    expect(files.counts).toEqual(expected);
    for (const op of ['categories/r', 'orders/c', 'orders/u', 'wishlists/d'])
      expect(expected[op] ?? 0).toBeGreaterThan(0);
    expect(await e2e.deadLetters()).toEqual([]);

    await lake.register();
    expect(await lake.trinoCounts()).toEqual(expected);
    for (const table of TABLES) {
      const { lake: rows, postgres } = await lake.currentState(table);
      expect({ table, rows }).toEqual({ table, rows: postgres });
    }
  });
});
