import { z } from 'zod';
import { column } from '../column-hint.js';
import { bigIdSchema, idSchema, quantitySchema, timestampSchema } from '../primitives.js';
import { defineShopTable } from '../shop-table.js';
import { customerEventTypeSchema, type CustomerEventType } from '../statuses.js';

/**
 * Which subject column each event type must fill. The database CHECKs this (`customer_events_subject_check`):
 * product events need `product_id`, `browse_category` needs `category_id`, order events need `order_id`.
 *
 * @example
 * ```ts
 * CUSTOMER_EVENT_SUBJECT.add_to_cart; // 'product_id'
 * CUSTOMER_EVENT_SUBJECT.shipment_update; // 'order_id'
 * ```
 */
export const CUSTOMER_EVENT_SUBJECT: {
  readonly [T in CustomerEventType]: 'product_id' | 'category_id' | 'order_id';
} = {
  view_product: 'product_id',
  browse_category: 'category_id',
  add_to_cart: 'product_id',
  remove_from_cart: 'product_id',
  add_to_wishlist: 'product_id',
  place_order: 'order_id',
  payment: 'order_id',
  shipment_update: 'order_id',
};

/**
 * zod schema of a `customer_events` row: one append-only row per simulated customer action.
 *
 * @remarks `event_time` is the event time (back-dated in historical mode); `created_at` is when the row was written.
 * `event_id` is a bigint identity, returned as a string. `quantity` is set for cart events.
 *
 * @example
 * ```ts
 * const event = customerEventSchema.parse(row);
 * event.event_type; // 'view_product'
 * ```
 */
export const customerEventSchema = z.object({
  event_id: bigIdSchema,
  event_time: timestampSchema,
  event_type: customerEventTypeSchema,
  customer_id: idSchema,
  session_id: z.guid({ message: 'Expected a session id in UUID form' }),
  product_id: idSchema.nullable(),
  category_id: idSchema.nullable(),
  order_id: idSchema.nullable(),
  quantity: quantitySchema.nullable(),
  created_at: timestampSchema,
});

/**
 * A `customer_events` row.
 *
 * @example
 * ```ts
 * const views = (events: CustomerEvent[]) => events.filter((e) => e.event_type === 'view_product');
 * ```
 */
export type CustomerEvent = z.infer<typeof customerEventSchema>;

/**
 * zod schema of a new customer event: id, `event_time` (default now), subjects, `quantity` and `created_at` optional.
 *
 * @example
 * ```ts
 * customerEventInsertSchema.parse({
 *   event_type: 'view_product', customer_id: 7, product_id: 42,
 *   session_id: '0f8b6c1e-3d2a-4c5b-9e7f-1a2b3c4d5e6f', event_time: '2025-03-01T09:30:00Z',
 * });
 * ```
 */
export const customerEventInsertSchema = customerEventSchema.partial({
  event_id: true,
  event_time: true,
  product_id: true,
  category_id: true,
  order_id: true,
  quantity: true,
  created_at: true,
});

/**
 * A new customer event.
 *
 * @example
 * ```ts
 * const input: CustomerEventInsert = { event_type: 'browse_category', customer_id: 7, category_id: 3, session_id: 'c0a8f3e2-1b4d-4f6a-9c2e-0d1e2f3a4b5c' };
 * ```
 */
export type CustomerEventInsert = z.infer<typeof customerEventInsertSchema>;

/**
 * The `customer_events` table (append-only: the database rejects UPDATE).
 *
 * @example
 * ```ts
 * customerEventsTable.columns.event_id.kind; // 'bigint'
 * customerEventsTable.updatedAtColumn; // null
 * ```
 */
export const customerEventsTable = defineShopTable({
  name: 'customer_events',
  schema: customerEventSchema,
  insertSchema: customerEventInsertSchema,
  primaryKey: 'event_id',
  columns: {
    event_id: column.bigint(),
    event_time: column.timestamptz(),
    event_type: column.varchar(32),
    customer_id: column.integer(),
    session_id: column.uuid(),
    product_id: column.integer(true),
    category_id: column.integer(true),
    order_id: column.integer(true),
    quantity: column.integer(true),
    created_at: column.timestamptz(),
  },
  eventTimeColumn: 'event_time',
  updatedAtColumn: null,
  replicaIdentityFull: false,
});
