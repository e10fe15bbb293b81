import { EntitySchema, type EntitySchemaColumnOptions } from 'typeorm';
import type { ColumnHint, ShopTable } from '../index.js';

function columnOptions(hint: ColumnHint): EntitySchemaColumnOptions {
  const base = { nullable: hint.nullable };
  switch (hint.kind) {
    case 'decimal':
      return { ...base, type: 'numeric', precision: hint.precision, scale: hint.scale };
    case 'text':
      return hint.maxLength === undefined
        ? { ...base, type: 'text' }
        : { ...base, type: 'varchar', length: hint.maxLength };
    default:
      return { ...base, type: hint.kind };
  }
}

/**
 * Builds a TypeORM `EntitySchema` (no decorators, no reflect-metadata) from a {@link ShopTable} of the root entry,
 * so the zod schema, the column hints and the ORM mapping cannot drift apart.
 *
 * @remarks Metadata only: the database is created by migrations, never by `synchronize`. `defaults` lists the
 * columns with a database default (column → SQL expression, as in the migrations), so TypeORM sends DEFAULT for
 * them and reads them back after an insert.
 *
 * @example
 * ```ts
 * const OrderEntity = entitySchemaFromTable<Order>(ordersTable, 'Order', { status: "'pending'", created_at: 'now()' });
 * dataSource.getRepository(OrderEntity); // Repository<Order>
 * ```
 */
export function entitySchemaFromTable<Row>(
  table: ShopTable,
  entityName: string,
  defaults: Readonly<Record<string, string>>,
): EntitySchema<Row> {
  const columns: Record<string, EntitySchemaColumnOptions> = {};
  for (const [name, hint] of Object.entries(table.columns) as [string, ColumnHint][]) {
    const options = columnOptions(hint);
    if (name === table.primaryKey) Object.assign(options, { primary: true, generated: 'increment' });
    const sqlDefault = defaults[name];
    if (sqlDefault !== undefined) options.default = () => sqlDefault;
    columns[name] = options;
  }
  return new EntitySchema<Row>({
    name: entityName,
    tableName: table.name,
    columns: columns as never,
  });
}
