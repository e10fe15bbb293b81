/**
 * Storage kind of a column, enough for a schemaless decoder (Debezium JSON without schemas, Parquet writers) to turn
 * a wire value into the domain value.
 *
 * - `integer`: int4, a JSON number.
 * - `bigint`: int8; may exceed 2^53, so keep it as a string or bigint.
 * - `decimal`: NUMERIC(precision, scale); Debezium's precise mode sends base64 unscaled bytes and the scale is only
 *   known from here.
 * - `timestamptz`: Debezium `ZonedTimestamp` ISO string.
 * - `date`: Debezium `io.debezium.time.Date`, days since the epoch.
 * - `boolean`, `text`, `uuid`: passed through.
 *
 * @example
 * ```ts
 * const kind: ColumnKind = 'decimal';
 * ```
 */
export type ColumnKind =
  'integer' | 'bigint' | 'decimal' | 'timestamptz' | 'date' | 'boolean' | 'text' | 'uuid';

/**
 * Type hint for one column of a shop table.
 *
 * @example
 * ```ts
 * const price: ColumnHint = { kind: 'decimal', sqlType: 'numeric(14,2)', nullable: false, precision: 14, scale: 2 };
 * ```
 */
export interface ColumnHint {
  /** Storage kind. */
  readonly kind: ColumnKind;
  /** The type as PostgreSQL's `format_type()` prints it, e.g. `character varying(100)`. */
  readonly sqlType: string;
  /** Whether the column accepts NULL. */
  readonly nullable: boolean;
  /** Total digits, for `decimal`. */
  readonly precision?: number;
  /** Fraction digits, for `decimal`. */
  readonly scale?: number;
  /** Maximum length, for `character varying(n)`. */
  readonly maxLength?: number;
}

function hint(
  kind: ColumnKind,
  sqlType: string,
  nullable: boolean,
  extra: Partial<ColumnHint> = {},
): ColumnHint {
  return Object.freeze({ kind, sqlType, nullable, ...extra });
}

/**
 * Builders for {@link ColumnHint}s, one per SQL type used by the shop schema. Pass `true` for a nullable column.
 *
 * @example
 * ```ts
 * column.money(); // { kind: 'decimal', sqlType: 'numeric(14,2)', nullable: false, precision: 14, scale: 2 }
 * column.varchar(100, true); // { kind: 'text', sqlType: 'character varying(100)', nullable: true, maxLength: 100 }
 * ```
 */
export const column = {
  /** `integer` (int4). */
  integer: (nullable = false) => hint('integer', 'integer', nullable),
  /** `bigint` (int8). */
  bigint: (nullable = false) => hint('bigint', 'bigint', nullable),
  /** `numeric(14,2)`, the type of every money column. */
  money: (nullable = false) => hint('decimal', 'numeric(14,2)', nullable, { precision: 14, scale: 2 }),
  /** `timestamp with time zone`. */
  timestamptz: (nullable = false) => hint('timestamptz', 'timestamp with time zone', nullable),
  /** `date`. */
  date: (nullable = false) => hint('date', 'date', nullable),
  /** `boolean`. */
  boolean: (nullable = false) => hint('boolean', 'boolean', nullable),
  /** `text`. */
  text: (nullable = false) => hint('text', 'text', nullable),
  /** `character varying(n)`. */
  varchar: (maxLength: number, nullable = false) =>
    hint('text', `character varying(${maxLength})`, nullable, { maxLength }),
  /** `uuid`. */
  uuid: (nullable = false) => hint('uuid', 'uuid', nullable),
} as const;
