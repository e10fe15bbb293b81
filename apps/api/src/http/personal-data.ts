// Customers' personal data in responses: the one list of fields that hold it, how each is masked, and the mark on
// a response that must mask it.
import type { ServerResponse } from 'node:http';

/**
 * How a personal-data value is masked: `email` keeps the first character and the domain (`a***@example.vn`),
 * `phone` the last four digits (`***4567`), `redact` nothing (`***`).
 *
 * @example
 * ```ts
 * const kind: MaskKind = 'email';
 * ```
 */
export type MaskKind = 'email' | 'phone' | 'redact';

/**
 * Every response field that holds customers' personal data, by JSON key, wherever it appears: a row, a joined row
 * (an order detail's `shipment`), a nested list. Keys of the `@ecom/domain` tables: `customers.email`,
 * `customers.phone_number`, `customers.address`, `shipments.address`, `shipments.zip_code` (a unit test keeps this
 * list and the table definitions in step). Names, the city, the state and the country are not masked: the names
 * are how the dashboard's customer picker tells customers apart, and the city is a coarse region the analytics group
 * by. A new route returning one of these keys is masked without further work.
 *
 * @example
 * ```ts
 * PERSONAL_DATA_FIELDS.email; // 'email'
 * ```
 */
export const PERSONAL_DATA_FIELDS: Readonly<Record<string, MaskKind>> = Object.freeze({
  email: 'email',
  phone_number: 'phone',
  address: 'redact',
  zip_code: 'redact',
});

const HIDDEN = '***';
const MASKS: ReadonlyMap<string, MaskKind> = new Map(Object.entries(PERSONAL_DATA_FIELDS));

/**
 * Masks one value of a personal-data field; `null` and `undefined` stay as they are (they reveal nothing), any
 * other non-string becomes `***`.
 *
 * @example
 * ```ts
 * maskValue('email', 'an.nguyen@example.vn'); // 'a***@example.vn'
 * maskValue('phone', '0901234567'); // '***4567'
 * maskValue('redact', '12 Lê Lợi, Quận 1'); // '***'
 * ```
 */
export function maskValue(kind: MaskKind, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value !== 'string') return HIDDEN;
  if (kind === 'email') {
    const at = value.lastIndexOf('@');
    return at > 0 ? `${value.slice(0, 1)}${HIDDEN}${value.slice(at)}` : HIDDEN;
  }
  if (kind === 'phone') {
    const digits = value.replace(/\D/g, '');
    // Short numbers would be nearly given away by their last four digits.
    return digits.length >= 8 ? `${HIDDEN}${digits.slice(-4)}` : HIDDEN;
  }
  return HIDDEN;
}

/**
 * A masked copy of a JSON value (what the client sees without the personal-data token): every
 * {@link PERSONAL_DATA_FIELDS} key at any depth is masked. Copy-on-write: objects and arrays without personal data
 * are returned as they are (a page of orders costs a walk, no copy), and values with a `toJSON` (a `Date`) are
 * masked as they would serialise.
 *
 * @example
 * ```ts
 * maskPersonalData({ data: { email: 'an@example.vn', shipment: { address: '12 Lê Lợi' } } });
 * // { data: { email: 'a***@example.vn', shipment: { address: '***' } } }
 * ```
 */
export function maskPersonalData<T>(value: T): T {
  return maskDeep(value) as T;
}

function maskDeep(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const masked = maskDeep(value[i]);
      if (masked !== value[i]) (copy ??= value.slice())[i] = masked;
    }
    return copy ?? value;
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    const serialised: unknown = toJSON.call(value);
    return serialised === value ? value : maskDeep(serialised);
  }
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const field = record[key];
    const kind = MASKS.get(key);
    const masked = kind === undefined ? maskDeep(field) : maskValue(kind, field);
    if (masked !== field) (copy ??= { ...record })[key] = masked;
  }
  return copy ?? value;
}

const MASKED = Symbol('ecom.api.personalDataMasked');

declare module 'http' {
  interface ServerResponse {
    /** Set by {@link maskPersonalDataIn} (the access control, for a token that may not see personal data). */
    [MASKED]?: true;
  }
}

/**
 * Marks a response as one that must mask personal data; `sendJson`, `responseJson` and (through the access
 * control's wrapper) `res.json` then mask it.
 *
 * @example
 * ```ts
 * import type { RequestHandler } from 'express';
 * const maskAll: RequestHandler = (_req, res, next) => { maskPersonalDataIn(res); next(); };
 * ```
 */
export function maskPersonalDataIn(res: ServerResponse): void {
  res[MASKED] = true;
}

/**
 * True when this response must mask personal data (the request carried `API_TOKEN`, not `API_PII_TOKEN`).
 *
 * @example
 * ```ts
 * import type { RequestHandler } from 'express';
 * const tag: RequestHandler = (_req, res, next) => { if (personalDataMasked(res)) res.setHeader('x-masked', '1'); next(); };
 * ```
 */
export function personalDataMasked(res: ServerResponse): boolean {
  return res[MASKED] === true;
}
