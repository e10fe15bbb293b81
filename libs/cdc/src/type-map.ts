/**
 * Out-of-band column types for schemaless JSON (`schemas.enable=false`): without them a precise decimal is an
 * opaque base64 string and a timestamp a bare integer. Values are Connect schemas or PostgreSQL type names.
 */
import { compileConnectSchema, type ConnectSchema, type JsonFieldDecoder } from './connect-schema.js';
import { fail } from './errors.js';
import { SEMANTIC } from './semantic-types.js';

/**
 * A column type: a Connect schema, or a PostgreSQL type name such as `'numeric(12,2)'`, `'timestamptz'`, `'text[]'`.
 *
 * @example
 * const t: ColumnType = 'numeric(12,2)'; // or { type: 'bytes', name: 'org.apache.kafka.connect.data.Decimal', parameters: { scale: '2' } }
 */
export type ColumnType = ConnectSchema | string;

/**
 * Table → column → type. Table keys are `'<schema>.<table>'` or just `'<table>'`.
 *
 * @example
 * const typeMap: TypeMap = { 'public.orders': { total_price: 'numeric(12,2)', created_at: 'timestamp(6)' } };
 */
export type TypeMap = Readonly<Record<string, Readonly<Record<string, ColumnType>>>>;

const opt = (s: ConnectSchema): ConnectSchema => ({ ...s, optional: true });

/**
 * Maps a PostgreSQL type name to the Connect schema Debezium emits for it with default settings
 * (`decimal.handling.mode=precise`, `time.precision.mode=adaptive`, `interval.handling.mode=numeric`,
 * `binary.handling.mode=bytes`). Throws `CdcError` `INVALID_SCHEMA` for names it does not know
 * (use `'text'` for enums and other string-like types, or pass a Connect schema).
 *
 * @example
 * pgTypeToConnectSchema('numeric(12,2)') // { type: 'bytes', name: 'org.apache.kafka.connect.data.Decimal', parameters: { scale: '2', … } }
 */
export function pgTypeToConnectSchema(pgType: string): ConnectSchema {
  const t = pgType.trim().toLowerCase().replace(/\s+/g, ' ');
  if (t.endsWith('[]')) return opt({ type: 'array', items: opt(pgTypeToConnectSchema(t.slice(0, -2))) });
  const m = /^([a-z_ ]+?)\s*(?:\(\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?\))?(?: (with|without) time zone)?$/.exec(t);
  if (!m) return fail('INVALID_SCHEMA', `unknown PostgreSQL type ${JSON.stringify(pgType)}`);
  const [, base, p1, p2, tz] = m;
  const precision = p1 === undefined ? undefined : Number(p1);
  switch (base) {
    case 'numeric':
    case 'decimal':
      if (precision === undefined) {
        return opt({
          type: 'struct',
          name: SEMANTIC.VARIABLE_SCALE_DECIMAL,
          fields: [
            { type: 'int32', field: 'scale' },
            { type: 'bytes', field: 'value' },
          ],
        });
      }
      return opt({
        type: 'bytes',
        name: SEMANTIC.DECIMAL,
        parameters: { scale: p2 ?? '0', 'connect.decimal.precision': String(precision) },
      });
    case 'money':
      return opt({ type: 'bytes', name: SEMANTIC.DECIMAL, parameters: { scale: '2' } });
    case 'smallint':
    case 'int2':
    case 'smallserial':
      return opt({ type: 'int16' });
    case 'integer':
    case 'int':
    case 'int4':
    case 'serial':
      return opt({ type: 'int32' });
    case 'bigint':
    case 'int8':
    case 'bigserial':
    case 'oid':
      return opt({ type: 'int64' });
    case 'real':
    case 'float4':
      return opt({ type: 'float' });
    case 'double precision':
    case 'float8':
    case 'float':
      return opt({ type: 'double' });
    case 'boolean':
    case 'bool':
      return opt({ type: 'boolean' });
    case 'bit':
      return precision === undefined || precision === 1
        ? opt({ type: 'boolean' })
        : opt({ type: 'bytes', name: SEMANTIC.BITS, parameters: { length: String(precision) } });
    case 'varbit':
    case 'bit varying':
      return opt({ type: 'bytes', name: SEMANTIC.BITS });
    case 'text':
    case 'varchar':
    case 'character varying':
    case 'char':
    case 'character':
    case 'bpchar':
    case 'citext':
    case 'name':
    case 'inet':
    case 'cidr':
    case 'macaddr':
    case 'macaddr8':
    case 'tsvector':
    case 'enum':
    case 'int4range':
    case 'int8range':
    case 'numrange':
    case 'tsrange':
    case 'tstzrange':
    case 'daterange':
      return opt({ type: 'string' });
    case 'uuid':
      return opt({ type: 'string', name: SEMANTIC.UUID });
    case 'json':
    case 'jsonb':
    case 'hstore':
      return opt({ type: 'string', name: SEMANTIC.JSON });
    case 'xml':
      return opt({ type: 'string', name: 'io.debezium.data.Xml' });
    case 'bytea':
      return opt({ type: 'bytes' });
    case 'date':
      return opt({ type: 'int32', name: SEMANTIC.DATE });
    case 'time':
      if (tz === 'with') return opt({ type: 'string', name: SEMANTIC.ZONED_TIME });
      return precision !== undefined && precision <= 3
        ? opt({ type: 'int32', name: SEMANTIC.TIME })
        : opt({ type: 'int64', name: SEMANTIC.MICRO_TIME });
    case 'timetz':
      return opt({ type: 'string', name: SEMANTIC.ZONED_TIME });
    case 'timestamp':
      if (tz === 'with') return opt({ type: 'string', name: SEMANTIC.ZONED_TIMESTAMP });
      return precision !== undefined && precision <= 3
        ? opt({ type: 'int64', name: SEMANTIC.TIMESTAMP })
        : opt({ type: 'int64', name: SEMANTIC.MICRO_TIMESTAMP });
    case 'timestamptz':
      return opt({ type: 'string', name: SEMANTIC.ZONED_TIMESTAMP });
    case 'interval':
      return opt({ type: 'int64', name: SEMANTIC.MICRO_DURATION });
    default:
      return fail(
        'INVALID_SCHEMA',
        `unknown PostgreSQL type ${JSON.stringify(pgType)} (use 'text' for enums, or a Connect schema)`,
      );
  }
}

/**
 * A compiled {@link TypeMap}.
 *
 * @example
 * compileTypeMap(typeMap).lookup('public', 'orders')?.get('total_price');
 */
export interface CompiledTypeMap {
  /** Column decoders of a table, looked up as `'<schema>.<table>'` then `'<table>'`. */
  lookup(schema: string, table: string): ReadonlyMap<string, JsonFieldDecoder> | undefined;
}

/**
 * Compiles a {@link TypeMap} once (the decoder does this at creation). Throws `CdcError` `INVALID_SCHEMA` for bad entries.
 *
 * @example
 * compileTypeMap({ orders: { total: 'numeric(10,2)' } }).lookup('public', 'orders')?.has('total') // true
 */
export function compileTypeMap(map: TypeMap): CompiledTypeMap {
  const tables = new Map<string, Map<string, JsonFieldDecoder>>();
  for (const [table, columns] of Object.entries(map)) {
    const decs = new Map<string, JsonFieldDecoder>();
    for (const [column, type] of Object.entries(columns)) {
      const schema = typeof type === 'string' ? pgTypeToConnectSchema(type) : type;
      decs.set(column, compileConnectSchema({ ...schema, optional: true }, [table, column]));
    }
    tables.set(table, decs);
  }
  // One-entry memo: consecutive records almost always come from the same table.
  let lastSchema: string | undefined;
  let lastTable: string | undefined;
  let last: ReadonlyMap<string, JsonFieldDecoder> | undefined;
  return {
    lookup: (schema, table) => {
      if (schema === lastSchema && table === lastTable) return last;
      lastSchema = schema;
      lastTable = table;
      last = tables.get(schema + '.' + table) ?? tables.get(table);
      return last;
    },
  };
}
