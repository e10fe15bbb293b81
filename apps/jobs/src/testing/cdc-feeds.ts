/**
 * The CDC paths of the end-to-end specs, behind one small interface: the built-in pgoutput source writing Debezium
 * JSON to Kafka from the spec's process, or Debezium itself on the stack's Kafka Connect, registered with
 * `cdc connector register` (JSON with schemas, or Avro through the stack's Apicurio registry), as a user would.
 */
import {
  createKafkaCdcSink,
  createPgoutputSource,
  KafkaConnectClient,
  type PgoutputSource,
} from '@ecom/cdc/adapters';
import type { Producer } from 'kafkajs';
import pg from 'pg';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { runRepoCli } from '../../../../libs/cdc/test/repo-cli.js';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { STACK } from '../../../../libs/cdc/test/stack-services.js';
import { waitFor } from '../runtime/testing/wait-for.js';

/**
 * Where a feed runs: the shop database (its owner's URL), the topic prefix and the tables to capture.
 *
 * @example
 * const target: FeedTarget = { databaseUrl: 'postgres://postgres@127.0.0.1:55432/shop', prefix: 'e2e-cdc', tables: ['orders'], producer: null as never };
 */
export interface FeedTarget {
  readonly databaseUrl: string;
  readonly prefix: string;
  readonly tables: readonly string[];
  /** The spec's producer (the built-in source writes through it). */
  readonly producer: Producer;
}

/**
 * One CDC path.
 *
 * @example
 * const feed = builtinFeed();
 * feed.services; // ['postgres', 'kafka']
 */
export interface CdcFeed {
  readonly name: string;
  /** The stack services it needs. */
  readonly services: readonly string[];
  /** What the job instances need to decode its topics. */
  readonly jobEnv: Readonly<Record<string, string>>;
  start(target: FeedTarget): Promise<void>;
  /** Throws when the feed has stopped by itself (with its error). */
  check(): Promise<void>;
  /** Stops it and drops its slot and publication. */
  stop(): Promise<void>;
}

const slotFrom = (prefix: string) => prefix.replace(/[^a-z0-9_]/g, '_');

/** Drops the slot (once inactive) and the publication; whether the slot is gone. */
async function dropSlot(databaseUrl: string, slot: string, publication: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    await client.query(
      'SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active',
      [slot],
    );
    await client.query(`DROP PUBLICATION IF EXISTS "${publication}"`);
    const left = await client.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [slot]);
    return left.rowCount === 0;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The built-in pgoutput source, in the spec's process, writing JSON envelopes (with schemas) through the producer.
 *
 * @example
 * const feed = builtinFeed();
 */
export function builtinFeed(): CdcFeed {
  let source: PgoutputSource | undefined;
  let running: Promise<void> | undefined;
  let error: unknown;
  let target: FeedTarget | undefined;
  const slot = () => `${slotFrom(target?.prefix ?? '')}_builtin`;
  return {
    name: 'the built-in CDC source',
    services: ['postgres', 'kafka'],
    jobEnv: {},
    async start(t) {
      target = t;
      source = createPgoutputSource({
        driver: pg,
        connection: t.databaseUrl,
        slotName: slot(),
        publicationName: slot(),
        tables: t.tables.map((table) => `public.${table}`),
        topicPrefix: t.prefix,
      });
      running = source.run(createKafkaCdcSink(t.producer)).catch((e: unknown) => {
        error = e;
      });
    },
    async check() {
      if (error !== undefined) throw new Error(`the built-in CDC source stopped: ${String(error)}`);
    },
    async stop() {
      await source?.stop();
      await running;
      if (target) await dropSlot(target.databaseUrl, slot(), slot());
    },
  };
}

/**
 * Debezium on the stack's Kafka Connect, registered with `npm run cdc -- connector register` (the owner's
 * DATABASE_URL, the default REPLICATION-only role `ecom_cdc`), format `json` (embedded schemas) or `avro`
 * (Apicurio, read by the jobs through its Confluent-compatible API).
 *
 * @example
 * const feed = debeziumFeed('avro');
 * feed.jobEnv; // { JOBS_SCHEMA_REGISTRY_URL: 'http://127.0.0.1:18081/apis/ccompat/v7' }
 */
export function debeziumFeed(format: 'json' | 'avro'): CdcFeed {
  const api = new KafkaConnectClient({ url: STACK.connectUrl });
  let target: FeedTarget | undefined;
  const name = () => `${target?.prefix ?? 'e2e'}-debezium`;
  return {
    name: `Debezium (${format})`,
    services:
      format === 'avro' ? ['postgres', 'kafka', 'connect', 'registry'] : ['postgres', 'kafka', 'connect'],
    jobEnv: format === 'avro' ? { JOBS_SCHEMA_REGISTRY_URL: `${STACK.registryUrl}/apis/ccompat/v7` } : {},
    async start(t) {
      target = t;
      const db = new URL(t.databaseUrl);
      const owner = new pg.Client({ connectionString: t.databaseUrl });
      await owner.connect();
      try {
        await owner.query(`GRANT ALL PRIVILEGES ON DATABASE "${db.pathname.slice(1)}" TO ecom_cdc`);
      } finally {
        await owner.end();
      }
      const cdcUrl = new URL(t.databaseUrl);
      cdcUrl.username = 'ecom_cdc';
      const r = await runRepoCli(
        'libs/cdc/src/cli/main.ts',
        ['connector', 'register', '--name', name(), '--topic-prefix', t.prefix, '--format', format],
        {
          CONNECT_URL: STACK.connectUrl,
          DATABASE_URL: t.databaseUrl,
          CDC_DATABASE_URL: cdcUrl.toString(),
          APICURIO_URL: `${STACK.registryUrl}/apis/registry/v2`,
        },
      );
      if (r.code !== 0) throw new Error(`connector register exited ${r.code}: ${r.stdout}${r.stderr}`);
      await waitFor(async () => {
        await this.check();
        const status = await api.getConnectorStatus(name()).catch(() => undefined);
        return status?.connector.state === 'RUNNING' && status.tasks[0]?.state === 'RUNNING';
      }, 60_000);
    },
    async check() {
      const status = await api.getConnectorStatus(name()).catch(() => undefined);
      const failed = status?.tasks.find((t) => t.state === 'FAILED');
      if (failed) throw new Error(`the Debezium task FAILED: ${failed.trace ?? ''}`);
    },
    async stop() {
      await api.deleteConnector(name()).catch(() => undefined);
      if (target) {
        const slot = slotFrom(target.prefix);
        // Connect releases the slot a moment after the delete: wait until it can be dropped.
        await waitFor(
          () => dropSlot(target?.databaseUrl ?? '', `${slot}_slot`, `${slot}_publication`),
          30_000,
        ).catch(() => undefined);
      }
    },
  };
}
