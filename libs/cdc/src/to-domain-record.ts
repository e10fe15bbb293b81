/**
 * Validation of decoded rows against domain schemas. Structural: any object with zod's `safeParse` works, so the
 * decoder does not depend on @ecom/domain (pass its schemas in).
 */
import type { ChangeEvent, DecodeError, Operation } from './types.js';

/**
 * The part of a zod schema this function uses.
 *
 * @example
 * const schema: SafeParseSchema<{ id: number }> = z.object({ id: z.number() });
 */
export interface SafeParseSchema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: unknown };
}

/**
 * A row change validated against a domain schema.
 *
 * @example
 * const rec = toDomainRecord(event, schemas); if (rec.kind === 'domain') save(rec.after);
 */
export interface DomainRecord<T> {
  kind: 'domain';
  table: string;
  op: Operation;
  /** Validated `before`; `null` when absent or when it did not validate (see `beforeIssues`). */
  before: T | null;
  after: T | null;
  /** Why `before` did not validate (REPLICA IDENTITY DEFAULT sends only key columns), else `undefined`. */
  beforeIssues?: unknown;
  event: ChangeEvent;
}

/**
 * Validates `event.after` (and, leniently, `event.before`) with the schema registered for the event's table
 * (`'<schema>.<table>'` or `'<table>'`). Returns a `DOMAIN_VALIDATION` {@link DecodeError} when there is no schema
 * or `after` does not validate. Fill unchanged-TOAST columns first (`fillUnavailable`): the sentinel is not a
 * valid domain value.
 *
 * @example
 * const rec = toDomainRecord(event, { 'public.orders': OrderSchema });
 * if (rec.kind === 'domain') rec.after?.total_price; // typed by OrderSchema
 */
export function toDomainRecord<T>(
  event: ChangeEvent,
  schemas: Readonly<Record<string, SafeParseSchema<T>>>,
): DomainRecord<T> | DecodeError {
  const schema = schemas[`${event.schema}.${event.table}`] ?? schemas[event.table];
  const error = (message: string, path: (string | number)[], cause?: unknown): DecodeError => ({
    kind: 'error',
    code: 'DOMAIN_VALIDATION',
    message,
    part: 'value',
    path,
    retriable: false,
    raw: { key: null, value: null },
    topic: event.topic,
    partition: event.partition,
    offset: event.offset,
    headers: event.headers,
    ...(cause === undefined ? {} : { cause }),
  });
  if (!schema) return error(`no domain schema for table ${event.schema}.${event.table}`, []);
  let after: T | null = null;
  if (event.after !== null) {
    const r = schema.safeParse(event.after);
    if (!r.success)
      return error(`"after" does not match the domain schema of ${event.table}`, ['after'], r.error);
    after = r.data;
  }
  let before: T | null = null;
  let beforeIssues: unknown;
  if (event.before !== null) {
    const r = schema.safeParse(event.before);
    if (r.success) before = r.data;
    else beforeIssues = r.error;
  }
  const out: DomainRecord<T> = { kind: 'domain', table: event.table, op: event.op, before, after, event };
  if (beforeIssues !== undefined) out.beforeIssues = beforeIssues;
  return out;
}
