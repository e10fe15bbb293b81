/**
 * Kafka Connect JSON schemas (the `schema` half of a `schemas.enable=true` message) and their compilation into
 * fast field decoders. Compile once per distinct schema and reuse (the decoder caches them).
 */
import { decodeBase64 } from './base64.js';
import { decimalFromNumberText } from './decimal.js';
import { CdcError, fail, type PathSegment } from './errors.js';
import { exactNumber, recoverLiteral, type JsonContext } from './internal/json-context.js';
import { recordTemplate } from './internal/record-template.js';
import { LosslessNumber } from './lossless-number.js';
import { decimalScale, SEMANTIC, semanticConverter } from './semantic-types.js';
import type { LogicalValue } from './types.js';
import { UNAVAILABLE, isPlaceholderArray, isPlaceholderMap } from './unavailable.js';
import { isObject, setField } from './internal/object-fields.js';

/**
 * Connect schema types (`org.apache.kafka.connect.data.Schema.Type`, JSON spelling).
 *
 * @example
 * const t: ConnectType = 'int64';
 */
export type ConnectType =
  | 'boolean'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'float'
  | 'double'
  | 'bytes'
  | 'string'
  | 'array'
  | 'map'
  | 'struct';

/**
 * A Kafka Connect schema in its JSON form (`JsonSchema.java`).
 *
 * @example
 * const s: ConnectSchema = { type: 'bytes', name: 'org.apache.kafka.connect.data.Decimal', parameters: { scale: '2' } };
 */
export interface ConnectSchema {
  type: ConnectType;
  optional?: boolean;
  name?: string;
  version?: number;
  parameters?: Record<string, string>;
  default?: unknown;
  doc?: string;
  /** Field name, when this schema is a struct field. */
  field?: string;
  fields?: ConnectSchema[];
  items?: ConnectSchema;
  keys?: ConnectSchema;
  values?: ConnectSchema;
}

/**
 * A compiled decoder for one JSON value under a Connect schema. `key` is the value's key in its parent.
 *
 * @example
 * const dec: JsonFieldDecoder = compileConnectSchema({ type: 'int32' }); dec(5, 'x', ctx) // 5
 */
export type JsonFieldDecoder = (value: unknown, key: string | number, ctx: JsonContext) => LogicalValue;

const INT_RANGES: Record<string, [number, number]> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
};

function mismatch(expected: string, value: unknown): never {
  const got = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  fail('SCHEMA_MISMATCH', `expected ${expected}, got ${got}`);
}

function primitive(schema: ConnectSchema): JsonFieldDecoder {
  const { type, name } = schema;
  switch (type) {
    case 'int8':
    case 'int16':
    case 'int32': {
      const [lo, hi] = INT_RANGES[type];
      return (v) => {
        if (typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi) return v;
        return mismatch(type, v);
      };
    }
    case 'int64':
      return (v, key, ctx) => {
        if (typeof v === 'number' && Number.isInteger(v)) return exactNumber(ctx, key, v) as number | bigint;
        if (typeof v === 'bigint') return v;
        return mismatch('int64', v);
      };
    case 'float':
    case 'double':
      return (v) => {
        if (typeof v === 'number') return v;
        if (typeof v === 'bigint') return Number(v);
        if (v instanceof LosslessNumber) return Number(v.text);
        if (v === 'NaN') return NaN;
        if (v === 'Infinity') return Infinity;
        if (v === '-Infinity') return -Infinity;
        return mismatch(type, v);
      };
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : mismatch('boolean', v));
    case 'string': {
      const isUuid = name === SEMANTIC.UUID;
      return (v, _k, ctx) => {
        if (typeof v !== 'string') return mismatch('string', v);
        const p = ctx.placeholder;
        if (v === p.text || v === p.jsonMap || (isUuid && v === p.uuid)) {
          ctx.unavailable++;
          return UNAVAILABLE;
        }
        return v;
      };
    }
    case 'bytes':
      return (v, _k, ctx) => {
        if (typeof v !== 'string') return mismatch('base64 string', v);
        if (v === ctx.placeholder.base64) {
          ctx.unavailable++;
          return UNAVAILABLE;
        }
        try {
          return decodeBase64(v);
        } catch (e) {
          return fail('SCHEMA_MISMATCH', `invalid base64 in bytes value: ${(e as Error).message}`);
        }
      };
    default:
      return fail('UNSUPPORTED_TYPE', `unsupported Connect schema type ${JSON.stringify(type)}`);
  }
}

function decimalDecoder(schema: ConnectSchema): JsonFieldDecoder {
  const scale = decimalScale(schema.parameters);
  const bytes = semanticConverter(SEMANTIC.DECIMAL, schema.parameters) as (b: Uint8Array) => string;
  const fromText = (text: string): string => {
    const out = decimalFromNumberText(text, scale);
    return out ?? fail('SCHEMA_MISMATCH', `decimal ${text} does not fit scale ${scale}`);
  };
  return (v, key, ctx) => {
    if (typeof v === 'string') {
      if (v === ctx.placeholder.base64) {
        ctx.unavailable++;
        return UNAVAILABLE;
      }
      let b: Uint8Array;
      try {
        b = decodeBase64(v);
      } catch (e) {
        return fail('SCHEMA_MISMATCH', `invalid base64 in Decimal value: ${(e as Error).message}`);
      }
      return bytes(b);
    }
    if (typeof v === 'number') return fromText(recoverLiteral(ctx, key, v));
    if (typeof v === 'bigint') return fromText(String(v));
    if (v instanceof LosslessNumber) return fromText(v.text);
    return mismatch('Decimal (base64 string or number)', v);
  };
}

function compileNonNull(schema: ConnectSchema, path: PathSegment[]): JsonFieldDecoder {
  if (!isObject(schema)) fail('INVALID_SCHEMA', 'a Connect schema must be an object', path);
  const { type, name } = schema;
  if (typeof type !== 'string') fail('INVALID_SCHEMA', 'a Connect schema needs a "type"', path);
  if (name === SEMANTIC.DECIMAL && type === 'bytes') return decimalDecoder(schema);
  switch (type) {
    case 'struct': {
      if (!Array.isArray(schema.fields)) fail('INVALID_SCHEMA', 'a struct schema needs "fields"', path);
      const names: string[] = [];
      const decs: JsonFieldDecoder[] = [];
      for (const f of schema.fields) {
        if (!isObject(f) || typeof f.field !== 'string')
          fail('INVALID_SCHEMA', 'each struct field needs a "field" name', path);
        names.push(f.field);
        decs.push(compileConnectSchema(f, [...path, f.field]));
      }
      const n = names.length;
      const conv = semanticConverter(name, schema.parameters) as ((s: unknown) => LogicalValue) | undefined;
      const template = recordTemplate(names);
      return (v, _k, ctx) => {
        if (!isObject(v)) return mismatch('struct object', v);
        const out: Record<string, unknown> = template ? { ...template } : {};
        for (let i = 0; i < n; i++) {
          const k = names[i];
          let d: unknown;
          try {
            d = decs[i](v[k], k, ctx);
          } catch (e) {
            if (e instanceof CdcError) e.path.unshift(k);
            throw e;
          }
          if (template) out[k] = d;
          else setField(out, k, d);
        }
        return (conv ? conv(out) : out) as LogicalValue;
      };
    }
    case 'array': {
      if (!isObject(schema.items)) fail('INVALID_SCHEMA', 'an array schema needs "items"', path);
      const item = compileConnectSchema(schema.items, [...path, '[]']);
      return (v, _k, ctx) => {
        if (!Array.isArray(v)) return mismatch('array', v);
        if (isPlaceholderArray(v, ctx.placeholder)) {
          ctx.unavailable++;
          return UNAVAILABLE;
        }
        const out: LogicalValue[] = new Array(v.length);
        for (let i = 0; i < v.length; i++) {
          try {
            out[i] = item(v[i], i, ctx);
          } catch (e) {
            if (e instanceof CdcError) e.path.unshift(i);
            throw e;
          }
        }
        return out;
      };
    }
    case 'map': {
      if (!isObject(schema.keys) || !isObject(schema.values))
        fail('INVALID_SCHEMA', 'a map schema needs "keys" and "values"', path);
      const keyDec = compileConnectSchema(schema.keys, [...path, '{key}']);
      const valDec = compileConnectSchema(schema.values, [...path, '{value}']);
      if (schema.keys.type === 'string') {
        return (v, _k, ctx) => {
          if (!isObject(v)) return mismatch('map object', v);
          if (isPlaceholderMap(v, ctx.placeholder)) {
            ctx.unavailable++;
            return UNAVAILABLE;
          }
          const out: Record<string, unknown> = {};
          for (const k of Object.keys(v)) {
            try {
              setField(out, k, valDec(v[k], k, ctx));
            } catch (e) {
              if (e instanceof CdcError) e.path.unshift(k);
              throw e;
            }
          }
          return out as LogicalValue;
        };
      }
      // Non-string keys: JsonConverter writes an array of [key, value] pairs; we keep that shape.
      return (v, _k, ctx) => {
        if (!Array.isArray(v)) return mismatch('array of [key, value] pairs', v);
        return v.map((pair, i) => {
          if (!Array.isArray(pair) || pair.length !== 2) {
            return fail('SCHEMA_MISMATCH', 'expected a [key, value] pair', [i]);
          }
          return [keyDec(pair[0], 0, ctx), valDec(pair[1], 1, ctx)];
        });
      };
    }
    default: {
      const prim = primitive(schema);
      const conv = semanticConverter(name, schema.parameters) as ((x: unknown) => LogicalValue) | undefined;
      if (!conv) return prim;
      return (v, k, ctx) => {
        const p = prim(v, k, ctx);
        return p === UNAVAILABLE ? p : conv(p);
      };
    }
  }
}

/**
 * Compiles a Connect schema into a decoder for JSON values. Throws {@link CdcError} `INVALID_SCHEMA` or
 * `UNSUPPORTED_TYPE` for bad schemas. Null handling follows `JsonConverter`: a null value takes the schema
 * default if there is one, else is `null` when optional, else fails with `SCHEMA_MISMATCH`.
 *
 * @example
 * const dec = compileConnectSchema({ type: 'int32', name: 'io.debezium.time.Date' });
 * dec(17109, 'd', ctx) // '2016-11-04'
 */
export function compileConnectSchema(schema: ConnectSchema, path: PathSegment[] = []): JsonFieldDecoder {
  const inner = compileNonNull(schema, path);
  const hasDefault = schema.default !== undefined && schema.default !== null;
  const optional = schema.optional === true;
  const fieldName = schema.field;
  return (v, key, ctx) => {
    if (v === null || v === undefined) {
      if (hasDefault) {
        const exact = ctx.exact;
        ctx.exact = true;
        try {
          return inner(schema.default, key, ctx);
        } finally {
          ctx.exact = exact;
        }
      }
      if (optional) return null;
      return fail(
        'SCHEMA_MISMATCH',
        `null value for required ${schema.type} field${fieldName ? ` "${fieldName}"` : ''}`,
      );
    }
    return inner(v, key, ctx);
  };
}
