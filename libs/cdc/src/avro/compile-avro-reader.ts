/**
 * Compiles an Avro schema (as Kafka Connect's AvroConverter writes it for Debezium) into a reader of Avro binary
 * data producing the same logical values as the JSON decoders: `connect.name` semantic types first, then Avro
 * logical types; unchanged-TOAST placeholders become UNAVAILABLE.
 */
import { CdcError, fail, type PathSegment } from '../errors.js';
import {
  avroLogicalConverter,
  SEMANTIC,
  semanticConverter,
  type SemanticConverter,
} from '../semantic-types.js';
import {
  UNAVAILABLE,
  isPlaceholderArray,
  isPlaceholderBytes,
  isPlaceholderMap,
  type PlaceholderForms,
} from '../unavailable.js';
import { recordTemplate } from '../internal/record-template.js';
import type { Tap } from './tap.js';
import { isObject, setField } from '../internal/object-fields.js';

/**
 * An Avro schema in its JSON form (a type name, a union array, or a schema object).
 *
 * @example
 * const s: AvroSchema = { type: 'record', name: 'Key', fields: [{ name: 'id', type: 'long' }] };
 */
export type AvroSchema = string | AvroSchema[] | { [key: string]: unknown };

/**
 * Per-message state of an Avro read.
 *
 * @example
 * const ctx: AvroContext = { placeholder: placeholderForms(), unavailable: 0 };
 */
export interface AvroContext {
  placeholder: PlaceholderForms;
  unavailable: number;
}

/**
 * Reads one value.
 *
 * @example
 * const value = reader(new Tap(bytes, 5), ctx);
 */
export type AvroReader = (tap: Tap, ctx: AvroContext) => unknown;

interface Compiled {
  read: AvroReader;
  /** Minimum encoded size in bytes (bounds array/map block counts). */
  min: number;
}

const MAX_ZERO_SIZE_ITEMS = 1_000_000;

class Compiler {
  private readonly named = new Map<string, Compiled>();

  compile(schema: AvroSchema, ns: string, path: PathSegment[]): Compiled {
    if (typeof schema === 'string') return this.byName(schema, ns, path, undefined);
    if (Array.isArray(schema)) return this.union(schema, ns, path);
    if (!isObject(schema))
      return fail('INVALID_SCHEMA', 'an Avro schema must be a string, array or object', path);
    const type = schema['type'];
    if (Array.isArray(type) || isObject(type)) return this.compile(type as AvroSchema, ns, path);
    if (typeof type !== 'string') return fail('INVALID_SCHEMA', 'an Avro schema object needs a "type"', path);
    switch (type) {
      case 'record':
      case 'error':
        return this.record(schema, ns, path);
      case 'enum': {
        const symbols = schema['symbols'];
        if (!Array.isArray(symbols)) return fail('INVALID_SCHEMA', 'an Avro enum needs "symbols"', path);
        const c: Compiled = {
          min: 1,
          read: (t) => {
            const i = t.readInt();
            if (i < 0 || i >= symbols.length) fail('SCHEMA_MISMATCH', `Avro enum index ${i} out of range`);
            return symbols[i];
          },
        };
        this.register(schema, ns, c);
        return this.wrap(c, schema, 'string');
      }
      case 'fixed': {
        const size = schema['size'];
        if (typeof size !== 'number' || !Number.isInteger(size) || size < 0)
          return fail('INVALID_SCHEMA', 'an Avro fixed needs a "size"', path);
        const c: Compiled = { min: size, read: (t) => t.readFixed(size) };
        this.register(schema, ns, c);
        return this.wrap(c, schema, 'bytes');
      }
      case 'array': {
        const items = this.compile(schema['items'] as AvroSchema, ns, [...path, '[]']);
        return this.wrap({ min: 1, read: this.blocks(items, false) }, schema, 'array');
      }
      case 'map': {
        const values = this.compile(schema['values'] as AvroSchema, ns, [...path, '{value}']);
        return this.wrap({ min: 1, read: this.blocks(values, true) }, schema, 'map');
      }
      default:
        return this.byName(type, ns, path, schema);
    }
  }

  private fullName(name: string, ns: string): string {
    return name.includes('.') || !ns ? name : ns + '.' + name;
  }

  private register(schema: Record<string, unknown>, ns: string, c: Compiled): void {
    const name = schema['name'];
    if (typeof name !== 'string') return;
    const space = typeof schema['namespace'] === 'string' ? (schema['namespace'] as string) : ns;
    this.named.set(this.fullName(name, space), c);
  }

  private byName(
    name: string,
    ns: string,
    path: PathSegment[],
    attrs: Record<string, unknown> | undefined,
  ): Compiled {
    let c: Compiled;
    switch (name) {
      case 'null':
        c = { min: 0, read: () => null };
        break;
      case 'boolean':
        c = { min: 1, read: (t) => t.readBoolean() };
        break;
      case 'int':
        c = { min: 1, read: (t) => t.readInt() };
        break;
      case 'long':
        c = { min: 1, read: (t) => t.readLong() };
        break;
      case 'float':
        c = { min: 4, read: (t) => t.readFloat() };
        break;
      case 'double':
        c = { min: 8, read: (t) => t.readDouble() };
        break;
      case 'bytes':
        c = { min: 1, read: (t) => t.readBytes() };
        break;
      case 'string':
        c = { min: 1, read: (t) => t.readString() };
        break;
      default: {
        const found = this.named.get(this.fullName(name, ns)) ?? this.named.get(name);
        if (!found) return fail('UNSUPPORTED_TYPE', `unknown Avro type ${JSON.stringify(name)}`, path);
        return found;
      }
    }
    // Plain strings and bytes (e.g. inside ["null","string"]) can carry the unchanged-TOAST placeholder too.
    return attrs || name === 'string' || name === 'bytes' ? this.wrap(c, attrs ?? {}, name) : c;
  }

  /** Applies TOAST placeholder detection and semantic / logical conversions. */
  private wrap(c: Compiled, attrs: Record<string, unknown>, kind: string): Compiled {
    const connectName =
      typeof attrs['connect.name'] === 'string' ? (attrs['connect.name'] as string) : undefined;
    const logical = typeof attrs['logicalType'] === 'string' ? (attrs['logicalType'] as string) : undefined;
    let conv: SemanticConverter | undefined;
    if (connectName === SEMANTIC.DECIMAL) {
      const params = isObject(attrs['connect.parameters'])
        ? attrs['connect.parameters']
        : { scale: String(attrs['scale'] ?? 0) };
      conv = semanticConverter(SEMANTIC.DECIMAL, params);
    } else {
      conv = semanticConverter(
        connectName,
        isObject(attrs['connect.parameters']) ? attrs['connect.parameters'] : undefined,
      );
      if (!conv && !connectName) conv = avroLogicalConverter(logical, attrs);
    }
    const inner = c.read;
    const convert = conv as ((v: unknown) => unknown) | undefined;
    const isUuid = connectName === SEMANTIC.UUID || logical === 'uuid';
    let read: AvroReader;
    switch (kind) {
      case 'string':
        read = (t, ctx) => {
          const s = inner(t, ctx) as string;
          const p = ctx.placeholder;
          if (s === p.text || s === p.jsonMap || (isUuid && s === p.uuid)) {
            ctx.unavailable++;
            return UNAVAILABLE;
          }
          return convert ? convert(s) : s;
        };
        break;
      case 'bytes':
        read = (t, ctx) => {
          const b = inner(t, ctx) as Uint8Array;
          if (isPlaceholderBytes(b, ctx.placeholder)) {
            ctx.unavailable++;
            return UNAVAILABLE;
          }
          return convert ? convert(b) : b;
        };
        break;
      case 'array':
        read = (t, ctx) => {
          const a = inner(t, ctx) as unknown[];
          if (isPlaceholderArray(a, ctx.placeholder)) {
            ctx.unavailable++;
            return UNAVAILABLE;
          }
          return convert ? convert(a) : a;
        };
        break;
      case 'map':
        read = (t, ctx) => {
          const m = inner(t, ctx) as Record<string, unknown>;
          if (isPlaceholderMap(m, ctx.placeholder)) {
            ctx.unavailable++;
            return UNAVAILABLE;
          }
          return convert ? convert(m) : m;
        };
        break;
      default:
        if (!convert) return c;
        read = (t, ctx) => convert(inner(t, ctx));
    }
    return { min: c.min, read };
  }

  private union(branches: AvroSchema[], ns: string, path: PathSegment[]): Compiled {
    const readers = branches.map((b, i) => this.compile(b, ns, [...path, `|${i}`]).read);
    if (readers.length === 2 && branches[0] === 'null') {
      const second = readers[1];
      return {
        min: 1,
        read: (t, ctx) => {
          const i = t.readInt();
          if (i === 0) return null;
          if (i === 1) return second(t, ctx);
          return fail('SCHEMA_MISMATCH', `Avro union index ${i} out of range`);
        },
      };
    }
    return {
      min: 1,
      read: (t, ctx) => {
        const i = t.readInt();
        const r = readers[i];
        if (r === undefined) return fail('SCHEMA_MISMATCH', `Avro union index ${i} out of range`);
        return r(t, ctx);
      },
    };
  }

  private record(schema: Record<string, unknown>, ns: string, path: PathSegment[]): Compiled {
    const fields = schema['fields'];
    if (!Array.isArray(fields)) return fail('INVALID_SCHEMA', 'an Avro record needs "fields"', path);
    const space =
      typeof schema['namespace'] === 'string'
        ? (schema['namespace'] as string)
        : typeof schema['name'] === 'string' && (schema['name'] as string).includes('.')
          ? (schema['name'] as string).slice(0, (schema['name'] as string).lastIndexOf('.'))
          : ns;
    const names: string[] = [];
    const readers: AvroReader[] = [];
    // Register before compiling fields so that recursive references resolve (lazily).
    const self: Compiled = { min: 0, read: (t, ctx) => read(t, ctx) };
    this.register(schema, ns, self);
    let min = 0;
    for (const f of fields) {
      if (!isObject(f) || typeof f['name'] !== 'string')
        return fail('INVALID_SCHEMA', 'each Avro field needs a "name"', path);
      const c = this.compile(f['type'] as AvroSchema, space, [...path, f['name']]);
      names.push(f['name']);
      readers.push(c.read);
      min += c.min;
    }
    const n = names.length;
    // Objects are cloned from a template so that every record of this type shares one hidden class and field
    // stores hit existing properties.
    const template = recordTemplate(names);
    const read: AvroReader = (t, ctx) => {
      const o: Record<string, unknown> = template ? { ...template } : {};
      for (let i = 0; i < n; i++) {
        let v: unknown;
        try {
          v = readers[i](t, ctx);
        } catch (e) {
          if (e instanceof CdcError) e.path.unshift(names[i]);
          throw e;
        }
        if (template) o[names[i]] = v;
        else setField(o, names[i], v);
      }
      return o;
    };
    self.min = min;
    return this.wrap({ min, read }, schema, 'record');
  }

  private blocks(item: Compiled, isMap: boolean): AvroReader {
    const read = item.read;
    const min = item.min;
    return (t, ctx) => {
      const out: unknown[] | Record<string, unknown> = isMap ? {} : [];
      let total = 0;
      for (;;) {
        let count = t.readLong();
        if (typeof count !== 'number') return fail('SCHEMA_MISMATCH', 'Avro block count is out of range');
        if (count === 0) return out;
        if (count < 0) {
          count = -count;
          t.readLong(); // block size in bytes
        }
        total += count;
        const left = t.end - t.pos;
        if ((min > 0 && count * min > left) || (min === 0 && total > MAX_ZERO_SIZE_ITEMS)) {
          return fail('SCHEMA_MISMATCH', `Avro block of ${count} items exceeds the remaining ${left} bytes`);
        }
        for (let i = 0; i < count; i++) {
          if (isMap) {
            const k = t.readString();
            let v: unknown;
            try {
              v = read(t, ctx);
            } catch (e) {
              if (e instanceof CdcError) e.path.unshift(k);
              throw e;
            }
            setField(out as Record<string, unknown>, k, v);
          } else {
            (out as unknown[]).push(read(t, ctx));
          }
        }
      }
    };
  }
}

/**
 * Compiles an Avro schema into a reader. Throws {@link CdcError} `INVALID_SCHEMA` / `UNSUPPORTED_TYPE`.
 *
 * @example
 * const read = compileAvroReader({ type: 'record', name: 'K', fields: [{ name: 'id', type: 'long' }] });
 * read(new Tap(new Uint8Array([2]), 0), ctx) // { id: 1 }
 */
export function compileAvroReader(schema: AvroSchema): AvroReader {
  return new Compiler().compile(schema, '', []).read;
}
