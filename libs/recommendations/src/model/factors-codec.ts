import type { AlsFactors, FactorArray } from '../als/als-model.js';
import { RecommendationsError } from '../errors.js';
import type { ModelVersion } from './model-version.js';

const MAGIC = 0x46524345; // 'ECRF' little-endian
const FORMAT = 1;

interface Header {
  version: ModelVersion;
  factors: number;
  precision: 'float32' | 'float64';
  customers: number;
  products: number;
}

const align8 = (n: number): number => (n + 7) & ~7;

/**
 * Serialises a model's version and factors to bytes (for a file or an object store): `ECRF`, format 1, a JSON header
 * (the version, sizes, precision), the customer and product ids (int32) and the factors (float32 or float64), all
 * little-endian and 8-byte aligned.
 *
 * @example
 * const bytes = encodeFactors(version, model.toFactors());
 * decodeFactors(bytes).version.modelId === version.modelId; // true
 */
export function encodeFactors(version: ModelVersion, factors: AlsFactors): Uint8Array {
  const precision = factors.userFactors instanceof Float32Array ? 'float32' : 'float64';
  const header: Header = {
    version,
    factors: factors.factors,
    precision,
    customers: factors.customerIds.length,
    products: factors.productIds.length,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const width = precision === 'float32' ? 4 : 8;
  const idsAt = align8(12 + json.length);
  const factorsAt = align8(idsAt + 4 * (header.customers + header.products));
  const total = factorsAt + width * (factors.userFactors.length + factors.itemFactors.length);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, FORMAT, true);
  view.setUint32(8, json.length, true);
  bytes.set(json, 12);
  let at = idsAt;
  for (const ids of [factors.customerIds, factors.productIds])
    for (const id of ids) {
      view.setInt32(at, id, true);
      at += 4;
    }
  at = factorsAt;
  for (const array of [factors.userFactors, factors.itemFactors])
    for (const v of array) {
      if (width === 4) view.setFloat32(at, v, true);
      else view.setFloat64(at, v, true);
      at += width;
    }
  return bytes;
}

/**
 * Reads bytes written by {@link encodeFactors}.
 *
 * @throws {@link RecommendationsError} `invalid_model_bytes` for other bytes, another format version or a truncated
 *   file.
 *
 * @example
 * const { version, factors } = decodeFactors(bytes);
 */
export function decodeFactors(bytes: Uint8Array): { version: ModelVersion; factors: AlsFactors } {
  const fail = (why: string): never => {
    throw new RecommendationsError('invalid_model_bytes', `not serialised factors: ${why}`);
  };
  if (bytes.length < 12) fail(`${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) fail('no ECRF magic');
  const format = view.getUint32(4, true);
  if (format !== FORMAT) fail(`format ${format}, this library reads ${FORMAT}`);
  const length = view.getUint32(8, true);
  if (12 + length > bytes.length) fail('truncated header');
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length))) as Header;
  } catch (error) {
    return fail(`bad header (${(error as Error).message})`);
  }
  const { customers, products, factors: f, precision } = header;
  const width = precision === 'float32' ? 4 : 8;
  const idsAt = align8(12 + length);
  const factorsAt = align8(idsAt + 4 * (customers + products));
  if (factorsAt + width * f * (customers + products) !== bytes.length) fail('sizes do not match the header');
  const customerIds = new Int32Array(customers);
  const productIds = new Int32Array(products);
  let at = idsAt;
  for (const ids of [customerIds, productIds])
    for (let i = 0; i < ids.length; i++, at += 4) ids[i] = view.getInt32(at, true);
  const make = (n: number): FactorArray => (width === 4 ? new Float32Array(n) : new Float64Array(n));
  const userFactors = make(customers * f);
  const itemFactors = make(products * f);
  at = factorsAt;
  for (const array of [userFactors, itemFactors])
    for (let i = 0; i < array.length; i++, at += width)
      array[i] = width === 4 ? view.getFloat32(at, true) : view.getFloat64(at, true);
  return {
    version: header.version,
    factors: { factors: f, customerIds, productIds, userFactors, itemFactors },
  };
}
