// Run by the packaging test with plain Node against the INSTALLED @ecom/* tarballs.
import assert from 'node:assert/strict';
import { compareMoney, shopTables } from '@ecom/domain';
import { highValueOrderRule } from '@ecom/fraud';
import { dataFileKey, hivePartition } from '@ecom/lakehouse';

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
console.log('consumer ok');
