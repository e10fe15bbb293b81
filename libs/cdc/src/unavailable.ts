/**
 * Unchanged-TOAST handling. PostgreSQL does not write unchanged TOASTed columns to the WAL, so Debezium puts a
 * placeholder in `after` whose shape depends on the column type. The decoder turns every shape into the
 * {@link UNAVAILABLE} sentinel; {@link fillUnavailable} restores the values from the previous row state.
 */
import { encodeBase64 } from './base64.js';

/**
 * The sentinel that replaces an unchanged-TOAST placeholder. Canonical JSON: `{"$unavailable": true}`.
 *
 * @example
 * event.after?.['description'] === UNAVAILABLE // unchanged TOAST column
 */
export const UNAVAILABLE: unique symbol = Symbol.for('@ecom/cdc.unavailable') as never;

/**
 * Type of {@link UNAVAILABLE}.
 *
 * @example
 * const v: string | Unavailable = row['description'] as never;
 */
export type Unavailable = typeof UNAVAILABLE;

/**
 * Whether a decoded value is the {@link UNAVAILABLE} sentinel.
 *
 * @example
 * isUnavailable(event.after?.description) // true when the TOASTed column did not change
 */
export function isUnavailable(value: unknown): value is Unavailable {
  return value === UNAVAILABLE;
}

/**
 * Debezium's default `unavailable.value.placeholder`.
 *
 * @example
 * createDecoder({ unavailablePlaceholder: DEFAULT_UNAVAILABLE_PLACEHOLDER });
 */
export const DEFAULT_UNAVAILABLE_PLACEHOLDER = '__debezium_unavailable_value';

/**
 * Name-based UUID of the default placeholder (Debezium `DecoderDifferences.TOASTED_VALUE_UUID_STRING`).
 *
 * @example
 * value === DEFAULT_UNAVAILABLE_UUID // a TOASTed uuid column
 */
export const DEFAULT_UNAVAILABLE_UUID = 'b68a35a7-17ad-35b3-af2a-ae46edb4545a';

/**
 * The placeholder in each of its wire shapes. Internal; built once per decoder.
 *
 * @example
 * placeholderForms().uuid // 'b68a35a7-17ad-35b3-af2a-ae46edb4545a'
 */
export interface PlaceholderForms {
  text: string;
  base64: string;
  bytes: Uint8Array;
  uuid: string | null;
  codes: number[];
  jsonMap: string;
}

/**
 * Builds the placeholder shapes for a configured `unavailable.value.placeholder`.
 *
 * @example
 * placeholderForms().base64 // 'X19kZWJleml1bV91bmF2YWlsYWJsZV92YWx1ZQ=='
 */
export function placeholderForms(
  placeholder: string = DEFAULT_UNAVAILABLE_PLACEHOLDER,
  uuid: string | null = placeholder === DEFAULT_UNAVAILABLE_PLACEHOLDER ? DEFAULT_UNAVAILABLE_UUID : null,
): PlaceholderForms {
  const bytes = new TextEncoder().encode(placeholder);
  return {
    text: placeholder,
    base64: encodeBase64(bytes),
    bytes,
    uuid,
    codes: Array.from(placeholder, (c) => c.charCodeAt(0)),
    jsonMap: JSON.stringify({ [placeholder]: placeholder }),
  };
}

/**
 * Whether a string is a placeholder shape (text, base64 bytes, uuid or hstore/json map).
 *
 * @example
 * isPlaceholderString('__debezium_unavailable_value', placeholderForms()) // true
 */
export function isPlaceholderString(s: string, p: PlaceholderForms): boolean {
  const n = s.length;
  if (n === p.text.length) return s === p.text;
  if (n === p.base64.length) return s === p.base64;
  if (n === 36) return s === p.uuid;
  if (n === p.jsonMap.length) return s === p.jsonMap;
  return false;
}

/**
 * Whether an array is a placeholder shape (`[placeholder]` or the placeholder's char codes).
 *
 * @example
 * isPlaceholderArray(['__debezium_unavailable_value'], placeholderForms()) // true
 */
export function isPlaceholderArray(a: readonly unknown[], p: PlaceholderForms): boolean {
  if (a.length === 1) return a[0] === p.text;
  if (a.length !== p.codes.length || a[0] !== p.codes[0]) return false;
  for (let i = 1; i < a.length; i++) if (a[i] !== p.codes[i]) return false;
  return true;
}

/**
 * Whether a decoded object is the hstore/map placeholder `{placeholder: placeholder}`.
 *
 * @example
 * isPlaceholderMap({ __debezium_unavailable_value: '__debezium_unavailable_value' }, placeholderForms()) // true
 */
export function isPlaceholderMap(o: Record<string, unknown>, p: PlaceholderForms): boolean {
  if (o[p.text] !== p.text) return false;
  for (const k in o) if (k !== p.text) return false;
  return true;
}

/**
 * Whether raw bytes equal the placeholder's UTF-8 bytes.
 *
 * @example
 * isPlaceholderBytes(new TextEncoder().encode('__debezium_unavailable_value'), placeholderForms()) // true
 */
export function isPlaceholderBytes(b: Uint8Array, p: PlaceholderForms): boolean {
  if (b.length !== p.bytes.length) return false;
  for (let i = 0; i < b.length; i++) if (b[i] !== p.bytes[i]) return false;
  return true;
}

/**
 * Result of {@link fillUnavailable}.
 *
 * @example
 * const { row, missing }: FilledRow<Row> = fillUnavailable(event.after!, previous);
 */
export interface FilledRow<R> {
  row: R;
  /** Columns that were unavailable and absent from the previous state (still {@link UNAVAILABLE}). */
  missing: string[];
}

/**
 * Replaces {@link UNAVAILABLE} columns of `row` with the same columns of `previous` (the last known row state,
 * e.g. from a state store or the previous event's `after`). Returns a new object; `missing` lists columns that
 * could not be filled (no previous state, or the previous value was itself unavailable).
 *
 * @example
 * const lastState = new Map<unknown, Row>(); // your copy of each row, by primary key
 * const { row, missing } = fillUnavailable(event.after!, lastState.get(event.key?.['id']));
 * // row.description === previous description; missing = []
 */
export function fillUnavailable<R extends Record<string, unknown>>(
  row: R,
  previous: Readonly<Record<string, unknown>> | null | undefined,
): FilledRow<R> {
  const out: Record<string, unknown> = { ...row };
  const missing: string[] = [];
  for (const k of Object.keys(out)) {
    if (out[k] !== UNAVAILABLE) continue;
    const prev = previous?.[k];
    if (previous && Object.prototype.hasOwnProperty.call(previous, k) && prev !== UNAVAILABLE) out[k] = prev;
    else missing.push(k);
  }
  return { row: out as R, missing };
}
