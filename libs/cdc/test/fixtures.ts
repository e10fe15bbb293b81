/**
 * Test and benchmark data: Debezium envelopes for an `orders` table in every wire form, built deterministically
 * from a seed. Avro bodies are encoded with avsc (a dev dependency) so our reader is checked against another
 * implementation.
 */
import avro from 'avsc';

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** JSON.stringify that writes bigints as exact number literals. */
export function stringifyExact(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `@@big:${v}` : v)).replace(
    /"@@big:(-?\d+)"/g,
    '$1',
  );
}

/** Big-endian two's-complement bytes of an integer (Java BigInteger.toByteArray). */
export function twosComplement(n: bigint): Uint8Array {
  const out: number[] = [];
  let v = n;
  for (;;) {
    out.unshift(Number(v & 0xffn));
    const rest = v >> 8n;
    const signOk = (rest === 0n && (out[0] & 0x80) === 0) || (rest === -1n && (out[0] & 0x80) !== 0);
    if (signOk) break;
    v = rest;
  }
  return Uint8Array.from(out);
}

export const base64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

const opt = <T extends object>(s: T) => ({ ...s, optional: true });

/** Connect schema of the `orders` row. */
export const orderRowSchema = {
  type: 'struct',
  name: 'ecommerce-cdc.public.orders.Value',
  optional: true,
  fields: [
    { type: 'int64', optional: false, field: 'id' },
    opt({ type: 'int64', field: 'customer_id' }),
    opt({
      type: 'string',
      name: 'io.debezium.data.Enum',
      version: 1,
      parameters: { allowed: 'pending,confirmed,completed' },
      field: 'status',
    }),
    opt({
      type: 'bytes',
      name: 'org.apache.kafka.connect.data.Decimal',
      version: 1,
      parameters: { scale: '2', 'connect.decimal.precision': '12' },
      field: 'total_price',
    }),
    opt({ type: 'string', field: 'currency', default: 'VND' }),
    opt({ type: 'string', field: 'note' }),
    opt({ type: 'int64', name: 'io.debezium.time.MicroTimestamp', version: 1, field: 'created_at' }),
    opt({ type: 'string', name: 'io.debezium.time.ZonedTimestamp', version: 1, field: 'paid_at' }),
    opt({ type: 'int32', name: 'io.debezium.time.Date', version: 1, field: 'order_date' }),
    opt({ type: 'double', field: 'weight' }),
    opt({ type: 'string', name: 'io.debezium.data.Uuid', version: 1, field: 'token' }),
  ],
};

const sourceSchema = {
  type: 'struct',
  name: 'io.debezium.connector.postgresql.Source',
  optional: false,
  field: 'source',
  fields: [
    { type: 'string', optional: false, field: 'version' },
    { type: 'string', optional: false, field: 'connector' },
    { type: 'string', optional: false, field: 'name' },
    { type: 'int64', optional: false, field: 'ts_ms' },
    {
      type: 'string',
      optional: true,
      name: 'io.debezium.data.Enum',
      version: 1,
      parameters: {
        allowed: 'true,first,first_in_data_collection,last_in_data_collection,last,false,incremental',
      },
      default: 'false',
      field: 'snapshot',
    },
    { type: 'string', optional: false, field: 'db' },
    { type: 'string', optional: true, field: 'sequence' },
    { type: 'int64', optional: true, field: 'ts_us' },
    { type: 'int64', optional: true, field: 'ts_ns' },
    { type: 'string', optional: false, field: 'schema' },
    { type: 'string', optional: false, field: 'table' },
    { type: 'int64', optional: true, field: 'txId' },
    { type: 'int64', optional: true, field: 'lsn' },
    { type: 'int64', optional: true, field: 'xmin' },
  ],
};

/** Connect schema of the whole `orders` envelope. */
export const orderEnvelopeSchema = {
  type: 'struct',
  name: 'ecommerce-cdc.public.orders.Envelope',
  version: 2,
  optional: false,
  fields: [
    { ...orderRowSchema, field: 'before' },
    { ...orderRowSchema, field: 'after' },
    sourceSchema,
    { type: 'string', optional: false, field: 'op' },
    { type: 'int64', optional: true, field: 'ts_ms' },
    { type: 'int64', optional: true, field: 'ts_us' },
    { type: 'int64', optional: true, field: 'ts_ns' },
    {
      type: 'struct',
      optional: true,
      field: 'transaction',
      fields: [
        { type: 'string', optional: false, field: 'id' },
        { type: 'int64', optional: false, field: 'total_order' },
        { type: 'int64', optional: false, field: 'data_collection_order' },
      ],
    },
  ],
};

/** Logical content of order `i` (what the decoder must produce). */
export interface OrderCase {
  id: number;
  customerId: number;
  status: string;
  totalCents: bigint;
  note: string | null;
  createdAtMicros: number;
  paidAt: string;
  orderDate: number;
  weight: number;
  lsn: number;
  tsNs: bigint;
}

export function orderCase(i: number, seed = 42): OrderCase {
  const r = rng(seed * 1_000_003 + i);
  const created = 1_733_906_311_000_000 + Math.floor(r() * 1e12);
  return {
    id: 100_000 + i,
    customerId: 1 + Math.floor(r() * 50_000),
    status: ['pending', 'confirmed', 'completed'][i % 3],
    totalCents: BigInt(Math.floor(r() * 10_000_000)) - (i % 17 === 0 ? 5_000_000n : 0n),
    note: i % 5 === 0 ? null : `note ${Math.floor(r() * 1e6)}`,
    createdAtMicros: created,
    paidAt: new Date(Math.floor(created / 1000)).toISOString().replace(/\.\d+Z$/, '.123456Z'),
    orderDate: 20_000 + (i % 365),
    weight: Math.round(r() * 10_000) / 100,
    lsn: 34_466_480 + i * 160,
    // Like Debezium: the envelope ts_ns has nanosecond digits (JVM clock), the source ts_ns is µs × 1000 (PG).
    tsNs: 1_733_906_311_190_123_000n + BigInt(i) * 1000n + BigInt((i * 389) % 1000),
  };
}

/** The row as it appears in JSON (wire form). */
export function orderRowJson(c: OrderCase): Record<string, unknown> {
  return {
    id: c.id,
    customer_id: c.customerId,
    status: c.status,
    total_price: base64(twosComplement(c.totalCents)),
    currency: 'VND',
    note: c.note,
    created_at: c.createdAtMicros,
    paid_at: c.paidAt,
    order_date: c.orderDate,
    weight: c.weight,
    token: 'e7082e96-7190-4cc3-8ab4-bd27f1269f08',
  };
}

function sourceJson(c: OrderCase): Record<string, unknown> {
  const tsMs = Number(c.tsNs / 1_000_000n) - 180;
  return {
    version: '3.1.2.Final',
    connector: 'postgresql',
    name: 'ecommerce-cdc',
    ts_ms: tsMs,
    snapshot: 'false',
    db: 'ecommerce',
    sequence: `["${c.lsn - 160}","${c.lsn}"]`,
    ts_us: tsMs * 1000,
    ts_ns: BigInt(tsMs) * 1_000_000n,
    schema: 'public',
    table: 'orders',
    txId: 767 + c.id,
    lsn: c.lsn,
    xmin: null,
  };
}

/** Envelope payload (JSON wire form) for order `i`. */
export function orderPayload(c: OrderCase, op: 'c' | 'u' = 'c'): Record<string, unknown> {
  return {
    before: null,
    after: orderRowJson(c),
    source: sourceJson(c),
    op,
    ts_ms: Number(c.tsNs / 1_000_000n),
    ts_us: Number(c.tsNs / 1000n),
    ts_ns: c.tsNs,
    transaction: null,
  };
}

/** `schemas.enable=false` message text. */
export function schemalessMessage(i: number): string {
  return stringifyExact(orderPayload(orderCase(i)));
}

/** `schemas.enable=true` message text (compact, as JsonConverter writes it). */
export function withSchemaMessage(i: number): string {
  return stringifyExact({ schema: orderEnvelopeSchema, payload: orderPayload(orderCase(i)) });
}

/** JSON key with schema. */
export function keyWithSchema(i: number): string {
  return stringifyExact({
    schema: {
      type: 'struct',
      name: 'ecommerce-cdc.public.orders.Key',
      optional: false,
      fields: [{ type: 'int64', optional: false, field: 'id' }],
    },
    payload: { id: orderCase(i).id },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Avro, as Confluent AvroData writes Debezium envelopes.

const nullable = (t: unknown, extra: Record<string, unknown> = {}) => ({
  type: ['null', t],
  default: null,
  ...extra,
});

const orderRowAvro = {
  type: 'record',
  name: 'Value',
  namespace: 'ecommerce_cdc.public.orders',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'customer_id', ...nullable('long') },
    {
      name: 'status',
      ...nullable({
        type: 'string',
        'connect.version': 1,
        'connect.parameters': { allowed: 'pending,confirmed,completed' },
        'connect.name': 'io.debezium.data.Enum',
      }),
    },
    {
      name: 'total_price',
      ...nullable({
        type: 'bytes',
        scale: 2,
        precision: 12,
        'connect.version': 1,
        'connect.parameters': { scale: '2', 'connect.decimal.precision': '12' },
        'connect.name': 'org.apache.kafka.connect.data.Decimal',
        logicalType: 'decimal',
      }),
    },
    { name: 'currency', type: ['null', 'string'], default: null },
    { name: 'note', type: ['null', 'string'], default: null },
    {
      name: 'created_at',
      ...nullable({ type: 'long', 'connect.version': 1, 'connect.name': 'io.debezium.time.MicroTimestamp' }),
    },
    {
      name: 'paid_at',
      ...nullable({
        type: 'string',
        'connect.version': 1,
        'connect.name': 'io.debezium.time.ZonedTimestamp',
      }),
    },
    {
      name: 'order_date',
      ...nullable({ type: 'int', 'connect.version': 1, 'connect.name': 'io.debezium.time.Date' }),
    },
    { name: 'weight', ...nullable('double') },
    {
      name: 'token',
      ...nullable({ type: 'string', 'connect.version': 1, 'connect.name': 'io.debezium.data.Uuid' }),
    },
  ],
  'connect.name': 'ecommerce_cdc.public.orders.Value',
};

/** Avro schema of the `orders` envelope. */
export const orderEnvelopeAvro = {
  type: 'record',
  name: 'Envelope',
  namespace: 'ecommerce_cdc.public.orders',
  fields: [
    { name: 'before', type: ['null', orderRowAvro], default: null },
    { name: 'after', type: ['null', 'Value'], default: null },
    {
      name: 'source',
      type: {
        type: 'record',
        name: 'Source',
        namespace: 'io.debezium.connector.postgresql',
        fields: [
          { name: 'version', type: 'string' },
          { name: 'connector', type: 'string' },
          { name: 'name', type: 'string' },
          { name: 'ts_ms', type: 'long' },
          {
            name: 'snapshot',
            type: [
              {
                type: 'string',
                'connect.version': 1,
                'connect.parameters': { allowed: 'true,last,false,incremental' },
                'connect.default': 'false',
                'connect.name': 'io.debezium.data.Enum',
              },
              'null',
            ],
            default: 'false',
          },
          { name: 'db', type: 'string' },
          { name: 'sequence', type: ['null', 'string'], default: null },
          { name: 'ts_us', type: ['null', 'long'], default: null },
          { name: 'ts_ns', type: ['null', 'long'], default: null },
          { name: 'schema', type: 'string' },
          { name: 'table', type: 'string' },
          { name: 'txId', type: ['null', 'long'], default: null },
          { name: 'lsn', type: ['null', 'long'], default: null },
          { name: 'xmin', type: ['null', 'long'], default: null },
        ],
        'connect.name': 'io.debezium.connector.postgresql.Source',
      },
    },
    { name: 'op', type: 'string' },
    { name: 'ts_ms', type: ['null', 'long'], default: null },
    { name: 'ts_us', type: ['null', 'long'], default: null },
    { name: 'ts_ns', type: ['null', 'long'], default: null },
    {
      name: 'transaction',
      type: [
        'null',
        {
          type: 'record',
          name: 'block',
          namespace: 'event',
          fields: [
            { name: 'id', type: 'string' },
            { name: 'total_order', type: 'long' },
            { name: 'data_collection_order', type: 'long' },
          ],
        },
      ],
      default: null,
    },
  ],
  'connect.version': 2,
  'connect.name': 'ecommerce_cdc.public.orders.Envelope',
};

/** Avro key schema. */
export const orderKeyAvro = {
  type: 'record',
  name: 'Key',
  namespace: 'ecommerce_cdc.public.orders',
  fields: [{ name: 'id', type: 'long' }],
};

const bigLong = avro.types.LongType.__with({
  fromBuffer: (b: Buffer) => b.readBigInt64LE(),
  toBuffer: (n: bigint | number) => {
    const b = Buffer.alloc(8);
    b.writeBigInt64LE(BigInt(n));
    return b;
  },
  fromJSON: (x: unknown) => BigInt(x as number),
  toJSON: (n: bigint) => Number(n),
  isValid: (n: unknown) => typeof n === 'bigint' || (typeof n === 'number' && Number.isInteger(n)),
  compare: (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0),
});

/** avsc types for encoding (longs as bigint) and for the plain-avsc baseline (default longs). */
export const avscEnvelopeBig = avro.Type.forSchema(orderEnvelopeAvro as never, {
  registry: { long: bigLong } as never,
  wrapUnions: false,
});
export const avscEnvelope = avro.Type.forSchema(orderEnvelopeAvro as never, { wrapUnions: false });
export const avscKey = avro.Type.forSchema(orderKeyAvro as never);

function frame(id: number, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(id, 1);
  return Buffer.concat([head, body]);
}

/** Confluent-framed Avro value for order `i` (schema id 11). */
export function avroMessage(i: number, schemaId = 11): Buffer {
  const c = orderCase(i);
  const p = orderPayload(c);
  const after = orderRowJson(c);
  const value = {
    ...p,
    after: { ...after, total_price: Buffer.from(twosComplement(c.totalCents)) },
    source: { ...(p['source'] as object) },
  };
  return frame(schemaId, avscEnvelopeBig.toBuffer(value));
}

/** Confluent-framed Avro key (schema id 12). */
export function avroKey(i: number, schemaId = 12): Buffer {
  return frame(schemaId, avscKey.toBuffer({ id: orderCase(i).id }));
}
