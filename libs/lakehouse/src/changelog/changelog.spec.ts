import { createChangeLogTableSql, createCurrentStateViewSql } from '../register/changelog-ddl.js';
import { readParquet } from '../../test/read-parquet.js';
import { changeLogEventDate, changeLogFileKey } from './changelog-files.js';
import { changeLogSchema, type ChangeLogChange } from './changelog-schema.js';
import { encodeChangeLogFile, planChangeLogFiles, writeChangeLogFiles } from './write-changelog-files.js';
import type { ObjectStore } from '../object-store.js';

const category = (id: number, name: string) => ({
  category_id: id,
  name,
  description: null,
  created_at: '2026-12-03T23:59:59.123456Z',
  updated_at: '2026-12-03T23:59:59.123456Z',
});

const change = (offset: number, ts: string, op: ChangeLogChange['op'], id: number): ChangeLogChange => ({
  op,
  ts,
  lsn: String(1000 + offset),
  sourcePartition: 'pgoutput:ecom_lake/0',
  sourceOffset: String(5000 + offset),
  sourceIndex: offset % 3,
  before: op === 'c' ? null : category(id, `old ${id}`),
  after: op === 'd' ? null : category(id, `new ${id}`),
});

describe('change-log layout', () => {
  it('names a file by table, UTC day and the first and last positions it covers', () => {
    expect(
      changeLogFileKey({
        prefix: 'changelog',
        table: 'orders',
        eventDate: '2026-12-04',
        sourcePartition: 'ecommerce-cdc.public.orders/2',
        first: { offset: '12', index: 0 },
        last: { offset: '40', index: 0 },
      }),
    ).toBe('changelog/orders/event_date=2026-12-04/part-ecommerce-cdc.public.orders_2-12_0-40_0.parquet');
    expect(changeLogEventDate('2026-12-04T23:30:00-02:00')).toBe('2026-12-05');
    expect(() =>
      changeLogFileKey({
        prefix: 'changelog',
        table: 'orders',
        eventDate: '2026-12-04',
        sourcePartition: 'p',
        first: { offset: '41', index: 0 },
        last: { offset: '40', index: 0 },
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_BATCH_ID' }));
    expect(() => changeLogEventDate('yesterday')).toThrow(
      expect.objectContaining({ code: 'INVALID_EVENT_TIME' }),
    );
    expect(() =>
      changeLogFileKey({
        prefix: '../x',
        table: 'orders',
        eventDate: '2026-12-04',
        sourcePartition: 'p',
        first: { offset: '1', index: 0 },
        last: { offset: '1', index: 0 },
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_PREFIX' }));
  });

  it('has the metadata columns, then before_ and after_ columns typed like the table, all nullable', () => {
    const columns = changeLogSchema('categories');
    expect(columns.map((c) => c.name)).toEqual([
      'op', 'ts', 'lsn', 'source_partition', 'source_offset', 'source_index',
      'before_category_id', 'before_name', 'before_description', 'before_created_at', 'before_updated_at',
      'after_category_id', 'after_name', 'after_description', 'after_created_at', 'after_updated_at',
    ]); // prettier-ignore
    expect(columns.find((c) => c.name === 'after_name')).toEqual({
      name: 'after_name',
      type: { kind: 'string', maxLength: 100 },
      nullable: true,
    });
    expect(() => changeLogSchema('nope')).toThrow(expect.objectContaining({ code: 'UNKNOWN_TABLE' }));
  });

  it('plans one file per table and day, refuses positions out of order, and writes the same keys again', async () => {
    const entries = [
      { table: 'categories', change: change(0, '2026-12-03T23:59:59.999999Z', 'c', 1) },
      { table: 'categories', change: change(1, '2026-12-04T00:00:00Z', 'u', 1) },
      { table: 'categories', change: change(2, '2026-12-04T00:00:01Z', 'd', 1) },
    ];
    const plans = planChangeLogFiles('changelog', entries);
    expect(plans.map((p) => p.key)).toEqual([
      'changelog/categories/event_date=2026-12-03/part-pgoutput_ecom_lake_0-5000_0-5000_0.parquet',
      'changelog/categories/event_date=2026-12-04/part-pgoutput_ecom_lake_0-5001_1-5002_2.parquet',
    ]);
    expect(() => planChangeLogFiles('changelog', [entries[1]!, entries[1]!])).toThrow(
      expect.objectContaining({ code: 'INVALID_BATCH_ID' }),
    );
    const objects = new Map<string, Uint8Array>();
    const store: ObjectStore = {
      put: async (k, b) => void objects.set(k, b),
      get: async (k) => objects.get(k) ?? null,
      list: async (p) => [...objects.keys()].filter((k) => k.startsWith(p)),
      delete: async (k) => void objects.delete(k),
    };
    const keys = await writeChangeLogFiles({ store, prefix: 'changelog', entries });
    await writeChangeLogFiles({ store, prefix: 'changelog', entries });
    expect([...objects.keys()]).toEqual(keys);

    const read = await readParquet(await encodeChangeLogFile(plans[1]!));
    expect(read.rows).toEqual([
      expect.objectContaining({
        op: 'u',
        ts: '2026-12-04T00:00:00.000000Z',
        lsn: '1001',
        source_offset: '5001',
        source_index: 1,
        before_name: 'old 1',
        after_name: 'new 1',
        after_created_at: '2026-12-03T23:59:59.123456Z',
        before_description: null,
      }),
      expect.objectContaining({ op: 'd', before_category_id: 1, after_category_id: null, after_name: null }),
    ]);
  });

  it('registers an external table partitioned by event_date and a current-state view of the latest non-delete', () => {
    const target = { catalog: 'lake', schema: 'shop' };
    const table = createChangeLogTableSql(target, 'categories', 's3://lake/changelog/categories/');
    expect(table).toMatch(
      /^CREATE TABLE IF NOT EXISTS "lake"\."shop"\."categories_changelog" \("op" VARCHAR\(1\), "ts" TIMESTAMP\(6\), "lsn" BIGINT/,
    );
    expect(table).toContain(`"after_name" VARCHAR(100), "after_description" VARCHAR`);
    expect(table).toMatch(
      /"event_date" VARCHAR\) WITH \(external_location = 's3:\/\/lake\/changelog\/categories\/', format = 'PARQUET', partitioned_by = ARRAY\['event_date'\]\)$/,
    );
    const view = createCurrentStateViewSql(target, 'categories');
    expect(view).toContain(
      'PARTITION BY coalesce("after_category_id", "before_category_id") ORDER BY "source_offset" DESC, "source_index" DESC',
    );
    expect(view).toMatch(/WHERE "change_rank" = 1 AND "op" <> 'd'$/);
  });
});
