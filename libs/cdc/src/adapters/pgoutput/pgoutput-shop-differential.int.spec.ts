/**
 * Differential test on the shop schema (issue 5 §4): a fresh database with the shop migrations, captured by REAL
 * Debezium (the generated connector config, all 10 shop tables) and by the built-in source, while the simulator
 * CLI writes a seeded catalogue and a short seeded live session workload, followed by scripted updates, deletes, a
 * TOAST-sized text and decimal edge cases. After decoding, the canonical events must be identical per table, per
 * key and in the same order, except the source-block fields listed in README.md.
 */
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { debeziumConnectorConfig } from '../../connector/debezium-connector-config.js';
import { SHOP_CDC_TABLES } from '../../connector/shop-cdc-tables.js';
import {
  comparableByKey,
  deleteTopicsWithPrefix,
  differentialRun,
  dropSlots,
  keyedDifferences,
  listTopics,
  readTopics,
  useStackAdmin,
  waitFor,
} from '../../../test/differential-harness.js';
import { runSimulator, SMALL_CATALOGUE } from '../../../test/repo-cli.js';
import { STACK } from '../../../test/stack-services.js';
import type { CdcRecord } from './cdc-record.js';
import { createPgoutputSource } from './pgoutput-source.js';

const { run: RUN, dbzSlot, ourSlot, dbzPub, ourPub, connector } = differentialRun('shop-diff');
const DB = `cdc_shop_diff_${RUN}`;
const ADMIN_URL = STACK.postgresUrl;
const DB_URL = `postgres://postgres@127.0.0.1:${STACK.postgresPort}/${DB}`;

jest.setTimeout(90_000);

/** Runs the simulator CLI (from source) against the test database; async so the in-process source keeps reading. */
const simulator = (args: readonly string[]) => runSimulator(DB_URL, args);

const stackAdmin = useStackAdmin(ADMIN_URL);

it('emits the same canonical events as Debezium for a seeded simulator workload on all shop tables', async () => {
  const prefix = `shopdiff_${RUN}`;
  const admin = stackAdmin();
  const topics = SHOP_CDC_TABLES.map((t) => `${prefix}.public.${t}`);
  const kafka = new Kafka({
    brokers: [STACK.kafkaBroker],
    clientId: `cdc-shop-diff-${RUN}`,
    logLevel: logLevel.NOTHING,
  });
  const ours: CdcRecord[] = [];
  let db: pg.Client | null = null;
  let running: Promise<void> | null = null;
  let source: ReturnType<typeof createPgoutputSource> | null = null;
  await admin.query(`CREATE DATABASE ${DB}`);
  try {
    await simulator(['db', 'init']);
    db = new pg.Client({ connectionString: DB_URL });
    await db.connect();

    const { name, config } = debeziumConnectorConfig({
      name: connector,
      topicPrefix: prefix,
      slotName: dbzSlot,
      publicationName: dbzPub,
      heartbeatIntervalMs: 0,
      database: {
        hostname: '127.0.0.1',
        port: STACK.postgresPort,
        user: 'postgres',
        password: '',
        dbname: DB,
      },
      extra: { 'skipped.operations': 'none' },
    });
    const res = await fetch(`${STACK.connectUrl}/connectors`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, config }),
    });
    if (!res.ok)
      throw new Error(`registering the Debezium connector failed: ${res.status} ${await res.text()}`);

    await db.query(`CREATE PUBLICATION ${ourPub} FOR TABLE ${SHOP_CDC_TABLES.join(', ')}`);
    source = createPgoutputSource({
      driver: pg,
      connection: DB_URL,
      slotName: ourSlot,
      publicationName: ourPub,
      topicPrefix: prefix,
      tables: SHOP_CDC_TABLES.map((t) => `public.${t}`),
    });
    running = source.run(async (rs) => {
      ours.push(...rs);
    });
    // Both must stream before the workload starts (the tables are empty, so the snapshots are too).
    const slotActive = (slot: string) => async () =>
      (await admin.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1 AND active', [slot]))
        .rowCount === 1;
    await waitFor('our slot', slotActive(ourSlot), 30_000);
    await waitFor('the Debezium slot', slotActive(dbzSlot), 60_000);

    // The seeded simulator workload: master data, then 15 s of live sessions with more orders (status moves
    // are UPDATEs).
    await simulator(SMALL_CATALOGUE);
    await simulator([
      'simulate',
      '--sessions',
      '3',
      '--duration',
      '0.25',
      '--rate',
      '4',
      '--weights',
      '{"place_order":0.3}',
      '--seed',
      '7',
    ]);

    // Scripted tail: TOAST-sized text, unchanged TOAST, decimal edge cases, deletes and a last marker update.
    const longText = Array.from({ length: 6000 }, (_, i) => ((i * 7919) % 1000).toString(36)).join('');
    const script = [
      `UPDATE products SET description = $$${longText}$$ WHERE product_id = 1`,
      `UPDATE products SET price = 0.00 WHERE product_id = 1`, // unchanged TOAST, FULL identity: the old value
      `UPDATE products SET price = 0.01 WHERE product_id = 2`,
      `UPDATE products SET price = 999999999999.99 WHERE product_id = 3`,
      `UPDATE products SET price = 10.10 WHERE product_id = 4`,
      `UPDATE products SET price = 1234567.89, description = NULL WHERE product_id = 5`,
      `DELETE FROM wishlists WHERE wishlist_id IN (SELECT wishlist_id FROM wishlists ORDER BY wishlist_id LIMIT 2)`,
      `DELETE FROM carts WHERE cart_id IN (SELECT cart_id FROM carts ORDER BY cart_id LIMIT 2)`,
      `UPDATE categories SET description = $$${longText}$$ WHERE category_id = 2`,
      `UPDATE categories SET name = name || ' 2' WHERE category_id = 2`, // DEFAULT identity: the placeholder
      `UPDATE customers SET phone_number = '0901234567' WHERE customer_id = 1`,
      `DELETE FROM customer_events WHERE event_id = (SELECT min(event_id) FROM customer_events)`,
      `UPDATE categories SET description = 'end of workload' WHERE category_id = 1`,
    ];
    for (const sql of script) await db.query(sql);

    await waitFor(
      'our stream to reach the end of the workload',
      () =>
        ours.some(
          (r) => r.topic.endsWith('.public.categories') && r.value?.includes('end of workload') === true,
        ),
      30_000,
    );
    const ourTopics = [...new Set(ours.map((r) => r.topic))].filter((t) => topics.includes(t)).sort();
    const ourCount = ours.filter((r) => ourTopics.includes(r.topic)).length;
    await waitFor('the Debezium topics', async () => {
      const existing = await listTopics(kafka);
      return ourTopics.every((t) => existing.includes(t));
    });
    const theirs = await readTopics(
      kafka,
      `cdc-shop-diff-${RUN}`,
      ourTopics,
      (rs) => rs.length >= ourCount,
      45_000,
    );

    // Debezium creates no topic for a table without changes; ours sends nothing either.
    expect(ourTopics.length).toBeGreaterThanOrEqual(8);
    expect([...new Set(theirs.map((r) => r.topic))].sort()).toEqual(ourTopics);
    // Tables with the DEFAULT replica identity (customer_events, the shop's master data) differ in a delete's
    // non-key `before` columns, an allowed difference (README).
    const defaultIdentity = new Set(
      (
        await db.query<{ relname: string }>(
          `SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relreplident = 'd'`,
        )
      ).rows.map((r) => `${prefix}.public.${r.relname}`),
    );
    let compared = 0;
    for (const topic of ourTopics) {
      const options = { keyOnlyDeleteBefore: defaultIdentity.has(topic) };
      const a = comparableByKey(ours, topic, options);
      const b = comparableByKey(theirs, topic, options);
      expect({ topic, keys: [...b.keys()].sort() }).toEqual({ topic, keys: [...a.keys()].sort() });
      expect({ topic, differences: keyedDifferences(a, b) }).toEqual({ topic, differences: [] });
      compared += [...a.values()].flat().length;
    }
    expect(compared).toBe(ourCount);
    // Unchanged TOAST: a placeholder under the DEFAULT identity (categories), the old value under FULL (products).
    const toastIn = (table: string, key: string) =>
      ours
        .filter((r) => r.topic.endsWith(`.public.${table}`) && r.key?.includes(key) === true)
        .map((r) => (r.value ?? '').split(longText).length - 1);
    expect(toastIn('categories', '"category_id":2}').slice(-2)).toEqual([1, 0]);
    expect(
      ours.some(
        (r) => r.topic.endsWith('.public.categories') && r.value?.includes('__debezium_unavailable_value'),
      ),
    ).toBe(true);
    expect(toastIn('products', '"product_id":1}').slice(-2)).toEqual([1, 2]);
  } finally {
    await source?.stop();
    await running?.catch(() => undefined);
    await fetch(`${STACK.connectUrl}/connectors/${connector}`, { method: 'DELETE' }).catch(() => undefined);
    await db?.end().catch(() => undefined);
    // Logical slots are dropped from their own database; then the database goes with both publications.
    const cleanup = new pg.Client({ connectionString: DB_URL });
    await cleanup.connect();
    try {
      await dropSlots(cleanup, [dbzSlot, ourSlot]);
    } finally {
      await cleanup.end();
    }
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await deleteTopicsWithPrefix(kafka, prefix);
  }
});
