// Type-checked by the packaging test against the INSTALLED @ecom/* tarballs (tsc --noEmit, strict, nodenext).
import {
  createDecoder,
  toCanonicalJson,
  toDomainRecord,
  typeMapFromShopTables,
  type DecodeResult,
} from '@ecom/cdc';
import { compareMoney, moneySchema, shopTables, type Money, type Order } from '@ecom/domain';
import { highValueOrderRule, type FraudAlert } from '@ecom/fraud';
import { dataFileKey, hivePartition, type ObjectStore } from '@ecom/lakehouse';
import { AlsRecommender, InteractionMatrix, trainAls, type Recommendation } from '@ecom/recommendations';
import { createWindowOperator, sum, tumbling, type WindowResult } from '@ecom/windowing';

const total: Money = moneySchema.parse('12500000.00');
const cmp: -1 | 0 | 1 = compareMoney(total, '1.00');
const orderColumns: string[] = Object.keys(shopTables.orders.columns);

const order: Pick<Order, 'order_id' | 'customer_id' | 'total_price' | 'order_date'> = {
  order_id: 1,
  customer_id: 2,
  total_price: total,
  order_date: new Date(0),
};
const alert: FraudAlert | null = highValueOrderRule().evaluate(order);

const key: string = dataFileKey({ partition: hivePartition({ table: 'orders', eventTimeMs: 0 }), batchId: 'b1' });
declare const store: ObjectStore;
const put: Promise<void> = store.put(key, new Uint8Array());

const results: WindowResult<string, number>[] = [];
const revenue = createWindowOperator<string, number, number, number>({
  assigner: tumbling({ size: 60_000 }),
  aggregate: sum(),
  watermarks: { type: 'bounded', outOfOrderness: 0 },
  onResult: (r) => results.push(r),
});
revenue.onElement('customer-42', 1250, 1_000, 0);

const decoded: DecodeResult = createDecoder({ typeMap: typeMapFromShopTables() }).decodeSync({
  topic: 'ecommerce-cdc.public.orders',
  key: null,
  value: '{"op":"c","before":null,"after":{"order_id":1},"source":{"table":"orders","schema":"public"},"ts_ms":1}',
  headers: {},
});
const canonical: string = toCanonicalJson(decoded.ok ? decoded.value : decoded.error.code);
// decode → domain record → window, without conversions: the record is typed per table and carries epoch ms
let orderTotal: Money | null = null;
if (decoded.ok && decoded.value.kind === 'change') {
  const rec = toDomainRecord(decoded.value);
  if (rec.ok && rec.value.table === 'orders' && rec.value.after) {
    orderTotal = rec.value.after.total_price;
    revenue.onElement(String(rec.value.after.customer_id), 1, rec.value.eventTime, 0);
  }
}

const recommendations: Recommendation[] = new AlsRecommender(
  trainAls(InteractionMatrix.from([{ customerId: 1, productId: 10, weight: 1, lastAt: 0, count: 1 }]), {
    factors: 2,
  }).toFactors(),
).recommend(1, 10);

export { alert, canonical, cmp, orderColumns, orderTotal, put, recommendations, revenue };
