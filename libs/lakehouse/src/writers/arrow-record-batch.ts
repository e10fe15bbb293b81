import {
  Bool,
  DateDay,
  Decimal,
  Field,
  Int32,
  Int64,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampMicrosecond,
  Utf8,
  makeData,
  type Data,
  type DataType,
} from 'apache-arrow';
import type { LakeBatch } from '../lake-batch.js';
import type { LakeColumn } from '../lake-schema.js';
import type { LakeValue } from '../lake-values.js';

function validity(values: readonly LakeValue[]): { nullBitmap?: Uint8Array; nullCount: number } {
  let nullCount = 0;
  for (const v of values) if (v === null) nullCount++;
  if (nullCount === 0) return { nullCount };
  const nullBitmap = new Uint8Array((values.length + 7) >> 3);
  for (let i = 0; i < values.length; i++) if (values[i] !== null) nullBitmap[i >> 3]! |= 1 << (i & 7);
  return { nullBitmap, nullCount };
}

function utf8Data(values: readonly LakeValue[], type: Utf8): Data<Utf8> {
  const encoder = new TextEncoder();
  const encoded = values.map((v) => (v === null ? undefined : encoder.encode(v as string)));
  const valueOffsets = new Int32Array(values.length + 1);
  let size = 0;
  encoded.forEach((bytes, i) => {
    size += bytes?.length ?? 0;
    valueOffsets[i + 1] = size;
  });
  const data = new Uint8Array(size);
  encoded.forEach((bytes, i) => bytes && data.set(bytes, valueOffsets[i]!));
  return makeData({ type, length: values.length, ...validity(values), valueOffsets, data });
}

function decimalData(values: readonly LakeValue[], type: Decimal): Data<Decimal> {
  // 128-bit little-endian two's complement, four 32-bit words per value; built by hand because apache-arrow's
  // Decimal builder fails on its own input (apache/arrow-js#77).
  const data = new Uint32Array(values.length * 4);
  values.forEach((v, i) => {
    let u = BigInt.asUintN(128, (v as bigint | null) ?? 0n);
    for (let w = 0; w < 4; w++) {
      data[i * 4 + w] = Number(u & 0xffffffffn);
      u >>= 32n;
    }
  });
  return makeData({ type, length: values.length, ...validity(values), data });
}

function columnData(column: LakeColumn, values: readonly LakeValue[]): Data {
  const length = values.length;
  const nulls = validity(values);
  const int32s = () => Int32Array.from(values, (v) => (v as number | null) ?? 0);
  const int64s = () => BigInt64Array.from(values, (v) => (v as bigint | null) ?? 0n);
  switch (column.type.kind) {
    case 'int32':
      return makeData({ type: new Int32(), length, ...nulls, data: int32s() });
    case 'date':
      return makeData({ type: new DateDay(), length, ...nulls, data: int32s() });
    case 'int64':
      return makeData({ type: new Int64(), length, ...nulls, data: int64s() });
    case 'timestamp_us':
      return makeData({ type: new TimestampMicrosecond('UTC'), length, ...nulls, data: int64s() });
    case 'decimal':
      return decimalData(values, new Decimal(column.type.scale, column.type.precision, 128));
    case 'boolean': {
      const data = new Uint8Array((length + 7) >> 3);
      values.forEach((v, i) => v === true && (data[i >> 3]! |= 1 << (i & 7)));
      return makeData({ type: new Bool(), length, ...nulls, data });
    }
    case 'string':
      return utf8Data(values, new Utf8());
  }
}

/**
 * A {@link LakeBatch} as an Arrow table with exact types (Decimal128, Timestamp(µs, "UTC"), Date32, Int32/Int64,
 * Bool, Utf8) and the columns' nullability, built from raw buffers.
 *
 * @example
 * declare const rows: Record<string, unknown>[]; // order rows, e.g. from node-postgres
 * toArrowTable(toLakeBatch('orders', rows)).numRows; // rows.length
 */
export function toArrowTable(batch: LakeBatch): Table {
  const children = batch.columns.map((column, i) => columnData(column, batch.values[i]!));
  const fields = batch.columns.map(
    (column, i) => new Field(column.name, children[i]!.type as DataType, column.nullable),
  );
  const schema = new Schema(fields);
  const struct = makeData({ type: new Struct(fields), length: batch.rowCount, nullCount: 0, children });
  return new Table(schema, [new RecordBatch(schema, struct)]);
}
