import { getShopTable, isShopTableName, type ColumnHint, type ShopTableName } from '@ecom/domain';
import { LakehouseError } from './errors.js';

/**
 * The lake type of one column: what a Parquet writer stores and what Trino declares. One mapping from the
 * @ecom/domain column hints ({@link lakeColumnType}), so no table has a hand-written schema.
 *
 * - `int32` / `int64`: INT32 / INT64 (Trino `INTEGER` / `BIGINT`); a nullable id stays an integer.
 * - `decimal`: DECIMAL(precision, scale), stored exactly as the unscaled integer (INT32 ≤ 9 digits, INT64 ≤ 18,
 *   FIXED_LEN_BYTE_ARRAY beyond).
 * - `timestamp_us`: INT64 TIMESTAMP(MICROS, isAdjustedToUTC = true) (Trino `TIMESTAMP(6)` with the catalog in UTC).
 * - `date`: INT32 DATE, days since 1970-01-01.
 * - `boolean`, `string` (UTF-8; text, uuid and JSON as text, leading zeros kept).
 */
export type LakeType =
  | { readonly kind: 'int32' }
  | { readonly kind: 'int64' }
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'timestamp_us' }
  | { readonly kind: 'date' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'string'; readonly maxLength?: number };

/** One column of a lake table: its name, lake type and nullability. */
export interface LakeColumn {
  readonly name: string;
  readonly type: LakeType;
  readonly nullable: boolean;
}

/** Largest DECIMAL precision Trino (and Parquet readers at large) accept. */
const MAX_DECIMAL_PRECISION = 38;

/**
 * The lake type of a column hint.
 *
 * @throws {@link LakehouseError} `UNSUPPORTED_COLUMN` for a decimal hint without a valid precision and scale.
 *
 * @example
 * import { column } from '@ecom/domain';
 * lakeColumnType(column.money()); // { kind: 'decimal', precision: 14, scale: 2 }
 * lakeColumnType(column.varchar(20, true)); // { kind: 'string', maxLength: 20 }
 */
export function lakeColumnType(hint: ColumnHint): LakeType {
  switch (hint.kind) {
    case 'integer':
      return { kind: 'int32' };
    case 'bigint':
      return { kind: 'int64' };
    case 'decimal': {
      const { precision, scale } = hint;
      if (
        precision === undefined ||
        scale === undefined ||
        !Number.isInteger(precision) ||
        !Number.isInteger(scale) ||
        precision < 1 ||
        precision > MAX_DECIMAL_PRECISION ||
        scale < 0 ||
        scale > precision
      ) {
        throw new LakehouseError(
          'UNSUPPORTED_COLUMN',
          `decimal column ${hint.sqlType} needs a precision in 1..${MAX_DECIMAL_PRECISION} and a scale in 0..precision (unconstrained NUMERIC has no exact Parquet type)`,
        );
      }
      return { kind: 'decimal', precision, scale };
    }
    case 'timestamptz':
      return { kind: 'timestamp_us' };
    case 'date':
      return { kind: 'date' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'text':
      return hint.maxLength === undefined
        ? { kind: 'string' }
        : { kind: 'string', maxLength: hint.maxLength };
    case 'uuid':
      return { kind: 'string', maxLength: 36 };
  }
}

/**
 * The lake columns of a shop table, in table order, from its @ecom/domain column hints.
 *
 * @throws {@link LakehouseError} `UNKNOWN_TABLE` for a name that is not a shop table.
 *
 * @example
 * lakeSchema('orders').find((c) => c.name === 'total_price');
 * // { name: 'total_price', type: { kind: 'decimal', precision: 14, scale: 2 }, nullable: false }
 */
export function lakeSchema(table: ShopTableName | string): readonly LakeColumn[] {
  if (!isShopTableName(table)) {
    throw new LakehouseError('UNKNOWN_TABLE', `${JSON.stringify(table)} is not a shop table`);
  }
  return Object.entries(getShopTable(table).columns).map(([name, hint]) => ({
    name,
    type: lakeColumnType(hint),
    nullable: hint.nullable,
  }));
}

/**
 * The Trino (Hive connector) type that reads a lake column back with the same values.
 *
 * @remarks Timestamps are `TIMESTAMP(6)` (the Hive connector has no `WITH TIME ZONE` columns): the catalog must set
 * `hive.parquet.time-zone=UTC` and `hive.timestamp-precision=MICROSECONDS`, so the values are UTC instants to the
 * microsecond.
 *
 * @example
 * trinoType({ kind: 'decimal', precision: 14, scale: 2 }); // 'DECIMAL(14,2)'
 * trinoType({ kind: 'timestamp_us' }); // 'TIMESTAMP(6)'
 */
export function trinoType(type: LakeType): string {
  switch (type.kind) {
    case 'int32':
      return 'INTEGER';
    case 'int64':
      return 'BIGINT';
    case 'decimal':
      return `DECIMAL(${type.precision},${type.scale})`;
    case 'timestamp_us':
      return 'TIMESTAMP(6)';
    case 'date':
      return 'DATE';
    case 'boolean':
      return 'BOOLEAN';
    case 'string':
      return type.maxLength === undefined ? 'VARCHAR' : `VARCHAR(${type.maxLength})`;
  }
}
