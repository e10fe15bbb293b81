/**
 * Differential test: one scripted workload captured by REAL Debezium (Kafka Connect on the stack) and by the
 * built-in source. After decoding, the canonical events must be identical per key and in the same order, except
 * the source-block fields listed in README.md (version, timing, snapshot txId, sequence).
 */
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
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
import { STACK } from '../../../test/stack-services.js';
import type { CdcRecord } from './cdc-record.js';
import { createPgoutputSource } from './pgoutput-source.js';

const PG_PORT = String(STACK.postgresPort);
const KAFKA = STACK.kafkaBroker;
const CONNECT = STACK.connectUrl;
const URL = STACK.postgresUrl;
const { run: RUN, dbzSlot, ourSlot, dbzPub, ourPub, connector } = differentialRun('diff');

jest.setTimeout(180_000);

const stackAdmin = useStackAdmin(URL);

it('emits the same canonical events as Debezium for the same workload', async () => {
  const table = `cdc_diff_${RUN}`;
  const prefix = `diff_${RUN}`;
  const admin = stackAdmin();
  const topic = `${prefix}.public.${table}`;
  const kafka = new Kafka({ brokers: [KAFKA], clientId: `cdc-diff-${RUN}`, logLevel: logLevel.NOTHING });
  const ours: CdcRecord[] = [];
  const source = createPgoutputSource({
    driver: pg,
    connection: URL,
    slotName: ourSlot,
    publicationName: ourPub,
    topicPrefix: prefix,
  });
  let running: Promise<void> | null = null;
  try {
    await admin.query(`CREATE TABLE ${table} (
      id int PRIMARY KEY, amount numeric(12,2), price numeric, qty bigint, at timestamp, at_tz timestamptz, d date,
      note text, doc jsonb, tags text[], flag boolean)`);
    await admin.query(`INSERT INTO ${table} VALUES
      (1, 0.00, 0.5, 9007199254740993, '2024-02-29 23:59:59.999999', '2024-02-29 23:59:59.999999+05:30', '2024-02-29', 'a', '{"k": [1, 2]}', '{x,"y z"}', true),
      (2, -0.01, -1234.000100, -1, '1970-01-01 00:00:00', '1970-01-01 00:00:00+00', '1969-12-31', NULL, NULL, '{}', false)`);
    await admin.query(`CREATE PUBLICATION ${dbzPub} FOR TABLE ${table}`);
    await admin.query(`CREATE PUBLICATION ${ourPub} FOR TABLE ${table}`);

    const res = await fetch(`${CONNECT}/connectors`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: connector,
        config: {
          'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
          'tasks.max': '1',
          'plugin.name': 'pgoutput',
          'database.hostname': '127.0.0.1',
          'database.port': PG_PORT,
          'database.user': 'postgres',
          'database.password': '',
          'database.dbname': 'ecom',
          'topic.prefix': prefix,
          'slot.name': dbzSlot,
          'publication.name': dbzPub,
          'publication.autocreate.mode': 'disabled',
          'table.include.list': `public.${table}`,
          'snapshot.mode': 'initial',
          'skipped.operations': 'none',
          'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
          'key.converter.schemas.enable': 'true',
          'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
          'value.converter.schemas.enable': 'true',
          'topic.creation.default.replication.factor': '1',
          'topic.creation.default.partitions': '1',
        },
      }),
    });
    if (!res.ok)
      throw new Error(`registering the Debezium connector failed: ${res.status} ${await res.text()}`);
    running = source.run(async (rs) => {
      ours.push(...rs);
    });
    // Both snapshots must be taken before the workload starts, so that both see the same initial rows.
    await waitFor('our snapshot', () => ours.length >= 2);
    await waitFor(
      'the Debezium slot',
      async () =>
        (await admin.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1 AND active', [dbzSlot]))
          .rowCount === 1,
      90_000, // a shared Connect worker may be rebalancing other connectors
    );

    const longText = Array.from({ length: 4000 }, (_, i) => ((i * 7919) % 1000).toString(36)).join('');
    const w = [
      `INSERT INTO ${table} VALUES (3, 9999999999.99, 0.0000000001, 0, '2000-01-01 12:00:00.5', '2000-01-01 12:00:00.5-08', '0001-01-01', $$${longText}$$, '[]', '{NULL,b}', NULL)`,
      `UPDATE ${table} SET amount = -9999999999.99 WHERE id = 3`,
      `UPDATE ${table} SET price = 100, doc = '{"a": null}' WHERE id = 1`,
      `DELETE FROM ${table} WHERE id = 2`,
      `INSERT INTO ${table} (id, amount) VALUES (4, 12.30)`,
      `UPDATE ${table} SET id = 5 WHERE id = 4`,
    ];
    for (const sql of w) await admin.query(sql);

    const expectedOurs = () => ours.filter((r) => r.topic === topic).length;
    await waitFor('our stream', () =>
      ours.some((r) => r.value?.includes('"op":"c"') && r.key?.includes('"id":5')),
    );

    // Read Debezium's topic until it holds as many records as ours.
    await waitFor('the Debezium topic', async () => (await listTopics(kafka)).includes(topic));
    const theirs = await readTopics(kafka, `cdc-diff-${RUN}`, [topic], (rs) => rs.length >= expectedOurs());

    const a = comparableByKey(ours, topic);
    const b = comparableByKey(theirs.slice(0, expectedOurs()), topic);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    expect(keyedDifferences(a, b)).toEqual([]);
    expect([...a.values()].flat().length).toBeGreaterThanOrEqual(10);
  } finally {
    await source.stop();
    await running?.catch(() => undefined);
    await fetch(`${CONNECT}/connectors/${connector}`, { method: 'DELETE' }).catch(() => undefined);
    await dropSlots(admin, [dbzSlot, ourSlot]);
    await admin.query(`DROP PUBLICATION IF EXISTS ${dbzPub}`);
    await admin.query(`DROP PUBLICATION IF EXISTS ${ourPub}`);
    await admin.query(`DROP TABLE IF EXISTS ${table}`);
    await deleteTopicsWithPrefix(kafka, prefix);
  }
});
