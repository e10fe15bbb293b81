/**
 * The newcomer path of issue 12 §1, against the REAL stack (PostgreSQL, Kafka, Kafka Connect + Debezium 3.6.1):
 * a fresh database, `simulator db reset` and `generate` as the tables' owner (DATABASE_URL), then
 * `cdc connector register` through the CLI entry point itself (main.ts, as `npm run cdc` runs it) with the default
 * CDC role (`ecom_cdc`: LOGIN REPLICATION, nothing else) and the default options except the names (a unique
 * connector name and topic prefix, so that a developer's own `ecommerce-cdc-postgres` and its Connect offsets are
 * left alone; slot and publication derive from the prefix as by default).
 *
 * Without DATABASE_URL, register refuses before registering and prints the SQL; with it, the owner creates the
 * publication and grants SELECT, and the connector and its task reach RUNNING, the snapshot arrives, and an UPDATE
 * made in PostgreSQL arrives on its Kafka topic. The connector, slot, publication, database and topics are dropped.
 */
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { KafkaConnectClient } from '../adapters/kafka-connect-client.js';
import { createDecoder } from '../decoder.js';
import type { ChangeEvent } from '../types.js';
import { changeOf } from '../../test/decode-results.js';
import {
  deleteTopicsWithPrefix,
  differentialRun,
  dropSlots,
  listTopics,
  useStackAdmin,
  waitFor,
} from '../../test/differential-harness.js';
import { runRepoCli, runSimulator, SMALL_CATALOGUE } from '../../test/repo-cli.js';
import { STACK } from '../../test/stack-services.js';

jest.setTimeout(60_000);

const { run: RUN } = differentialRun('newcomer');
const DB = `cdc_newcomer_${RUN}`;
const NAME = `newcomer-${RUN}`;
const PREFIX = `newcomer_${RUN}`;
const SLOT = `${PREFIX}_slot`;
const PUBLICATION = `${PREFIX}_publication`;
const OWNER_URL = `postgres://postgres@127.0.0.1:${STACK.postgresPort}/${DB}`;
/** The default CDC_DATABASE_URL, on the fresh database. */
const CDC_URL = `postgres://ecom_cdc@127.0.0.1:${STACK.postgresPort}/${DB}`;

const admin = useStackAdmin(STACK.postgresUrl);
const api = new KafkaConnectClient({ url: STACK.connectUrl });
const kafka = new Kafka({
  brokers: [STACK.kafkaBroker],
  clientId: `cdc-newcomer-${RUN}`,
  logLevel: logLevel.NOTHING,
});

/** `npm run cdc -- connector register --name … --topic-prefix …`, with the CLI's env. */
const register = async (env: Record<string, string>) => {
  const r = await runRepoCli(
    'libs/cdc/src/cli/main.ts',
    ['connector', 'register', '--name', NAME, '--topic-prefix', PREFIX],
    {
      CONNECT_URL: STACK.connectUrl,
      CDC_DATABASE_URL: CDC_URL,
      ...env,
    },
  );
  return { code: r.code, out: JSON.parse(r.stdout) as Record<string, any> };
};

// Its own clients: the stack admin of useStackAdmin is closed by an earlier afterAll.
afterAll(async () => {
  await api.deleteConnector(NAME).catch(() => undefined);
  const a = new pg.Client({ connectionString: STACK.postgresUrl });
  await a.connect();
  try {
    await dropSlots(a, [SLOT]).catch(() => undefined);
    const db = new pg.Client({ connectionString: OWNER_URL });
    try {
      await db.connect();
      await db.query(`DROP PUBLICATION IF EXISTS ${PUBLICATION}`);
    } catch {
      // no database (the test failed before creating it): nothing to drop
    } finally {
      await db.end().catch(() => undefined);
    }
    await a.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  } finally {
    await a.end();
  }
  await deleteTopicsWithPrefix(kafka, PREFIX);
  await deleteTopicsWithPrefix(kafka, `__debezium-heartbeat.${PREFIX}`);
}, 60_000);

it('stack → db reset → generate → connector register (defaults, ecom_cdc): RUNNING, snapshot and changes on Kafka', async () => {
  const a = admin();
  // The default CDC role, as the stack creates it: LOGIN REPLICATION, all privileges on the database, no table rights.
  const role = await a.query('SELECT rolsuper, rolreplication FROM pg_roles WHERE rolname = $1', [
    'ecom_cdc',
  ]);
  expect(role.rows).toEqual([{ rolsuper: false, rolreplication: true }]);
  await a.query(`CREATE DATABASE ${DB}`);
  await a.query(`GRANT ALL PRIVILEGES ON DATABASE ${DB} TO ecom_cdc`); // as infra/compose/postgres-init.sql
  await runSimulator(OWNER_URL, ['db', 'reset']);
  await runSimulator(OWNER_URL, SMALL_CATALOGUE);

  // Without the owner's connection: refused before anything is registered, with the SQL to run.
  const refused = await register({});
  expect(refused.code).toBe(1);
  expect(refused.out['error']).toMatchObject({ code: 'INSUFFICIENT_PRIVILEGE' });
  expect(refused.out['error'].sql[0]).toMatch(
    new RegExp(`^CREATE PUBLICATION "${PUBLICATION}" FOR TABLE "public"\\."customers", `),
  );
  expect(refused.out['error'].sql).toContain(
    'GRANT SELECT ON "public"."orders" TO "ecom_cdc"; -- the snapshot reads it',
  );
  expect(await api.listConnectors()).not.toContain(NAME);

  // With DATABASE_URL (the simulator's connection, the tables' owner): it runs those statements, then registers.
  const registered = await register({ DATABASE_URL: OWNER_URL });
  expect(registered.code).toBe(0);
  expect(registered.out).toMatchObject({
    connector: NAME,
    action: 'created',
    slot: SLOT,
    publication: PUBLICATION,
    postgres: {
      checkedVia: 'DATABASE_URL',
      role: 'ecom_cdc',
      publication: 'create',
      ran: refused.out['error'].sql,
    },
  });

  let status = await api.getConnectorStatus(NAME).catch(() => undefined);
  await waitFor(
    'the connector and its task RUNNING',
    async () => {
      status = await api.getConnectorStatus(NAME).catch(() => undefined);
      if (status?.tasks.some((t) => t.state === 'FAILED'))
        throw new Error(`task FAILED: ${status.tasks[0]?.trace}`);
      return status?.connector.state === 'RUNNING' && status.tasks[0]?.state === 'RUNNING';
    },
    30_000,
  );
  expect(status).toMatchObject({ connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'RUNNING' }] });

  // The snapshot (read as ecom_cdc, with the granted SELECT) and then a change arrive on the products topic.
  const topic = `${PREFIX}.public.products`;
  await waitFor('the products topic', async () => (await listTopics(kafka)).includes(topic), 30_000);
  const decoder = createDecoder();
  const events: ChangeEvent[] = [];
  const consumer = kafka.consumer({ groupId: `cdc-newcomer-${RUN}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.value === null) return;
        events.push(changeOf(decoder.decodeSync({ topic, key: message.key, value: message.value })));
      },
    });
    await waitFor(
      'the 20 snapshot records',
      () => events.filter((e) => e.opCode === 'r').length >= 20,
      30_000,
    );
    const db = new pg.Client({ connectionString: OWNER_URL });
    await db.connect();
    await db.query(
      'UPDATE products SET price = 12345.67 WHERE product_id = (SELECT min(product_id) FROM products)',
    );
    await db.end();
    await waitFor('the update', () => events.some((e) => e.opCode === 'u'), 30_000);
  } finally {
    await consumer.disconnect();
  }
  expect(events.filter((e) => e.opCode === 'r')).toHaveLength(20);
  expect(events.find((e) => e.opCode === 'u')!.after).toMatchObject({ price: '12345.67' });
});
