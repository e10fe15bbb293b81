/**
 * Validation of decoded row changes against the domain tables: by default the shop tables of `@ecom/domain`,
 * typed per table, with the event time of each row in epoch milliseconds.
 */
import {
  err,
  invalidRecordError,
  ok,
  shopTables,
  toEpochMillis,
  type DomainError,
  type Result,
} from '@ecom/domain';
import { DecodeError } from './errors.js';
import type { ChangeEvent, Operation } from './types.js';

/**
 * The part of a zod schema {@link toDomainRecord} uses.
 *
 * @example
 * const numbers: SafeParseSchema<number> = {
 *   safeParse: (x) => (typeof x === 'number' ? { success: true, data: x } : { success: false, error: 'not a number' }),
 * }; // any zod schema fits too
 */
export interface SafeParseSchema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: unknown };
}

/**
 * One table {@link toDomainRecord} validates against: its row schema and the column that holds the row's event
 * time. Every `ShopTable` of `@ecom/domain` fits.
 *
 * @example
 * const widgets: DomainTable<{ id: number; made_at: string }> = {
 *   schema: { safeParse: (x) => ({ success: true, data: x as { id: number; made_at: string } }) }, // or a zod schema
 *   eventTimeColumn: 'made_at',
 * };
 */
export interface DomainTable<T = unknown> {
  readonly schema: SafeParseSchema<T>;
  readonly eventTimeColumn: string;
}

/**
 * Tables by name, `'<table>'` or `'<schema>.<table>'` (the shape of `shopTables`).
 *
 * @example
 * const tables: DomainTables = { 'inventory.widgets': { schema: { safeParse: (x) => ({ success: true, data: x }) }, eventTimeColumn: 'made_at' } };
 * const r = toDomainRecord(event, tables); // r.value.table: 'inventory.widgets'
 */
export type DomainTables = { readonly [table: string]: DomainTable };

/**
 * The row type of a {@link DomainTable}.
 *
 * @example
 * type Widget = DomainRow<DomainTable<{ id: number }>>; // { id: number }
 */
export type DomainRow<D> = D extends { readonly schema: SafeParseSchema<infer T> } ? T : never;

/**
 * A row change of one table, validated: `before`/`after` typed by the table's schema, plus its event time.
 *
 * @example
 * type OrderRecord = Extract<DomainRecord, { table: 'orders' }>; // DomainRecordOf<'orders', Order>
 */
export interface DomainRecordOf<Name extends string, T> {
  /** The key of the matched table (`'orders'` for the shop tables). */
  readonly table: Name;
  readonly op: Operation;
  /** Validated `before`; `null` when absent or when it did not validate (then see `beforeError`). */
  readonly before: T | null;
  /** Validated `after`; `null` for deletes (and truncates). */
  readonly after: T | null;
  /**
   * Why `before` did not validate (REPLICA IDENTITY DEFAULT sends only the key columns, and defaults for the
   * others), else `null`.
   */
  readonly beforeError: DomainError | null;
  /**
   * Epoch milliseconds of the table's `eventTimeColumn` in `after`, else in `before`; when neither row is there
   * (a delete under REPLICA IDENTITY DEFAULT, a truncate), the commit time `source.ts_ms`.
   */
  readonly eventTime: number;
  /** The decoded change event. */
  readonly event: ChangeEvent;
}

/**
 * A validated row change: a union discriminated on `table`, so checking the table types the rows.
 *
 * @example
 * const r = toDomainRecord(event);
 * if (r.ok && r.value.table === 'orders') r.value.after?.total_price; // string (an Order)
 */
export type DomainRecord<Tables extends DomainTables = typeof shopTables> = {
  [Name in keyof Tables & string]: DomainRecordOf<Name, DomainRow<Tables[Name]>>;
}[keyof Tables & string];

function lookup(tables: DomainTables, event: ChangeEvent): string | undefined {
  const qualified = `${event.schema}.${event.table}`;
  if (Object.hasOwn(tables, qualified)) return qualified;
  return Object.hasOwn(tables, event.table) ? event.table : undefined;
}

function domainError(event: ChangeEvent, message: string, path: (string | number)[], cause?: unknown) {
  return new DecodeError('DOMAIN_VALIDATION', message, {
    part: 'value',
    path,
    cause,
    // The event does not keep the bytes it was decoded from; the offending row is `cause.raw`.
    raw: { key: null, value: null },
    topic: event.topic,
    partition: event.partition,
    offset: event.offset,
    headers: event.headers,
  });
}

/**
 * Validates a decoded row change against its domain table: the shop tables of `@ecom/domain` by default, or
 * `tables` (same shape: name → `{ schema, eventTimeColumn }`), looked up as `'<schema>.<table>'` then `'<table>'`.
 * `after` must validate; `before` is validated leniently (see `beforeError`). The record carries `eventTime` in
 * epoch milliseconds.
 *
 * A failure is a `DOMAIN_VALIDATION` {@link DecodeError}: no table for the event, an `after` that does not
 * validate (the `cause` is the `invalid_record` `DomainError`, with the row as `raw`), or no event time. Fill
 * unchanged-TOAST columns first (`fillUnavailable`): the sentinel is not a valid domain value.
 *
 * @example
 * const r = toDomainRecord(event);
 * if (!r.ok) await deadLetter.send(r.error);
 * else if (r.value.table === 'orders') console.log(r.value.after?.total_price, r.value.eventTime); // '129.90' 1738317600123
 */
export function toDomainRecord<Tables extends DomainTables = typeof shopTables>(
  event: ChangeEvent,
  tables: Tables = shopTables as unknown as Tables,
): Result<DomainRecord<Tables>, DecodeError> {
  const name = lookup(tables, event);
  if (name === undefined) {
    return err(domainError(event, `no domain table for ${event.schema}.${event.table}`, []));
  }
  const table: DomainTable = tables[name] as DomainTable;
  let after: unknown = null;
  if (event.after !== null) {
    const r = table.schema.safeParse(event.after);
    if (!r.success) {
      const cause = invalidRecordError(name, event.after, r.error);
      return err(
        domainError(event, `"after" does not match the ${name} table: ${cause.message}`, ['after'], cause),
      );
    }
    after = r.data;
  }
  let before: unknown = null;
  let beforeError: DomainError | null = null;
  if (event.before !== null) {
    const r = table.schema.safeParse(event.before);
    if (r.success) before = r.data;
    else beforeError = invalidRecordError(name, event.before, r.error);
  }
  let eventTime = event.source.ts_ms ?? event.ts_ms;
  const timed = after ?? before;
  if (timed !== null) {
    const side = after !== null ? 'after' : 'before';
    const column = table.eventTimeColumn;
    try {
      eventTime = toEpochMillis((timed as Record<string, Date | string | number>)[column] as Date);
    } catch (e) {
      const why = `"${side}".${column} is not an event time: ${(e as Error).message}`;
      return err(domainError(event, why, [side, column], e));
    }
  }
  if (eventTime === null) return err(domainError(event, 'no row and no source.ts_ms: no event time', []));
  const record: DomainRecordOf<string, unknown> = {
    table: name,
    op: event.op,
    before,
    after,
    beforeError,
    eventTime,
    event,
  };
  return ok(record as DomainRecord<Tables>);
}
