import { getShopTable } from '@ecom/domain';
import { LakehouseError } from '../errors.js';
import type { ShopRowSource } from '../export/shop-row-source.js';
import { lakePartitionKey } from '../table-layout.js';

/**
 * The part of a connected `pg` 8 `Client` the reader uses, typed structurally so that @ecom/lakehouse does not
 * depend on `pg`: pass a `new pg.Client({ connectionString, types: lakePgTypes(pg.types) })` after `connect()`.
 */
export interface PgClientLike {
  query(text: string): Promise<{ rows: Record<string, unknown>[] }>;
}

/** The `pg.types` registry (only `getTypeParser` is used). */
export interface PgTypesLike {
  getTypeParser(oid: number, format?: string): (text: string) => unknown;
}

const TIMESTAMPTZ = 1184;
const DATE = 1082;
const JSON_OIDS = new Set([114, 3802]);

/**
 * Type parsers for the lake's reads: `timestamptz` as ISO-8601 UTC text with every microsecond (node-postgres's
 * `Date` keeps milliseconds only; the session runs in UTC), `date` as `YYYY-MM-DD`, `json`/`jsonb` as their text.
 * numeric and int8 stay node-postgres's exact strings.
 *
 * @example
 * import pg from 'pg';
 * const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:55432/ecom', types: lakePgTypes(pg.types) });
 */
export function lakePgTypes(types: PgTypesLike): PgTypesLike {
  return {
    getTypeParser(oid, format) {
      if (oid === TIMESTAMPTZ) return (text) => text.replace(' ', 'T').replace(/\+00$/, 'Z');
      if (oid === DATE || JSON_OIDS.has(oid)) return (text) => text;
      return types.getTypeParser(oid, format);
    },
  };
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function run(client: PgClientLike, sql: string, what: string) {
  try {
    return await client.query(sql);
  } catch (e) {
    throw new LakehouseError('POSTGRES_FAILED', `${what}: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * Reads shop tables from PostgreSQL in one `REPEATABLE READ READ ONLY` transaction (every table from the same
 * database snapshot), each through a server-side cursor, so no table has to fit in memory. Rows come by primary
 * key; for a partitioned table (orders, customer events) by event time, then primary key.
 *
 * @throws {@link LakehouseError} `POSTGRES_FAILED` naming the statement that failed.
 *
 * @example
 * import pg from 'pg';
 * const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:55432/ecom', types: lakePgTypes(pg.types) });
 * await client.connect();
 * const reader = await pgShopReader(client);
 * for await (const rows of reader.readTable('orders', 50_000)) console.log(rows.length);
 * await reader.close();
 */
export async function pgShopReader(client: PgClientLike): Promise<ShopRowSource> {
  await run(client, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', 'start the export transaction');
  await run(client, "SET LOCAL TIME ZONE 'UTC'", 'set the session time zone');
  return {
    async *readTable(table, batchRows) {
      const { primaryKey, columns } = getShopTable(table);
      const list = Object.keys(columns).map(ident).join(', ');
      // Partitioned tables come in event-time order, so each partition's rows arrive together and fill whole files.
      const partition = lakePartitionKey(table);
      const order = [...(partition ? [partition.sourceColumn] : []), primaryKey].map(ident).join(', ');
      const cursor = ident(`lake_${table}`);
      await run(
        client,
        `DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT ${list} FROM public.${ident(table)} ORDER BY ${order}`,
        `read table ${table}`,
      );
      try {
        for (;;) {
          const { rows } = await run(
            client,
            `FETCH ${Math.max(1, Math.floor(batchRows))} FROM ${cursor}`,
            `read table ${table}`,
          );
          if (rows.length === 0) break;
          yield rows;
        }
      } finally {
        await client.query(`CLOSE ${cursor}`).catch(() => undefined);
      }
    },
    async close() {
      await client.query('COMMIT').catch(() => undefined);
    },
  };
}
