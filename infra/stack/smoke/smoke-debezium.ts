import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import pg from 'pg';
import { apicurioAvroConverterConfig, connectService, DEBEZIUM_POSTGRES_CONNECTOR } from '../services/connect.js';
import { stackKafka } from '../services/kafka.js';
import { APP_DATABASE, postgresClientConfig } from '../services/postgres.js';
import { registryService } from '../services/registry.js';
import type { StackConfig } from '../stack-config.js';
import { waitFor } from '../wait-for.js';
import { BIGINT_LONG } from './bigint-long.js';
import { check, withTimeout, type SmokeCheck } from './smoke-check.js';

async function connectRequest(cfg: StackConfig, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${connectService.endpoint(cfg)}${path}`, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
}

interface ChangeEvent {
  readonly op: string | null; // 'c' | 'u' | 'd' | null (tombstone)
  readonly id: number | null;
}

/**
 * Debezium: a PostgreSQL connector registered through Connect's REST API (values as Avro through Apicurio)
 * captures INSERT, UPDATE and DELETE; the three change events and the tombstone arrive on Kafka.
 *
 * @example
 * ```ts
 * await debeziumSmoke.run(cfg, 'r1');
 * ```
 */
export const debeziumSmoke: SmokeCheck = {
  name: 'debezium',
  async run(cfg, runId) {
    const table = `smoke_orders_${runId}`;
    const connector = `smoke-${runId}`;
    const prefix = `smoke${runId}`;
    const topic = `${prefix}.public.${table}`;
    const slot = `smoke_dbz_${runId}`;
    const publication = `smoke_pub_${runId}`;
    const db = new pg.Client(postgresClientConfig(cfg, APP_DATABASE));
    await db.connect();
    const kafka = stackKafka(cfg, 'ecom-smoke-dbz');
    const admin = kafka.admin();
    await admin.connect();
    const consumer = kafka.consumer({ groupId: `smoke-dbz-${runId}`, allowAutoTopicCreation: false });
    try {
      await db.query(`CREATE TABLE ${table} (id bigint PRIMARY KEY, amount numeric(12,2) NOT NULL)`);
      await db.query(`ALTER TABLE ${table} REPLICA IDENTITY FULL`);
      const config = {
        'connector.class': DEBEZIUM_POSTGRES_CONNECTOR,
        'tasks.max': '1',
        'database.hostname': '127.0.0.1',
        'database.port': String(cfg.ports.postgres),
        'database.user': 'postgres',
        'database.password': 'unused-trust-auth',
        'database.dbname': APP_DATABASE,
        'topic.prefix': prefix,
        'plugin.name': 'pgoutput',
        'slot.name': slot,
        'slot.drop.on.stop': 'true',
        'publication.name': publication,
        'publication.autocreate.mode': 'filtered',
        'table.include.list': `public.${table}`,
        'snapshot.mode': 'no_data',
        'decimal.handling.mode': 'string',
        'tombstones.on.delete': 'true',
        'topic.creation.default.replication.factor': '1',
        'topic.creation.default.partitions': '1',
        ...apicurioAvroConverterConfig(cfg, 'value'),
      };
      await waitFor(
        async () => {
          const res = await connectRequest(cfg, 'PUT', `/connectors/${connector}/config`, config);
          if (res.status === 409) return false; // rebalance in progress
          check(res.status < 300, `PUT connector → ${res.status} ${JSON.stringify(res.json)}`);
          return true;
        },
        { timeoutMs: 30_000, what: 'Connect to accept the connector' },
      );
      await waitFor(
        async () => {
          const st = (await connectRequest(cfg, 'GET', `/connectors/${connector}/status`)).json as {
            tasks?: Array<{ state: string; trace?: string }>;
          };
          const task = st.tasks?.[0];
          if (task?.state === 'FAILED') throw Object.assign(new Error(`task failed: ${task.trace?.split('\n')[0]}`), { fatal: true });
          if (task?.state !== 'RUNNING') return false;
          const s = await db.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1 AND active', [slot]);
          return s.rowCount === 1;
        },
        { timeoutMs: 60_000, what: 'the Debezium task to run with an active slot' },
      );
      await db.query(`INSERT INTO ${table} VALUES (1, 10.50)`);
      await db.query(`UPDATE ${table} SET amount = 12.25 WHERE id = 1`);
      await db.query(`DELETE FROM ${table} WHERE id = 1`);

      await waitFor(async () => (await admin.listTopics()).includes(topic), { timeoutMs: 30_000, what: `topic ${topic}` });
      const registry = new SchemaRegistry({ host: registryService.endpoint(cfg) }, { [SchemaType.AVRO]: { registry: { long: BIGINT_LONG } } });
      const events: ChangeEvent[] = [];
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await withTimeout(
        new Promise<void>((resolve, reject) => {
          consumer
            .run({
              eachMessage: async ({ message }) => {
                if (message.value === null) {
                  events.push({ op: null, id: null });
                } else {
                  const v = (await registry.decode(message.value).catch((err: Error) => {
                    reject(new Error(`cannot decode ${message.value?.subarray(0, 8).toString('hex')}…: ${err.message}`));
                    return { op: 'undecodable', before: null, after: null };
                  })) as {
                    op: string;
                    before: { id: number | bigint } | null;
                    after: { id: number | bigint } | null;
                  };
                  events.push({ op: v.op, id: Number((v.after ?? v.before)?.id) });
                }
                if (events.length >= 4) resolve();
              },
            })
            .catch(reject);
        }),
        60_000,
        `4 change events on ${topic} (got ${JSON.stringify(events)})`,
      );
      const ops = events.map((e) => e.op ?? 'tombstone').join(',');
      check(ops === 'c,u,d,tombstone', `expected c,u,d,tombstone, got ${ops}`);
      check(events.slice(0, 3).every((e) => e.id === 1), `wrong ids ${JSON.stringify(events)}`);
      return `INSERT/UPDATE/DELETE + tombstone on ${topic} (Avro via Apicurio)`;
    } finally {
      await consumer.disconnect().catch(() => undefined);
      await connectRequest(cfg, 'DELETE', `/connectors/${connector}`).catch(() => undefined);
      await waitFor(async () => (await db.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1 AND active', [slot])).rowCount === 0, {
        timeoutMs: 20_000,
        what: 'slot release',
      }).catch(() => undefined);
      await db.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1', [slot]).catch(() => undefined);
      await db.query(`DROP PUBLICATION IF EXISTS ${publication}`).catch(() => undefined);
      await db.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
      await db.end().catch(() => undefined);
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.deleteGroups([`smoke-dbz-${runId}`]).catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    }
  },
};
