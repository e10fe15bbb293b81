// Type-checked by the packaging test against the INSTALLED @ecom/* tarballs (tsc --noEmit, strict, nodenext).
import { compareMoney, moneySchema, shopTables, type Money, type Order } from '@ecom/domain';
import { highValueOrderRule, type FraudAlert } from '@ecom/fraud';
import { dataFileKey, hivePartition, type ObjectStore } from '@ecom/lakehouse';

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

export { alert, cmp, orderColumns, put };
