import type { Customer, Order, OrderItem, Payment } from '@ecom/domain';

/**
 * A decoded change record, structurally an `@ecom/cdc` `DomainRecord`: `table`, `op` (@ecom/cdc's `create`, `update`, `read`, `delete`, `truncate`; Debezium's letters `c`, `u`, `r`, `d`, `t` too), the
 * validated row `after` (an @ecom/domain `Order`, `OrderItem`, `Payment` or `Customer`) and its event time (epoch ms).
 * Other tables, deletes and truncates are ignored.
 *
 * @example
 * const r: FraudRecord = { table: 'orders', op: 'c', eventTime: 1_700_000_000_000,
 *   after: { order_id: 1, customer_id: 7, total_price: '150000.00', order_date: new Date(1_700_000_000_000) } };
 */
export interface FraudRecord {
  readonly table: string;
  readonly op: string;
  readonly after: unknown;
  readonly eventTime: number;
}

/**
 * The order fields the detector reads.
 *
 * @example
 * const o: OrderInput = { order_id: 1, customer_id: 7, total_price: '150000.00', order_date: new Date(0) };
 */
export type OrderInput = Pick<Order, 'order_id' | 'customer_id' | 'total_price' | 'order_date'>;

/**
 * The order-item fields the detector reads.
 *
 * @example
 * const i: OrderItemInput = { order_item_id: 1, order_id: 1, product_id: 3, quantity: 2, created_at: new Date(0) };
 */
export type OrderItemInput = Pick<
  OrderItem,
  'order_item_id' | 'order_id' | 'product_id' | 'quantity' | 'created_at'
>;

/**
 * The payment fields the detector reads.
 *
 * @example
 * const p: PaymentInput = { payment_id: 1, order_id: 1, customer_id: 7, payment_method: 'paypal', amount: '150000.00', status: 'failed', payment_date: new Date(0) };
 */
export type PaymentInput = Pick<
  Payment,
  'payment_id' | 'order_id' | 'customer_id' | 'payment_method' | 'amount' | 'status' | 'payment_date'
>;

/**
 * The customer fields the detector reads.
 *
 * @example
 * const c: CustomerInput = { customer_id: 7, created_at: new Date(0) };
 */
export type CustomerInput = Pick<Customer, 'customer_id' | 'created_at'>;
