/**
 * Issue 14 §1 acceptance, first part: every shop table written by each Parquet writer candidate to S3Proxy (through
 * the `ObjectStore` port on the minio client), registered as a Trino external table typed from the same lake schema
 * (`trinoType`), and read back through Trino equal to what went in: decimals exact, timestamps to the microsecond in
 * UTC, nulls as nulls, leading zeros kept, int8 beyond 2^53 exact. Starts (or reuses) the stack's s3 and trino (`startLakeStack`); never skips.
 */
import { SHOP_TABLE_NAMES, getShopTable, type ShopTableName } from '@ecom/domain';
import { minioObjectStore } from '../src/adapters/index.js';
import { lakeSchema, toLakeBatch, trinoType, type ParquetFileWriter } from '../src/index.js';
import { hyparquetFileWriter } from '../src/writers/hyparquet-writer.js';
import { parquetWasmFileWriter, parquetjsFileWriter } from '../src/writers/index.js';
import { LAKE_STACK, asTrinoText, lakeS3Client, startLakeStack, trinoRows } from './lake-stack.js';
import { SHOP_ROWS } from './shop-rows.js';

const WRITERS: [string, ParquetFileWriter][] = [
  ['hyparquet', hyparquetFileWriter],
  ['parquetjs', parquetjsFileWriter],
  ['wasm', parquetWasmFileWriter],
];
const RUN = `it${Date.now().toString(36)}`;

describe('Trino reads the lake files of every writer', () => {
  const bucket = LAKE_STACK.s3.bucket;
  const store = minioObjectStore(lakeS3Client(), bucket);

  beforeAll(() => startLakeStack(), 300_000);

  describe.each(WRITERS)('%s', (short, writer) => {
    const schema = `lake.${RUN}_${short}`;
    const base = `lake-it/${RUN}/${short}`;

    beforeAll(async () => {
      await trinoRows(`CREATE SCHEMA ${schema} WITH (location = 's3://${bucket}/${base}/')`);
    }, 120_000);

    afterAll(async () => {
      for (const table of SHOP_TABLE_NAMES) await trinoRows(`DROP TABLE IF EXISTS ${schema}.${table}`);
      await trinoRows(`DROP SCHEMA IF EXISTS ${schema}`);
      for (const key of await store.list(`${base}/`)) await store.delete(key);
    }, 120_000);

    it.each(SHOP_TABLE_NAMES.map((t) => [t]))(
      '%s: types and values equal',
      async (table: ShopTableName) => {
        const { rows, expected } = SHOP_ROWS[table];
        const columns = lakeSchema(table);
        await store.put(`${base}/${table}/part-0.parquet`, await writer.write(toLakeBatch(table, rows)));
        const ddl = columns.map((c) => `${c.name} ${trinoType(c.type)}`).join(', ');
        await trinoRows(
          `CREATE TABLE ${schema}.${table} (${ddl}) WITH (external_location = 's3://${bucket}/${base}/${table}/', format = 'PARQUET')`,
        );
        const pk = getShopTable(table).primaryKey;
        const select = columns.map((c) => `CAST(${c.name} AS VARCHAR)`).join(', ');
        const got = await trinoRows(`SELECT ${select} FROM ${schema}.${table} ORDER BY ${pk}`);
        const want = [...expected]
          .sort((a, b) => Number(BigInt(a[pk] as string | number) - BigInt(b[pk] as string | number)))
          .map((row) => columns.map((c) => asTrinoText(row[c.name])));
        expect(got).toEqual(want);
      },
      120_000,
    );
  });
});
