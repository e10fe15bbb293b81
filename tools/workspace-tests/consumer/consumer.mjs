// Run by the packaging test with plain Node against the INSTALLED @ecom/* tarballs.
import assert from 'node:assert/strict';
import { createDecoder, toDomainRecord } from '@ecom/cdc';
import { compareMoney, shopTables } from '@ecom/domain';
import { highValueOrderRule } from '@ecom/fraud';
import { dataFileKey, hivePartition } from '@ecom/lakehouse';
import { AlsRecommender, InteractionMatrix, decodeFactors, encodeFactors, trainAls } from '@ecom/recommendations';
import { createWindowOperator, sum, tumbling } from '@ecom/windowing';

assert.equal(compareMoney('10.00', '9.99'), 1);
assert.ok(shopTables.orders);
assert.equal(
  highValueOrderRule().evaluate({ order_id: 1, customer_id: 2, total_price: '10000000.01', order_date: new Date(0) })
    ?.ruleId,
  'high-value-order',
);
assert.equal(
  dataFileKey({ partition: hivePartition({ table: 'orders', eventTimeMs: 0 }), batchId: 'b1' }),
  'orders/dt=1970-01-01/hour=00/part-b1.parquet',
);
const results = [];
const op = createWindowOperator({
  assigner: tumbling({ size: 60_000 }),
  aggregate: sum(),
  watermarks: { type: 'bounded', outOfOrderness: 0 },
  onResult: (r) => results.push(r),
});
op.onElement('c1', 5, 1_000, 0);
op.onElement('c1', 7, 2_000, 0);
op.onElement('c1', 1, 61_000, 0); // watermark passes 59_999: the first window fires
assert.deepEqual(
  results.map((r) => [r.key, r.window.start, r.window.end, r.value]),
  [['c1', 0, 60_000, 12]],
);
const result = createDecoder().decodeSync({
  topic: 'ecommerce-cdc.public.orders',
  key: null,
  value: '{"op":"u","before":null,"after":{"order_id":1,"status":"paid"},"source":{"table":"orders","schema":"public","lsn":36028797018963970},"ts_ms":1}',
  headers: {},
});
assert.equal(result.ok, true);
const event = result.value;
assert.equal(event.kind, 'change');
assert.equal(event.op, 'update');
assert.equal(event.source.lsn, 36028797018963970n);
assert.equal(event.beforeMissing, true);
const invalid = toDomainRecord(event); // an order row without its required columns
assert.equal(invalid.ok, false);
assert.equal(invalid.error.code, 'DOMAIN_VALIDATION');
assert.equal(invalid.error.cause.code, 'invalid_record');
const matrix = InteractionMatrix.from([
  { customerId: 1, productId: 10, weight: 1, lastAt: 0, count: 1 },
  { customerId: 2, productId: 11, weight: 2, lastAt: 0, count: 1 },
]);
const model = trainAls(matrix, { factors: 2, iterations: 2 });
const decoded = decodeFactors(encodeFactors({ modelId: 'm1' }, model.toFactors()));
assert.equal(decoded.version.modelId, 'm1');
assert.equal(new AlsRecommender(decoded.factors).recommend(1, 5).length, 2);
console.log('consumer ok');
