/**
 * The built-in source delivering through the kafkajs sink to the REAL stack Kafka (and PostgreSQL): records read
 * back from the topic decode to the expected events.
 */
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { createDecoder } from '../../decoder.js';
import type { ChangeEvent } from '../../types.js';
import { createKafkaCdcSink } from './kafka-cdc-sink.js';
import { createPgoutputSource } from './pgoutput-source.js';
import { STACK, startStack } from '../../../test/stack-services.js';
import { eventOf } from '../../../test/decode-results.js';

const URL = STACK.postgresUrl;
const KAFKA = STACK.kafkaBroker;
const RUN = `ks_${process.pid}_${Date.now().toString(36)}`.toLowerCase();

jest.setTimeout(90_000);

beforeAll(() => {
  startStack(['postgres', 'kafka']);
}, 190_000);

it('delivers snapshot and stream records to Kafka, acknowledged before the LSN is confirmed', async () => {
  const admin = new pg.Client({ connectionString: URL });
  await admin.connect();
  const kafka = new Kafka({ brokers: [KAFKA], clientId: RUN, logLevel: logLevel.NOTHING });
  const kadmin = kafka.admin();
  await kadmin.connect();
  const topic = `${RUN}.public.${RUN}`;
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: RUN });
  const source = createPgoutputSource({
    driver: pg,
    connection: URL,
    slotName: RUN,
    publicationName: RUN,
    tables: [`public.${RUN}`],
    topicPrefix: RUN,
  });
  let running: Promise<void> | null = null;
  try {
    await admin.query(`CREATE TABLE ${RUN} (id int PRIMARY KEY, amount numeric(10,2))`);
    await admin.query(`INSERT INTO ${RUN} VALUES (1, 1.10)`);
    await kadmin.createTopics({
      topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    await producer.connect();
    running = source.run(createKafkaCdcSink(producer));
    // Streaming starts after the snapshot: wait until the slot streams, so the next changes are not in the snapshot.
    const ready = Date.now() + 30_000;
    while (
      !(await admin.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1 AND active', [RUN]))
        .rowCount
    ) {
      if (Date.now() > ready) throw new Error('the source did not start streaming');
      await new Promise((r) => setTimeout(r, 50));
    }
    await admin.query(`INSERT INTO ${RUN} VALUES (2, 2.20)`);
    await admin.query(`DELETE FROM ${RUN} WHERE id = 1`);

    const got: { key: string | null; value: string | null }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) =>
        void got.push({ key: message.key?.toString() ?? null, value: message.value?.toString() ?? null }),
    });
    const until = Date.now() + 30_000;
    while (got.length < 4 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));

    const decoder = createDecoder();
    const decoded = got.map((m) => eventOf(decoder.decodeSync({ topic, key: m.key, value: m.value })));
    expect(
      decoded.map((d) => (d.kind === 'change' ? `${d.opCode}:${String(d.key?.['id'])}` : d.kind)),
    ).toEqual(['r:1', 'c:2', 'd:1', 'tombstone']);
    expect((decoded[1] as ChangeEvent).after?.['amount']).toBe('2.20');
    await new Promise((r) => setTimeout(r, 200));
    const slot = await admin.query(
      `SELECT confirmed_flush_lsn::text AS l FROM pg_replication_slots WHERE slot_name = $1`,
      [RUN],
    );
    expect(slot.rows[0]?.l).toBeTruthy();
  } finally {
    await source.stop();
    await running?.catch(() => undefined);
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await kadmin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await kadmin.disconnect();
    await admin.query(
      'SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = $1 AND active',
      [RUN],
    );
    await new Promise((r) => setTimeout(r, 200));
    await admin
      .query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1', [
        RUN,
      ])
      .catch(() => undefined);
    await admin.query(`DROP PUBLICATION IF EXISTS ${RUN}`);
    await admin.query(`DROP TABLE IF EXISTS ${RUN}`);
    await admin.end();
  }
});
