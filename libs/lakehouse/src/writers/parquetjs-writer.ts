import parquet from '@dsnp/parquetjs';
import { decimalByteLength, decimalBytes } from '../decimal-bytes.js';
import type { LakeColumn } from '../lake-schema.js';
import type { LakeValue } from '../lake-values.js';
import { writeOptionsFor, type ParquetFileWriter } from '../parquet-writer.js';

type FieldDefinition = ConstructorParameters<typeof parquet.ParquetSchema>[0][string];

function fieldOf(column: LakeColumn): FieldDefinition {
  const base = { optional: column.nullable, compression: 'SNAPPY' } as const; // the only codec it has
  switch (column.type.kind) {
    case 'int32':
      return { ...base, type: 'INT32' };
    case 'int64':
      return { ...base, type: 'INT64' };
    case 'decimal': {
      // FIXED_LEN_BYTE_ARRAY, filled with the exact bytes: the library's INT32/INT64 decimals multiply a float.
      const { precision, scale } = column.type;
      return { ...base, type: 'DECIMAL', precision, scale, typeLength: decimalByteLength(precision) };
    }
    case 'timestamp_us':
      return { ...base, type: 'TIMESTAMP_MICROS' };
    case 'date':
      return { ...base, type: 'DATE' };
    case 'boolean':
      return { ...base, type: 'BOOLEAN' };
    case 'string':
      return { ...base, type: 'UTF8' };
  }
}

/** Collects what the library streams out into one buffer. */
class MemorySink {
  readonly chunks: Buffer[] = [];
  write(chunk: Buffer, callback?: (err?: Error | null) => void): boolean {
    this.chunks.push(Buffer.from(chunk));
    callback?.(null);
    return true;
  }
  end(callback?: () => void): this {
    callback?.();
    return this;
  }
}

/**
 * The {@link ParquetFileWriter} on `@dsnp/parquetjs` 1.8.8 (row by row, PLAIN encoding only: the library has no
 * dictionary encoding). Decimals are FIXED_LEN_BYTE_ARRAY filled with the exact two's complement bytes; data pages
 * are v1 (v2 pages broke other readers); TIMESTAMP_MICROS refuses instants before 1970.
 *
 * @example
 * declare const rows: Record<string, unknown>[]; // order rows, e.g. from node-postgres
 * const bytes = await parquetjsFileWriter.write(toLakeBatch('orders', rows));
 */
export const parquetjsFileWriter: ParquetFileWriter = {
  name: '@dsnp/parquetjs',
  codecs: ['SNAPPY'],
  async write(batch, options) {
    const { rowGroupRows } = writeOptionsFor(parquetjsFileWriter, options); // refuses ZSTD
    const fields: Record<string, FieldDefinition> = {};
    for (const column of batch.columns) fields[column.name] = fieldOf(column);
    const schema = new parquet.ParquetSchema(fields);
    const sink = new MemorySink();
    const writer = await parquet.ParquetWriter.openStream(schema, sink as never, {
      rowGroupSize: rowGroupRows,
      useDataPageV2: false,
    });
    const encoders = batch.columns.map((column): ((v: LakeValue) => unknown) => {
      if (column.type.kind !== 'decimal') return (v) => v;
      const length = decimalByteLength(column.type.precision);
      return (v) => (v === null ? null : Buffer.from(decimalBytes(v as bigint, length)));
    });
    for (let r = 0; r < batch.rowCount; r++) {
      const row: Record<string, unknown> = {};
      for (let c = 0; c < batch.columns.length; c++) {
        const v = batch.values[c]![r]!;
        if (v !== null) row[batch.columns[c]!.name] = encoders[c]!(v);
      }
      await writer.appendRow(row);
    }
    await writer.close();
    return new Uint8Array(Buffer.concat(sink.chunks));
  },
};
