/**
 * Rows of schemaless JSON: typed columns go through the type map; the others keep their JSON value, with
 * unchanged-TOAST placeholders (any shape) replaced by UNAVAILABLE and integers beyond 2^53 made exact.
 */
import type { JsonFieldDecoder } from '../connect-schema.js';
import { CdcError } from '../errors.js';
import { checkDepth, exactNumber, MAX_SAFE, type JsonContext } from '../internal/json-context.js';
import { LosslessNumber } from '../lossless-number.js';
import type { LogicalValue, Row } from '../types.js';
import { UNAVAILABLE, isPlaceholderArray, isPlaceholderMap, isPlaceholderString } from '../unavailable.js';
import { setField } from '../internal/object-fields.js';

function plain(v: unknown, key: string | number, ctx: JsonContext, depth: number): unknown {
  switch (typeof v) {
    case 'string':
      if (isPlaceholderString(v, ctx.placeholder)) {
        ctx.unavailable++;
        return UNAVAILABLE;
      }
      return v;
    case 'number':
      return v > MAX_SAFE || v < -MAX_SAFE ? exactNumber(ctx, key, v) : v;
    case 'object': {
      if (v === null) return null;
      if (v instanceof LosslessNumber) return Number(v.text);
      checkDepth(ctx, depth);
      if (Array.isArray(v)) {
        if (isPlaceholderArray(v, ctx.placeholder)) {
          ctx.unavailable++;
          return UNAVAILABLE;
        }
        for (let i = 0; i < v.length; i++) {
          const item = v[i];
          if (typeof item === 'number' && item <= MAX_SAFE && item >= -MAX_SAFE) continue;
          v[i] = plain(item, i, ctx, depth + 1);
        }
        return v;
      }
      const o = v as Record<string, unknown>;
      if (isPlaceholderMap(o, ctx.placeholder)) {
        ctx.unavailable++;
        return UNAVAILABLE;
      }
      for (const k in o) setField(o, k, plain(o[k], k, ctx, depth + 1));
      return o;
    }
    default:
      return v;
  }
}

/**
 * Decodes a schemaless row in place and returns it.
 *
 * @example
 * decodeSchemalessRow({ id: 1, note: '__debezium_unavailable_value' }, undefined, ctx) // { id: 1, note: UNAVAILABLE }
 */
export function decodeSchemalessRow(
  row: Record<string, unknown>,
  types: ReadonlyMap<string, JsonFieldDecoder> | undefined,
  ctx: JsonContext,
): Row {
  const p = ctx.placeholder;
  const l1 = p.text.length;
  const l2 = p.base64.length;
  const l3 = p.jsonMap.length;
  for (const k in row) {
    const v = row[k];
    const dec = types === undefined ? undefined : types.get(k);
    let out: unknown;
    if (dec === undefined) {
      // Inline fast checks for the common flat columns.
      if (typeof v === 'number' ? v <= MAX_SAFE && v >= -MAX_SAFE : typeof v === 'boolean' || v === null)
        continue;
      if (typeof v === 'string') {
        const n = v.length;
        if (n !== l1 && n !== l2 && n !== 36 && n !== l3) continue;
      }
    }
    try {
      out = dec ? dec(v, k, ctx) : plain(v, k, ctx, 1);
    } catch (e) {
      if (e instanceof CdcError) e.path.unshift(k);
      throw e;
    }
    if (out !== v) setField(row, k, out);
  }
  return row as Record<string, LogicalValue>;
}
