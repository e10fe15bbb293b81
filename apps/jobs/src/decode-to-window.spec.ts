/**
 * The libraries fit together for a job: real Debezium change events (captured from Debezium 3.6.1 by
 * libs/cdc/scripts/capture-golden.ts, in all four wire forms) → @ecom/cdc decoder → typed domain record → an
 * @ecom/windowing event-time window summing order totals exactly → results. The test writes no conversion of its own:
 * event time comes from the domain record (epoch ms), money stays an exact decimal string.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createDecoder,
  InMemorySchemaRegistry,
  toDomainRecord,
  typeMapFromShopTables,
  type AvroSchema,
} from '@ecom/cdc';
import type { Order } from '@ecom/domain';
import { aggregates, count, createWindowOperator, decimalSum, tumbling } from '@ecom/windowing';

const GOLDEN = join(__dirname, '../../../libs/cdc/src/__fixtures__/golden');
const FORMS = ['json-schema', 'json-schemaless', 'unwrapped', 'avro'] as const;
const DAY = 86_400_000;

interface GoldenFile {
  topic: string;
  encoding: 'utf8' | 'base64';
  schemas?: Record<string, AvroSchema>;
  records: { partition: number; offset: string; key: string | null; value: string | null }[];
}

function load(form: string, table: string): GoldenFile {
  return JSON.parse(readFileSync(join(GOLDEN, form, `${table}.json`), 'utf8')) as GoldenFile;
}

/** Runs one wire form of the captured orders topic through decode → domain record → window. */
async function revenuePerCustomerDay(form: (typeof FORMS)[number]) {
  const file = load(form, 'orders');
  const decoder = createDecoder({
    typeMap: typeMapFromShopTables(),
    registry: file.schemas
      ? new InMemorySchemaRegistry(Object.entries(file.schemas).map(([id, s]) => [Number(id), s] as const))
      : undefined,
  });
  const op = createWindowOperator({
    assigner: tumbling({ size: DAY }),
    aggregate: aggregates({ changes: count(), totals: decimalSum((o: Order) => o.total_price) }),
    emit: 'final',
  });
  let changes = 0;
  for (const r of file.records) {
    const decoded = await decoder.decode({
      topic: file.topic,
      partition: r.partition,
      offset: r.offset,
      key: r.key === null ? null : Buffer.from(r.key, file.encoding),
      value: r.value === null ? null : Buffer.from(r.value, file.encoding),
    });
    if (!decoded.ok) throw decoded.error;
    if (decoded.value.kind !== 'change') continue; // tombstones after deletes
    const record = toDomainRecord(decoded.value);
    if (!record.ok) throw record.error;
    const domain = record.value;
    if (domain.table !== 'orders' || domain.after === null) continue; // the delete of order 3
    changes++;
    op.onElement(domain.after.customer_id, domain.after, domain.eventTime);
  }
  op.onWatermark(Number.MAX_SAFE_INTEGER);
  const results = op.drain().results.map((r) => ({ customer: r.key, window: r.window, ...r.value }));
  return { changes, results: results.sort((a, b) => a.window.start - b.window.start) };
}

describe('decode → domain record → window (real captured Debezium events)', () => {
  it.each(FORMS)(
    '%s: exact per-customer daily sum of order totals, event time from order_date',
    async (form) => {
      const { changes, results } = await revenuePerCustomerDay(form);
      // capture-golden.ts: orders 1 (customer 1, 2026-11-25 10:15:30.123456+07, 0.00 then updated to 2099.98),
      // 2 (customer 2, 1900-01-01 00:00:00.000001Z, 12345678901.23), 3 (customer 1, 2262-04-11 23:47:16.854775Z, 0.10).
      expect(changes).toBe(4);
      expect(results).toEqual([
        {
          customer: 2,
          window: { start: Date.UTC(1900, 0, 1), end: Date.UTC(1900, 0, 2) },
          changes: 1,
          totals: '12345678901.23',
        },
        {
          customer: 1,
          window: { start: Date.UTC(2026, 10, 25), end: Date.UTC(2026, 10, 26) },
          changes: 2,
          totals: '2099.98',
        },
        {
          customer: 1,
          window: { start: Date.UTC(2262, 3, 11), end: Date.UTC(2262, 3, 12) },
          changes: 1,
          totals: '0.10',
        },
      ]);
    },
  );

  it('every wire form gives the same results', async () => {
    const all = await Promise.all(FORMS.map((form) => revenuePerCustomerDay(form)));
    for (const other of all.slice(1)) expect(other).toEqual(all[0]);
  });
});
