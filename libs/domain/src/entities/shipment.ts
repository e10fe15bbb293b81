import { z } from 'zod';
import { column } from '../column-hint.js';
import { idSchema, timestampSchema, varchar } from '../primitives.js';
import { defineShopTable } from '../shop-table.js';
import { shipmentStatusSchema } from '../statuses.js';

/**
 * zod schema of a `shipments` row. One shipment per order (`order_id` is unique).
 *
 * @remarks The database also CHECKs that a shipment past `preparing` has a `shipment_date`
 * (`shipments_shipment_date_check`); the original never set it.
 *
 * @example
 * ```ts
 * shipmentSchema.parse(row).status; // 'in_transit'
 * ```
 */
export const shipmentSchema = z.object({
  shipment_id: idSchema,
  order_id: idSchema,
  customer_id: idSchema,
  shipment_date: timestampSchema.nullable(),
  address: varchar(255),
  city: varchar(100),
  state: varchar(100).nullable(),
  country: varchar(64),
  zip_code: varchar(10).nullable(),
  status: shipmentStatusSchema,
  tracking_number: varchar(64).nullable(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
});

/**
 * A `shipments` row.
 *
 * @example
 * ```ts
 * const inFlight = (s: Shipment) => s.status === 'in_transit';
 * ```
 */
export type Shipment = z.infer<typeof shipmentSchema>;

/**
 * zod schema of a new shipment: id, `status` (default `preparing`), `country` (default `Vietnam`), the nullable
 * columns and timestamps are optional.
 *
 * @example
 * ```ts
 * shipmentInsertSchema.parse({ order_id: 1, customer_id: 7, address: '12 Lý Thường Kiệt', city: 'Hà Nội' });
 * ```
 */
export const shipmentInsertSchema = shipmentSchema.partial({
  shipment_id: true,
  shipment_date: true,
  state: true,
  country: true,
  zip_code: true,
  status: true,
  tracking_number: true,
  created_at: true,
  updated_at: true,
});

/**
 * A new shipment.
 *
 * @example
 * ```ts
 * const input: ShipmentInsert = { order_id: 1, customer_id: 7, address: '12 Lý Thường Kiệt', city: 'Hà Nội' };
 * ```
 */
export type ShipmentInsert = z.infer<typeof shipmentInsertSchema>;

/**
 * The `shipments` table.
 *
 * @example
 * ```ts
 * shipmentsTable.columns.shipment_date.nullable; // true
 * ```
 */
export const shipmentsTable = defineShopTable({
  name: 'shipments',
  schema: shipmentSchema,
  insertSchema: shipmentInsertSchema,
  primaryKey: 'shipment_id',
  columns: {
    shipment_id: column.integer(),
    order_id: column.integer(),
    customer_id: column.integer(),
    shipment_date: column.timestamptz(true),
    address: column.varchar(255),
    city: column.varchar(100),
    state: column.varchar(100, true),
    country: column.varchar(64),
    zip_code: column.varchar(10, true),
    status: column.varchar(20),
    tracking_number: column.varchar(64, true),
    created_at: column.timestamptz(),
    updated_at: column.timestamptz(),
  },
  eventTimeColumn: 'created_at',
  updatedAtColumn: 'updated_at',
  replicaIdentityFull: true,
});
