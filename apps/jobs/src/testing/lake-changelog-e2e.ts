/**
 * The end-to-end run of the change-log export specs, in one place: a temp shop database on the stack's PostgreSQL,
 * a second, independent reader of its WAL (a `test_decoding` slot created before any change: the truth of which
 * changes were made), the run's own folder on the stack's S3 and its own Trino schema; and the checks: every change
 * in the files exactly once (by position), Trino's change-log counts per table and op equal to the WAL's, and every
 * current-state view equal to its PostgreSQL table. `lakeChangeLogE2e()` registers the suite's hooks.
 */
import { getShopTable, SHOP_TABLE_NAMES } from '@ecom/domain';
import { changeLogFolder, type TrinoQueryPort } from '@ecom/lakehouse';
import { minioObjectStore, prestoTrino } from '@ecom/lakehouse/adapters';
import { createTempDatabase, type TempDatabase } from '@ecom/domain/testing';
import { parquetReadObjects } from 'hyparquet';
import { Client as MinioClient } from 'minio';
import pg from 'pg';
import presto from 'presto-client';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { runRepoCli, runSimulator } from '../../../../libs/cdc/test/repo-cli.js';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { STACK, startStack } from '../../../../libs/cdc/test/stack-services.js';

/** The stack's S3Proxy and Trino, from the same ECOM_STACK_* variables and defaults as infra/stack/stack-config.ts. */
const LAKE = {
  s3Port: Number(process.env['ECOM_STACK_S3_PORT'] ?? 19000),
  accessKey: process.env['ECOM_STACK_S3_ACCESS_KEY'] ?? 'ecom-stack',
  secretKey: process.env['ECOM_STACK_S3_SECRET_KEY'] ?? 'ecom-stack-local-only',
  bucket: process.env['ECOM_STACK_S3_BUCKET'] ?? 'lake',
  trinoPort: Number(process.env['ECOM_STACK_TRINO_PORT'] ?? 18080),
};

/**
 * The lake settings of the stack (`LAKE_S3_*`, `TRINO_URL`), as the job and the `lake` CLI read them.
 *
 * @example
 * lakeStackEnv()['LAKE_S3_BUCKET']; // 'lake'
 */
export function lakeStackEnv(): Record<string, string> {
  return {
    LAKE_S3_ENDPOINT: `http://127.0.0.1:${LAKE.s3Port}`,
    LAKE_S3_ACCESS_KEY: LAKE.accessKey,
    LAKE_S3_SECRET_KEY: LAKE.secretKey,
    LAKE_S3_BUCKET: LAKE.bucket,
    TRINO_URL: `http://127.0.0.1:${LAKE.trinoPort}`,
  };
}

/**
 * The stack's S3 bucket as an `ObjectStore` (the lake's minio adapter).
 *
 * @example
 * const objects = stackObjectStore();
 */
export function stackObjectStore(): ReturnType<typeof minioObjectStore> {
  const client = new MinioClient({
    endPoint: '127.0.0.1',
    port: LAKE.s3Port,
    useSSL: false,
    accessKey: LAKE.accessKey,
    secretKey: LAKE.secretKey,
    region: 'us-east-1',
    pathStyle: true,
  });
  return minioObjectStore(client, LAKE.bucket);
}

function stackTrino(): TrinoQueryPort {
  const client = new presto.Client({
    host: '127.0.0.1',
    port: LAKE.trinoPort,
    user: 'ecom-jobs-it',
    engine: 'trino',
    catalog: 'lake',
    checkInterval: 200,
  });
  return prestoTrino(client, `http://127.0.0.1:${LAKE.trinoPort}`);
}

/** Changes per table and op (`c`, `u`, `d`), e.g. `orders/u` → 12. */
export type ChangeCounts = Record<string, number>;

/**
 * One change-log run (valid inside the suite's tests, after `beforeAll`).
 *
 * @example
 * const e2e = lakeChangeLogE2e();
 * async function body(): Promise<void> {
 *   await e2e.simulate(['generate', '--categories', '3', '--products', '20', '--customers', '10', '--seed', '7']);
 *   const { counts } = await e2e.files();
 *   console.log(counts, await e2e.walCounts());
 * }
 */
export interface LakeChangeLogE2e extends LakeChangeLogChecks {
  readonly run: string;
  readonly databaseUrl: string;
  readonly pool: pg.Pool;
  /** The job's replication slot (and publication). */
  readonly slot: string;
  /** The environment of the job (`jobs run lake-changelog` or the runner in process): database, S3, source. */
  readonly jobEnv: Record<string, string>;
  simulate(args: readonly string[]): Promise<void>;
  /** Whether the job's slot exists and a walsender holds it (`null`: no slot yet). */
  slotActive(): Promise<boolean | null>;
  /** What the independent WAL reader saw, per table and op. */
  walCounts(): Promise<ChangeCounts>;
}

/**
 * The checks of one run's change logs on the stack's S3 and Trino, over its shop database.
 *
 * @example
 * declare const checks: LakeChangeLogChecks;
 * async function body(): Promise<void> {
 *   const { duplicates } = await checks.files();
 *   if (duplicates.length > 0) throw new Error(`duplicated: ${duplicates.join(', ')}`);
 * }
 */
export interface LakeChangeLogChecks {
  /** The run's change-log folder in the bucket, and its Trino schema. */
  readonly prefix: string;
  readonly schema: string;
  /**
   * What the files on S3 hold, per table and op; every `source_partition|offset|index` seen more than once; the
   * objects under the run's folder that are not Parquet files (none may be: nothing partial is ever visible).
   */
  files(): Promise<{ counts: ChangeCounts; duplicates: string[]; files: number; strays: string[] }>;
  /** `npm run lake -- register --changelog` (the CLI as a process); throws with its output when it fails. */
  register(): Promise<string>;
  /** Trino's counts over the registered change logs. */
  trinoCounts(): Promise<ChangeCounts>;
  /** Every table's current-state view and its PostgreSQL table, as text rows in primary-key order. */
  currentState(table: string): Promise<{ lake: unknown[][]; postgres: unknown[][] }>;
}

const TRUTH_CHANGE = /^table public\.([a-z_]+): (INSERT|UPDATE|DELETE):/;
const OP = { INSERT: 'c', UPDATE: 'u', DELETE: 'd' } as const;

const add = (counts: ChangeCounts, key: string) => (counts[key] = (counts[key] ?? 0) + 1);

/** A column as Trino's `CAST(… AS VARCHAR)` prints it, in PostgreSQL SQL. */
function pgText(name: string, kind: string): string {
  const col = `"${name}"`;
  return kind === 'timestamptz'
    ? `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`
    : `${col}::text`;
}

/**
 * Registers the suite's set-up (stack services, temp database, the truth slot) and clean-up (slots, the run's
 * objects on S3), and returns the run.
 *
 * @example
 * const e2e = lakeChangeLogE2e();
 */
export function lakeChangeLogE2e(): LakeChangeLogE2e {
  const run = `cl${Date.now().toString(36)}${Math.floor(Math.random() * 1_000)}`;
  const slot = `${run}_job`;
  const truth = `${run}_truth`;
  let temp: TempDatabase | undefined;
  let pool: pg.Pool | undefined;
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the change-log run is used before its beforeAll');
    return value;
  };
  const checks = lakeChangeLogChecks(
    run,
    () => ready(pool),
    () => ready(temp).url,
  );

  beforeAll(async () => {
    startStack(['postgres', 's3', 'trino']);
    temp = await createTempDatabase({ prefix: 'ecom_jobs_cl', adminUrl: STACK.postgresUrl, migrate: true });
    pool = new pg.Pool({ connectionString: temp.url, max: 4 });
    pool.on('error', () => undefined);
    await pool.query(`SELECT pg_create_logical_replication_slot($1, 'test_decoding')`, [truth]);
  });

  afterAll(async () => {
    for (const s of [slot, truth])
      await pool
        ?.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1', [
          s,
        ])
        .catch(() => undefined);
    await pool?.end();
    await temp?.drop();
  });

  return {
    ...checks,
    run,
    slot,
    get databaseUrl() {
      return ready(temp).url;
    },
    get pool() {
      return ready(pool);
    },
    get jobEnv() {
      return {
        DATABASE_URL: ready(temp).url,
        ...lakeStackEnv(),
        LAKE_CHANGELOG_PREFIX: checks.prefix,
        LAKE_CHANGELOG_SOURCE: 'pgoutput',
        LAKE_CHANGELOG_SLOT: slot,
        KAFKA_BROKERS: '',
        LOG_LEVEL: 'info',
      };
    },
    simulate: (args) => runSimulator(ready(temp).url, args),
    async slotActive() {
      const { rows } = await ready(pool).query<{ active: boolean }>(
        'SELECT active FROM pg_replication_slots WHERE slot_name = $1',
        [slot],
      );
      return rows[0]?.active ?? null;
    },
    async walCounts() {
      // Decoding reads up to the flushed WAL: a synchronous commit first flushes every commit before it.
      const client = await ready(pool).connect();
      try {
        await client.query('BEGIN');
        await client.query('SET LOCAL synchronous_commit = on');
        await client.query('SELECT txid_current()');
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      const { rows } = await ready(pool).query<{ data: string }>(
        'SELECT data FROM pg_logical_slot_peek_changes($1, NULL, NULL)',
        [truth],
      );
      const counts: ChangeCounts = {};
      for (const { data } of rows) {
        const m = TRUTH_CHANGE.exec(data);
        if (m && (SHOP_TABLE_NAMES as readonly string[]).includes(m[1] as string))
          add(counts, `${m[1]}/${OP[m[2] as keyof typeof OP]}`);
      }
      return counts;
    },
  };
}

/**
 * The checks of a run's change logs (folder `it-changelog/<run>`, Trino schema `<run>`), with an `afterAll` that
 * deletes the run's objects and drops its schema.
 *
 * @example
 * declare const pool: import('pg').Pool;
 * const checks = lakeChangeLogChecks('run1', () => pool, () => 'postgres://postgres@127.0.0.1:55432/ecom');
 */
export function lakeChangeLogChecks(
  run: string,
  pool: () => pg.Pool,
  databaseUrl: () => string,
): LakeChangeLogChecks {
  const prefix = `it-changelog/${run}`;
  const schema = run.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const objects = stackObjectStore();
  const trino = stackTrino();
  const trinoRows = (sql: string) => trino.query(sql);

  afterAll(async () => {
    for (const table of SHOP_TABLE_NAMES)
      for (const key of await objects.list(changeLogFolder(prefix, table)).catch(() => [] as string[]))
        await objects.delete(key).catch(() => undefined);
    await trinoRows(`DROP SCHEMA IF EXISTS lake."${schema}" CASCADE`).catch(() => undefined);
  });

  return {
    prefix,
    schema,
    async files() {
      const counts: ChangeCounts = {};
      const seen = new Set<string>();
      const duplicates: string[] = [];
      let files = 0;
      const strays = (await objects.list(`${prefix}/`)).filter(
        (k) => !/\/event_date=[^/]+\/part-[^/]+\.parquet$/.test(k),
      );
      for (const table of SHOP_TABLE_NAMES)
        for (const key of await objects.list(changeLogFolder(prefix, table))) {
          const body = await objects.get(key);
          if (body === null) continue;
          files++;
          const file = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
          const rows = (await parquetReadObjects({
            file,
            columns: ['op', 'source_partition', 'source_offset', 'source_index'],
          })) as { op: string; source_partition: string; source_offset: bigint; source_index: number }[];
          for (const r of rows) {
            const id = `${r.source_partition}|${r.source_offset}|${r.source_index}`;
            if (seen.has(id)) duplicates.push(id);
            seen.add(id);
            add(counts, `${table}/${r.op}`);
          }
        }
      return { counts, duplicates, files, strays };
    },
    async register() {
      const out = await runRepoCli('libs/lakehouse/src/cli/main.ts', ['register', '--changelog'], {
        ...lakeStackEnv(),
        LAKE_DATABASE_URL: databaseUrl(),
        LAKE_CHANGELOG_PREFIX: prefix,
        LAKE_TRINO_SCHEMA: schema,
      });
      if (out.code !== 0) throw new Error(`lake register --changelog failed (${out.code}): ${out.stderr}`);
      return out.stdout;
    },
    async trinoCounts() {
      const counts: ChangeCounts = {};
      for (const table of SHOP_TABLE_NAMES) {
        const exists = await trinoRows(
          `SELECT count(*) FROM lake.information_schema.tables WHERE table_schema = '${schema}' AND table_name = '${table}_changelog'`,
        );
        if (Number(exists[0]?.[0]) === 0) continue;
        for (const [op, n] of await trinoRows(
          `SELECT op, count(*) FROM lake."${schema}"."${table}_changelog" GROUP BY op`,
        ))
          counts[`${table}/${String(op)}`] = Number(n);
      }
      return counts;
    },
    async currentState(table) {
      const definition = getShopTable(table as (typeof SHOP_TABLE_NAMES)[number]);
      const columns = Object.entries(definition.columns);
      const lake = await trinoRows(
        `SELECT ${columns.map(([n]) => `CAST("${n}" AS VARCHAR)`).join(', ')} FROM lake."${schema}"."${table}_current" ORDER BY "${definition.primaryKey}"`,
      );
      const { rows } = await pool().query({
        text: `SELECT ${columns.map(([n, hint]) => pgText(n, hint.kind)).join(', ')} FROM "${table}" ORDER BY "${table}"."${definition.primaryKey}"`,
        rowMode: 'array',
      });
      return { lake, postgres: rows as unknown[][] };
    },
  };
}
