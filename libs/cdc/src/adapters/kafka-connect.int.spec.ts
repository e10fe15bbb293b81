/**
 * The connector CLI and the Kafka adapters against the REAL stack: Postgres, Kafka and Kafka Connect with
 * Debezium 3.6.1. Registers the generated config, reads what Debezium writes, decodes it, exercises status /
 * list / restart / delete, and round-trips a dead letter through a real topic. Never skips: a service that cannot
 * start fails the suite.
 */
import { createShopDataSource, runShopMigrations } from '@ecom/domain/typeorm';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import pg from 'pg';
import { STACK, startStack } from '../../test/stack-services.js';
import { runConnectorCommand, type ConnectorCommandDeps } from '../cli/connector-command.js';
import { createDecoder } from '../decoder.js';
import { decodeStream } from '../decode-stream.js';
import { changeOf, eventOf } from '../../test/decode-results.js';
import { createKafkaDeadLetterSink } from './kafka-dead-letter-sink.js';
import { KafkaConnectClient } from './kafka-connect-client.js';
import { fromEachMessage } from './kafkajs-record.js';

jest.setTimeout(180_000);

const RUN = Date.now().toString(36);
const DB = `cdc_connect_it_${RUN}`;
const NAME = `it-connector-${RUN}`;
const PREFIX = `it-cdc-${RUN}`;
const SLOT = `it_slot_${RUN}`;
const ADMIN_URL = `postgres://postgres@127.0.0.1:${STACK.postgresPort}/postgres`;
const DB_URL = `postgres://postgres@127.0.0.1:${STACK.postgresPort}/${DB}`;

const kafka = new Kafka({ brokers: [STACK.kafkaBroker], logLevel: logLevel.NOTHING, clientId: 'cdc-it' });
const api = new KafkaConnectClient({ url: STACK.connectUrl });
const deps: ConnectorCommandDeps = {
  api,
  connectUrl: STACK.connectUrl,
  apicurioUrl: `${STACK.registryUrl}/apis/registry/v2`,
  // the Connect worker reaches the stack Postgres on localhost; trust auth, so no password
  database: { hostname: '127.0.0.1', port: STACK.postgresPort, user: 'postgres', dbname: DB },
};
const cli = async (...argv: string[]) => {
  const r = await runConnectorCommand(argv, () => deps);
  return { code: r.exitCode, out: JSON.parse(r.stdout) as Record<string, any> };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function consume(
  topic: string,
  until: (messages: KafkaMessage[]) => boolean,
  timeoutMs = 60_000,
): Promise<KafkaMessage[]> {
  const messages: KafkaMessage[] = [];
  const consumer = kafka.consumer({ groupId: `cdc-it-${RUN}-${topic}` });
  await consumer.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    // the topic may not exist yet (Connect creates it on the first record)
    for (;;) {
      try {
        await consumer.subscribe({ topic, fromBeginning: true });
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await sleep(500);
      }
    }
    await consumer.run({ eachMessage: async ({ message }) => void messages.push(message) });
    while (!until(messages)) {
      if (Date.now() > deadline) throw new Error(`timed out on ${topic} with ${messages.length} messages`);
      await sleep(200);
    }
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

beforeAll(async () => {
  startStack(['postgres', 'kafka', 'connect']);
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
  const ds = createShopDataSource({ url: DB_URL });
  await ds.initialize();
  await runShopMigrations(ds);
  await ds.destroy();
}, 300_000);

afterAll(async () => {
  await api.deleteConnector(NAME).catch(() => undefined);
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  for (let i = 0; i < 30; i++) {
    const r = await admin.query('SELECT active_pid FROM pg_replication_slots WHERE slot_name = $1', [SLOT]);
    if (r.rowCount === 0) break;
    if (r.rows[0].active_pid) await admin.query('SELECT pg_terminate_backend($1)', [r.rows[0].active_pid]);
    await admin.query('SELECT pg_drop_replication_slot($1)', [SLOT]).catch(() => undefined);
    await sleep(500);
  }
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.end();
  const kadmin = kafka.admin();
  await kadmin.connect();
  const topics = (await kadmin.listTopics()).filter((t) => t.includes(PREFIX));
  if (topics.length) await kadmin.deleteTopics({ topics });
  await kadmin.disconnect();
}, 120_000);

describe('cdc connector on the real Kafka Connect + Debezium', () => {
  test('register → RUNNING → Debezium records decode exactly → list / restart / delete', async () => {
    const registered = await cli(
      'register',
      '--name',
      NAME,
      '--topic-prefix',
      PREFIX,
      '--slot',
      SLOT,
      '--publication',
      `it_pub_${RUN}`,
      '--heartbeat-ms',
      '1000',
    );
    expect(registered.code).toBe(0);
    expect(registered.out).toMatchObject({ connector: NAME, action: 'created' });
    expect(registered.out['tables']).toContain('public.customer_events');

    let status: Awaited<ReturnType<typeof cli>> | undefined;
    for (let i = 0; i < 120; i++) {
      status = await cli('status', '--name', NAME);
      if (status.out['state'] === 'RUNNING' && status.out['tasks']?.[0]?.state === 'RUNNING') break;
      if (status.code === 1 && status.out['tasks']?.some((t: { state: string }) => t.state === 'FAILED'))
        break;
      await sleep(500);
    }
    expect(status!.code).toBe(0);
    expect(status!.out).toMatchObject({
      connector: NAME,
      state: 'RUNNING',
      tasks: [{ id: 0, state: 'RUNNING' }],
    });

    const db = new pg.Client({ connectionString: DB_URL });
    await db.connect();
    await db.query(
      `INSERT INTO customers (customer_id, first_name, last_name, email, password) VALUES (1, 'A', 'B', 'a@example.vn', $1)`,
      ['$2b$04$' + 'a'.repeat(53)],
    );
    await db.query(`INSERT INTO orders (order_id, customer_id, total_price) VALUES (1, 1, 1234567890.05)`);
    await db.end();

    const decoder = createDecoder();
    const decode = (topic: string, ms: KafkaMessage[]) =>
      ms.map((m) => decoder.decodeSync(fromEachMessage({ topic, partition: 0, message: m })));
    const orderTopic = `${PREFIX}.public.orders`;
    const orders = decode(orderTopic, await consume(orderTopic, (m) => m.length >= 1));
    expect(eventOf(orders[0]!)).toMatchObject({
      kind: 'change',
      op: 'create',
      table: 'orders',
      format: 'json-schema',
      key: { order_id: 1 },
    });
    expect(changeOf(orders[0]!).after!['total_price']).toBe('1234567890.05');

    const heartbeatTopic = `__debezium-heartbeat.${PREFIX}`;
    const beats = decode(heartbeatTopic, await consume(heartbeatTopic, (m) => m.length >= 1));
    expect(eventOf(beats[0]!)).toMatchObject({ kind: 'heartbeat' });

    const listed = await cli('list');
    expect(listed.out['connectors']).toContainEqual(
      expect.objectContaining({ name: NAME, state: 'RUNNING' }),
    );
    expect((await cli('restart', '--name', NAME)).code).toBe(0);

    const deleted = await cli('delete', '--name', NAME);
    expect(deleted.code).toBe(0);
    expect(deleted.out['leftInPostgres']).toMatchObject({ slot: SLOT, publication: `it_pub_${RUN}` });
    // Connect applies a delete asynchronously (through its config topic)
    let gone = await cli('status', '--name', NAME);
    for (let i = 0; i < 40 && gone.code === 0; i++) {
      await sleep(250);
      gone = await cli('status', '--name', NAME);
    }
    expect(gone.code).toBe(1);
    expect(gone.out['error']).toMatchObject({ code: 'CONNECTOR_NOT_FOUND' });
  });

  test('a rejected config comes back as CONNECT_REJECTED with Connect’s reason', async () => {
    await expect(
      api.putConnectorConfig(`it-bad-${RUN}`, { 'connector.class': 'no.such.Connector' }),
    ).rejects.toMatchObject({
      code: 'CONNECT_REJECTED',
    });
  });

  test('dead letters land on a real Kafka topic with the original bytes and error headers', async () => {
    const topic = `${PREFIX}.dlq`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }] });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    try {
      const deadLetter = createKafkaDeadLetterSink({ producer, topic });
      const bad = {
        topic: `${PREFIX}.public.orders`,
        partition: 0,
        offset: '41',
        key: Buffer.from('{"order_id":1}'),
        value: Buffer.from('{"payload":'),
      };
      for await (const _ of decodeStream([bad], createDecoder(), { deadLetter })) void _;
    } finally {
      await producer.disconnect();
    }
    const [m] = await consume(topic, (ms) => ms.length >= 1);
    expect(m!.value!.toString()).toBe('{"payload":');
    expect(m!.key!.toString()).toBe('{"order_id":1}');
    expect(m!.headers!['cdc.error.code']!.toString()).toBe('MALFORMED_JSON');
    expect(m!.headers!['cdc.error.offset']!.toString()).toBe('41');
  });
});
