/**
 * Captures the golden fixtures from REAL Debezium on the local stack (`npm run stack -- up --only
 * postgres,kafka,connect,registry` first):
 *
 *   npx tsx libs/cdc/scripts/capture-golden.ts
 *
 * 1. creates a fresh database `cdc_golden` on the stack Postgres with the shop migrations of @ecom/domain;
 * 2. seeds a few rows (captured by the initial snapshot, op `r`);
 * 3. registers Debezium four times (JSON with schema, JSON without schema, ExtractNewRecordState-unwrapped, Avro
 *    through Apicurio), with the config from `debeziumConnectorConfig`;
 * 4. runs a scripted workload on every table (inserts, updates, deletes, decimal edge cases, TOAST-sized text);
 * 5. reads every topic back and writes libs/cdc/src/__fixtures__/golden/<form>/<table>.json.
 *
 * Env: ECOM_STACK_POSTGRES_PORT (55432), ECOM_STACK_KAFKA_PORT (19092), CONNECT_URL (http://127.0.0.1:18083),
 * ECOM_STACK_REGISTRY_PORT (18081).
 */
import { createShopDataSource, runShopMigrations } from '@ecom/domain/typeorm';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { z } from 'zod';
import { KafkaConnectClient } from '../src/adapters/kafka-connect-client.js';
import {
  debeziumConnectorConfig,
  type DebeziumConnectorOptions,
} from '../src/connector/debezium-connector-config.js';
import { SHOP_CDC_TABLES } from '../src/connector/shop-cdc-tables.js';
import { readConfluentFrame } from '../src/schema-registry.js';

const env = z
  .object({
    ECOM_STACK_POSTGRES_PORT: z.coerce.number().int().default(55432),
    ECOM_STACK_KAFKA_PORT: z.coerce.number().int().default(19092),
    ECOM_STACK_REGISTRY_PORT: z.coerce.number().int().default(18081),
    CONNECT_URL: z.url().default('http://127.0.0.1:18083'),
  })
  .parse(process.env);

const DB = 'cdc_golden';
const OUT = join(dirname(fileURLToPath(import.meta.url)), '../src/__fixtures__/golden');
const RUN = Date.now().toString(36);
const PG_ADMIN = `postgres://postgres@127.0.0.1:${env.ECOM_STACK_POSTGRES_PORT}/postgres`;
const PG_GOLDEN = `postgres://postgres@127.0.0.1:${env.ECOM_STACK_POSTGRES_PORT}/${DB}`;
const REGISTRY = `http://127.0.0.1:${env.ECOM_STACK_REGISTRY_PORT}`;

/** The four captured forms: folder name, topic prefix, connector options. */
const FORMS = [
  { form: 'json-schema', prefix: 'golden-json', options: { format: 'json', transactionMetadata: true } },
  { form: 'json-schemaless', prefix: 'golden-nos', options: { format: 'json-schemaless' } },
  { form: 'unwrapped', prefix: 'golden-unwrap', options: { format: 'json', unwrap: true } },
  { form: 'avro', prefix: 'golden-avro', options: { format: 'avro' } },
] as const satisfies readonly { form: string; prefix: string; options: Partial<DebeziumConnectorOptions> }[];

const log = (line: string) => process.stderr.write(`[capture-golden] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A seeded xorshift: TOAST text that does not compress (so it really is stored out of line). */
function noise(seed: number, length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ';
  let x = seed >>> 0 || 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out += alphabet[x % alphabet.length];
  }
  return out;
}

const HASH = '$2b$04$' + 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0'; // bcrypt-shaped, 53 chars after the cost

async function resetDatabase(admin: pg.Client): Promise<void> {
  const slots = await admin.query(
    `SELECT slot_name, active_pid FROM pg_replication_slots WHERE database = $1`,
    [DB],
  );
  for (const { slot_name, active_pid } of slots.rows as { slot_name: string; active_pid: number | null }[]) {
    if (active_pid) await admin.query('SELECT pg_terminate_backend($1)', [active_pid]);
    for (let i = 0; i < 20; i++) {
      try {
        await admin.query('SELECT pg_drop_replication_slot($1)', [slot_name]);
        break;
      } catch {
        await sleep(500);
      }
    }
  }
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB}`);
}

async function seedSnapshotRows(db: pg.Client): Promise<void> {
  await db.query(
    `INSERT INTO categories (category_id, name, description) VALUES (1, 'Điện thoại', 'Phones & accessories')`,
  );
  await db.query(
    `INSERT INTO customers (customer_id, first_name, last_name, email, password, address, phone_number)
     VALUES (1, 'Lan', 'Nguyễn', 'lan@example.vn', $1, '1 Lê Lợi, Quận 1', '+84901234567')`,
    [HASH],
  );
  await db.query(
    `INSERT INTO products (product_id, sku, name, description, price, stock, category_id)
     VALUES (1, 'SKU-SNAP-1', 'Snapshot phone', 'in the snapshot', 1999.99, 5, 1)`,
  );
}

/** The scripted workload: every table gets inserts, updates and deletes; decimals and timestamps at the edges. */
async function runWorkload(db: pg.Client): Promise<void> {
  const q = (text: string, values: unknown[] = []) => db.query(text, values);
  // categories (REPLICA IDENTITY DEFAULT): a TOAST-sized description, then an update that leaves it unchanged
  await q(`INSERT INTO categories (category_id, name, description) VALUES (2, 'Laptop', $1)`, [
    noise(7, 12_000),
  ]);
  await q(`UPDATE categories SET name = 'Laptop & PC' WHERE category_id = 2`);
  await q(`INSERT INTO categories (category_id, name) VALUES (3, 'Temporary')`);
  await q(`DELETE FROM categories WHERE category_id = 3`);
  // customers (DEFAULT): insert, update, delete
  await q(
    `INSERT INTO customers (customer_id, first_name, last_name, email, password, address, phone_number, created_at)
     VALUES (2, 'Minh', 'Trần', 'minh@example.vn', $1, NULL, NULL, '1999-12-31 23:59:59.999999+00')`,
    [HASH],
  );
  await q(
    `UPDATE customers SET address = '12 Trần Hưng Đạo, Hà Nội', phone_number = '+84912345678' WHERE customer_id = 2`,
  );
  await q(
    `INSERT INTO customers (customer_id, first_name, last_name, email, password) VALUES (3, 'Gone', 'Soon', 'gone@example.vn', $1)`,
    [HASH],
  );
  await q(`DELETE FROM customers WHERE customer_id = 3`);
  // products (FULL): decimal edge cases, TOAST text unchanged on update (FULL identity ships it whole)
  await q(
    `INSERT INTO products (product_id, sku, name, description, price, stock, category_id) VALUES
       (2, 'SKU-ZERO', 'Free sample', NULL, 0.00, 0, 2),
       (3, 'SKU-CENT', 'Sticker', 'one cent', 0.01, 100, 2),
       (4, 'SKU-MAX', 'Most expensive', $1, 999999999999.99, 1, 2),
       (5, 'SKU-ROUND', 'Round price', 'exact', 100.50, 7, 2)`,
    [noise(11, 9_000)],
  );
  await q(`UPDATE products SET price = 123456789012.34, stock = 0 WHERE product_id = 4`);
  await q(`UPDATE products SET description = $1 WHERE product_id = 5`, [noise(13, 10_000)]);
  await q(`UPDATE products SET is_active = false WHERE product_id = 5`);
  await q(`DELETE FROM products WHERE product_id = 3`);
  // orders (FULL): timestamps at the edges, status transitions, a delete that cascades
  await q(
    `INSERT INTO orders (order_id, customer_id, order_date, total_price, status) VALUES
       (1, 1, '2026-11-25 10:15:30.123456+07', 0.00, 'pending'),
       (2, 2, '1900-01-01 00:00:00.000001+00', 12345678901.23, 'pending'),
       (3, 1, '2262-04-11 23:47:16.854775+00', 0.10, 'pending')`,
  );
  await q(`UPDATE orders SET status = 'paid', total_price = 2099.98 WHERE order_id = 1`);
  // order_items
  await q(
    `INSERT INTO order_items (order_item_id, order_id, product_id, quantity, price) VALUES
       (1, 1, 1, 1, 1999.99), (2, 1, 5, 1, 99.99), (3, 3, 2, 2, 0.05)`,
  );
  await q(`UPDATE order_items SET quantity = 3 WHERE order_item_id = 2`);
  await q(`DELETE FROM order_items WHERE order_item_id = 2`);
  // payments
  await q(
    `INSERT INTO payments (payment_id, order_id, customer_id, payment_method, amount, status, transaction_id) VALUES
       (1, 1, 1, 'credit_card', 2099.98, 'pending', 'TX-0001'),
       (2, 3, 1, 'paypal', 0.10, 'pending', NULL)`,
  );
  await q(`UPDATE payments SET status = 'completed' WHERE payment_id = 1`);
  // shipments
  await q(
    `INSERT INTO shipments (shipment_id, order_id, customer_id, address, city, state, zip_code, status) VALUES
       (1, 1, 1, '1 Lê Lợi', 'Hồ Chí Minh', NULL, '700000', 'preparing'),
       (2, 3, 1, '2 Hai Bà Trưng', 'Hà Nội', 'Hà Nội', NULL, 'preparing')`,
  );
  await q(
    `UPDATE shipments SET status = 'in_transit', shipment_date = '2026-11-26 08:00:00+07', tracking_number = 'VN123' WHERE shipment_id = 1`,
  );
  // carts, wishlists (DEFAULT)
  await q(`INSERT INTO carts (cart_id, customer_id, product_id, quantity) VALUES (1, 1, 2, 1), (2, 2, 4, 2)`);
  await q(`UPDATE carts SET quantity = 5 WHERE cart_id = 1`);
  await q(`DELETE FROM carts WHERE cart_id = 2`);
  await q(`INSERT INTO wishlists (wishlist_id, customer_id, product_id) VALUES (1, 1, 4), (2, 2, 5)`);
  await q(`UPDATE wishlists SET added_at = '2026-01-01 00:00:00+00' WHERE wishlist_id = 1`);
  await q(`DELETE FROM wishlists WHERE wishlist_id = 2`);
  // customer_events (append-only: inserts and deletes), bigint key and uuid session
  await q(
    `INSERT INTO customer_events (event_id, event_time, event_type, customer_id, session_id, product_id, category_id, order_id, quantity) VALUES
       (9007199254740993, '2026-11-25 10:00:00.5+00', 'view_product', 1, '6f1c0a52-8a4e-4c1b-9f57-2d3c4b5a6e7f', 4, NULL, NULL, NULL),
       (2, '2026-11-25 10:00:01+00', 'browse_category', 1, '6f1c0a52-8a4e-4c1b-9f57-2d3c4b5a6e7f', NULL, 2, NULL, NULL),
       (3, '2026-11-25 10:00:02+00', 'add_to_cart', 2, '00000000-0000-0000-0000-000000000000', 2, NULL, NULL, 2),
       (4, '2026-11-25 10:00:03+00', 'place_order', 1, '6f1c0a52-8a4e-4c1b-9f57-2d3c4b5a6e7f', NULL, NULL, 1, NULL)`,
  );
  await q(`DELETE FROM customer_events WHERE event_id = 3`);
  // a cascading delete (order 3 → its item, payment, shipment, event), in one transaction
  await q(`DELETE FROM orders WHERE order_id = 3`);
  // the end marker: the consumers stop once every form delivered it
  await q(
    `INSERT INTO customer_events (event_id, event_type, customer_id, session_id, order_id) VALUES
       (99, 'payment', 1, '6f1c0a52-8a4e-4c1b-9f57-2d3c4b5a6e7f', 1)`,
  );
}

interface CapturedRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

function encode(bytes: Buffer | null, binary: boolean): string | null {
  if (bytes === null) return null;
  return binary ? bytes.toString('base64') : bytes.toString('utf8');
}

async function waitRunning(connect: KafkaConnectClient, name: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const s = await connect.getConnectorStatus(name).catch(() => undefined);
    if (s && [s.connector, ...s.tasks].some((t) => t.state === 'FAILED')) {
      throw new Error(`connector ${name} FAILED: ${JSON.stringify(s, null, 2)}`);
    }
    if (s?.connector.state === 'RUNNING' && s.tasks.length > 0 && s.tasks.every((t) => t.state === 'RUNNING'))
      return;
    await sleep(500);
  }
  throw new Error(`connector ${name} did not reach RUNNING`);
}

async function main(): Promise<void> {
  const connect = new KafkaConnectClient({ url: env.CONNECT_URL });
  const kafka = new Kafka({
    brokers: [`127.0.0.1:${env.ECOM_STACK_KAFKA_PORT}`],
    logLevel: logLevel.NOTHING,
    clientId: 'capture-golden',
  });
  const admin = kafka.admin();
  await admin.connect();

  log('removing connectors and topics of earlier captures');
  for (const name of await connect.listConnectors())
    if (name.startsWith('golden-')) await connect.deleteConnector(name);
  const stale = (await admin.listTopics()).filter((t) => FORMS.some((f) => t.startsWith(`${f.prefix}.`)));
  if (stale.length) await admin.deleteTopics({ topics: stale });
  await sleep(stale.length ? 3000 : 0);

  log(`creating database ${DB} with the shop migrations`);
  const pgAdmin = new pg.Client({ connectionString: PG_ADMIN });
  await pgAdmin.connect();
  await resetDatabase(pgAdmin);
  await pgAdmin.end();
  const dataSource = createShopDataSource({ url: PG_GOLDEN });
  await dataSource.initialize();
  await runShopMigrations(dataSource);
  await dataSource.destroy();
  const db = new pg.Client({ connectionString: PG_GOLDEN });
  await db.connect();
  await seedSnapshotRows(db);

  const connectorConfigs: Record<string, Record<string, string>> = {};
  for (const f of FORMS) {
    const { name, config } = debeziumConnectorConfig({
      database: { hostname: '127.0.0.1', port: env.ECOM_STACK_POSTGRES_PORT, user: 'postgres', dbname: DB },
      name: `${f.prefix}-${RUN}`,
      topicPrefix: f.prefix,
      heartbeatIntervalMs: 0,
      apicurioUrl: `${REGISTRY}/apis/registry/v2`,
      ...f.options,
    });
    connectorConfigs[f.form] = config;
    log(`registering ${name}`);
    await connect.putConnectorConfig(name, config);
  }
  for (const f of FORMS) await waitRunning(connect, `${f.prefix}-${RUN}`);
  log('connectors running; waiting for the snapshots');
  await sleep(8000);

  log('running the workload');
  await runWorkload(db);
  await db.end();

  const captured = new Map<string, CapturedRecord[]>();
  for (const f of FORMS) {
    const binary = f.form === 'avro';
    const topics = [
      ...SHOP_CDC_TABLES.map((t) => `${f.prefix}.public.${t}`),
      ...(f.form === 'json-schema' ? [`${f.prefix}.transaction`] : []),
    ];
    for (const topic of topics) {
      const messages: KafkaMessage[] = [];
      const consumer = kafka.consumer({ groupId: `capture-golden-${RUN}-${topic}` });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      let last = Date.now();
      await consumer.run({
        eachMessage: async ({ message }) => {
          messages.push(message);
          last = Date.now();
        },
      });
      const started = Date.now();
      while (Date.now() - last < 4000 || (messages.length === 0 && Date.now() - started < 60_000))
        await sleep(250);
      await consumer.disconnect();
      if (messages.length === 0) throw new Error(`no records on ${topic}`);
      captured.set(
        `${f.form}/${topic.slice(f.prefix.length + 1).replace(/^public\./, '')}`,
        messages.map((m) => ({
          partition: 0,
          offset: m.offset,
          key: encode(m.key, binary),
          value: encode(m.value, binary),
          headers: Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v)])),
        })),
      );
      log(`${topic}: ${messages.length} records`);
    }
  }
  await admin.disconnect();

  // Avro: the writer schemas by id, raw from the registry (ccompat), as the decoder's registry would fetch them.
  const schemaIds = new Set<number>();
  for (const [file, records] of captured) {
    if (!file.startsWith('avro/')) continue;
    for (const r of records)
      for (const b of [r.key, r.value])
        if (b) schemaIds.add(readConfluentFrame(Buffer.from(b, 'base64'))!.schemaId);
  }
  const schemas: Record<string, unknown> = {};
  for (const id of [...schemaIds].sort((a, b) => a - b)) {
    const res = await fetch(`${REGISTRY}/apis/ccompat/v7/schemas/ids/${id}`);
    schemas[id] = JSON.parse(((await res.json()) as { schema: string }).schema);
  }

  rmSync(OUT, { recursive: true, force: true });
  for (const [file, records] of captured) {
    const [form, table] = file.split('/') as [string, string];
    const out = join(OUT, form, `${table}.json`);
    mkdirSync(dirname(out), { recursive: true });
    const topic = `${FORMS.find((f) => f.form === form)!.prefix}.${table === 'transaction' ? '' : 'public.'}${table}`;
    const used =
      form === 'avro'
        ? Object.fromEntries(
            [
              ...new Set(
                records
                  .flatMap((r) => [r.key, r.value])
                  .filter((b): b is string => b !== null)
                  .map((b) => readConfluentFrame(Buffer.from(b, 'base64'))!.schemaId),
              ),
            ]
              .sort((a, b) => a - b)
              .map((id) => [id, schemas[id]]),
          )
        : undefined;
    writeFileSync(
      out,
      JSON.stringify(
        {
          captured:
            'Debezium 3.6.1.Final PostgreSQL connector (pgoutput) on the @ecom local stack, by libs/cdc/scripts/capture-golden.ts',
          form,
          topic,
          encoding: form === 'avro' ? 'base64' : 'utf8',
          connector: connectorConfigs[form],
          ...(used ? { schemas: used } : {}),
          records,
        },
        null,
        1,
      ) + '\n',
    );
  }
  log(`wrote ${captured.size} files under ${OUT}`);
  for (const f of FORMS) await connect.deleteConnector(`${f.prefix}-${RUN}`).catch(() => undefined);
  const cleanup = new pg.Client({ connectionString: PG_ADMIN });
  await cleanup.connect();
  await sleep(2000);
  await resetDatabase(cleanup);
  await cleanup.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await cleanup.end();
}

main().catch((e) => {
  process.stderr.write(`[capture-golden] FAILED: ${(e as Error)?.stack ?? e}\n`);
  process.exit(1);
});
