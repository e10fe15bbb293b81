import type { ShopTableName } from '@ecom/domain';

/** One column of a mart: its name and Trino type (the mart table's DDL comes from this list). */
export interface MartColumn {
  readonly name: string;
  readonly type: 'BIGINT' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP(6)' | 'VARCHAR' | `DECIMAL(38, ${number})`;
}

/** What a mart's SQL is built from: where the shop tables are, the day analysed and the shop's time zone. */
export interface MartContext {
  /** The qualified name of a shop table (its Trino view, `"lake"."shop"."orders"`). */
  table(name: ShopTableName): string;
  /** The analysed day, `YYYY-MM-DD` in the shop's time zone; orders after its end are not counted. */
  readonly analysisDate: string;
  /** IANA zone of the shop's calendar (days, months), e.g. `Asia/Ho_Chi_Minh`. */
  readonly timeZone: string;
}

/**
 * A mart: a Trino table partitioned by `analysis_date`, filled by one SELECT whose columns are `columns`, in
 * order (the builder appends `analysis_date`).
 *
 * @example
 * const m: MartDefinition = {
 *   name: 'order_count',
 *   columns: [{ name: 'orders', type: 'BIGINT' }],
 *   key: [],
 *   select: (ctx) => `SELECT count(*) FROM ${ctx.table('orders')}`,
 * };
 */
export interface MartDefinition {
  readonly name: string;
  readonly columns: readonly MartColumn[];
  /** Columns that identify a row (the order of a comparison). */
  readonly key: readonly string[];
  /** The Trino SELECT of the mart for one analysis date. */
  select(ctx: MartContext): string;
}

/**
 * A Trino expression: a `TIMESTAMP(6)` column holding UTC instants (the lake's timestamps) as the calendar day
 * in `timeZone`.
 *
 * @example
 * trinoLocalDay('order_date', 'Asia/Ho_Chi_Minh');
 * // "CAST(with_timezone(order_date, 'UTC') AT TIME ZONE 'Asia/Ho_Chi_Minh' AS DATE)"
 */
export function trinoLocalDay(column: string, timeZone: string): string {
  return `CAST(with_timezone(${column}, 'UTC') AT TIME ZONE '${timeZone}' AS DATE)`;
}
