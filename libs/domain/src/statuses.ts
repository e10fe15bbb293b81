import { z } from 'zod';

/**
 * Every order status. The database CHECKs `orders.status` against this list.
 *
 * @example
 * ```ts
 * ORDER_STATUSES.includes('paid'); // true
 * ```
 */
export const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'delivered', 'cancelled'] as const;

/**
 * Every payment status. The database CHECKs `payments.status` against this list.
 *
 * @example
 * ```ts
 * PAYMENT_STATUSES; // ['pending', 'completed', 'failed', 'refunded']
 * ```
 */
export const PAYMENT_STATUSES = ['pending', 'completed', 'failed', 'refunded'] as const;

/**
 * Every shipment status. The database CHECKs `shipments.status` against this list.
 *
 * @example
 * ```ts
 * SHIPMENT_STATUSES; // ['preparing', 'in_transit', 'delivered']
 * ```
 */
export const SHIPMENT_STATUSES = ['preparing', 'in_transit', 'delivered'] as const;

/**
 * Every payment method (the original's four, chosen uniformly by its simulators).
 *
 * @example
 * ```ts
 * PAYMENT_METHODS; // ['credit_card', 'debit_card', 'paypal', 'bank_transfer']
 * ```
 */
export const PAYMENT_METHODS = ['credit_card', 'debit_card', 'paypal', 'bank_transfer'] as const;

/**
 * Every `customer_events.event_type`: one per simulated action.
 *
 * @example
 * ```ts
 * CUSTOMER_EVENT_TYPES.includes('view_product'); // true
 * ```
 */
export const CUSTOMER_EVENT_TYPES = [
  'view_product',
  'browse_category',
  'add_to_cart',
  'remove_from_cart',
  'add_to_wishlist',
  'place_order',
  'payment',
  'shipment_update',
] as const;

/**
 * zod schema for an order status.
 *
 * @example
 * ```ts
 * orderStatusSchema.parse('shipped'); // 'shipped'
 * orderStatusSchema.safeParse('confirmed').success; // false (the original's ad-hoc value)
 * ```
 */
export const orderStatusSchema = z.enum(ORDER_STATUSES);

/**
 * zod schema for a payment status.
 *
 * @example
 * ```ts
 * paymentStatusSchema.parse('refunded'); // 'refunded'
 * ```
 */
export const paymentStatusSchema = z.enum(PAYMENT_STATUSES);

/**
 * zod schema for a shipment status.
 *
 * @example
 * ```ts
 * shipmentStatusSchema.parse('in_transit'); // 'in_transit'
 * ```
 */
export const shipmentStatusSchema = z.enum(SHIPMENT_STATUSES);

/**
 * zod schema for a payment method.
 *
 * @example
 * ```ts
 * paymentMethodSchema.parse('paypal'); // 'paypal'
 * ```
 */
export const paymentMethodSchema = z.enum(PAYMENT_METHODS);

/**
 * zod schema for a customer event type.
 *
 * @example
 * ```ts
 * customerEventTypeSchema.parse('add_to_cart'); // 'add_to_cart'
 * ```
 */
export const customerEventTypeSchema = z.enum(CUSTOMER_EVENT_TYPES);

/**
 * An order status.
 *
 * @example
 * ```ts
 * const status: OrderStatus = 'pending';
 * ```
 */
export type OrderStatus = z.infer<typeof orderStatusSchema>;

/**
 * A payment status.
 *
 * @example
 * ```ts
 * const status: PaymentStatus = 'completed';
 * ```
 */
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

/**
 * A shipment status.
 *
 * @example
 * ```ts
 * const status: ShipmentStatus = 'preparing';
 * ```
 */
export type ShipmentStatus = z.infer<typeof shipmentStatusSchema>;

/**
 * A payment method.
 *
 * @example
 * ```ts
 * const method: PaymentMethod = 'bank_transfer';
 * ```
 */
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

/**
 * A customer event type.
 *
 * @example
 * ```ts
 * const type: CustomerEventType = 'view_product';
 * ```
 */
export type CustomerEventType = z.infer<typeof customerEventTypeSchema>;
