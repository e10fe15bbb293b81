import type { Shipment } from '../../index.js';
import { shipmentsTable } from '../../index.js';
import { entitySchemaFromTable } from '../entity-schema-from-table.js';

/**
 * TypeORM EntitySchema of `shipments`: rows typed as {@link Shipment}, columns taken from `shipmentsTable`.
 *
 * @example
 * ```ts
 * const rows = await dataSource.getRepository(ShipmentEntity).find({ take: 10 }); // Shipment[]
 * ```
 */
export const ShipmentEntity = entitySchemaFromTable<Shipment>(shipmentsTable, 'Shipment', {
  country: "'Vietnam'",
  status: "'preparing'",
  created_at: 'now()',
  updated_at: 'now()',
});
