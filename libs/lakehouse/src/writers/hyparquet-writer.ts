import { ByteWriter, parquetWrite, type SchemaElement } from 'hyparquet-writer';
import { decimalByteLength } from '../decimal-bytes.js';
import type { LakeColumn } from '../lake-schema.js';
import { writeOptionsFor, type ParquetFileWriter } from '../parquet-writer.js';

function schemaElement(column: LakeColumn): SchemaElement {
  const repetition_type = column.nullable ? 'OPTIONAL' : 'REQUIRED';
  const { name, type } = column;
  switch (type.kind) {
    case 'int32':
      return { name, repetition_type, type: 'INT32' };
    case 'int64':
      return { name, repetition_type, type: 'INT64' };
    case 'decimal': {
      const { precision, scale } = type;
      const decimal = {
        converted_type: 'DECIMAL',
        scale,
        precision,
        logical_type: { type: 'DECIMAL', scale, precision },
      } as const;
      if (precision <= 9) return { name, repetition_type, type: 'INT32', ...decimal };
      if (precision <= 18) return { name, repetition_type, type: 'INT64', ...decimal };
      return {
        name,
        repetition_type,
        type: 'FIXED_LEN_BYTE_ARRAY',
        type_length: decimalByteLength(precision),
        ...decimal,
      };
    }
    case 'timestamp_us':
      return {
        name,
        repetition_type,
        type: 'INT64',
        converted_type: 'TIMESTAMP_MICROS',
        logical_type: { type: 'TIMESTAMP', unit: 'MICROS', isAdjustedToUTC: true },
      };
    case 'date':
      return { name, repetition_type, type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } };
    case 'boolean':
      return { name, repetition_type, type: 'BOOLEAN' };
    case 'string':
      return {
        name,
        repetition_type,
        type: 'BYTE_ARRAY',
        converted_type: 'UTF8',
        logical_type: { type: 'STRING' },
      };
  }
}

/**
 * The {@link ParquetFileWriter} on `hyparquet-writer` (pure JS): dictionary encoding where it pays, SNAPPY,
 * column statistics and offset indexes. Decimals go in as unscaled `bigint`s, which the library writes as they
 * are, so no value passes through a float.
 *
 * @example
 * declare const rows: Record<string, unknown>[]; // order rows, e.g. from node-postgres
 * const bytes = await hyparquetFileWriter.write(toLakeBatch('orders', rows));
 */
export const hyparquetFileWriter: ParquetFileWriter = {
  name: 'hyparquet-writer',
  codecs: ['SNAPPY'],
  async write(batch, options) {
    const { rowGroupRows, codec } = writeOptionsFor(hyparquetFileWriter, options);
    const schema: SchemaElement[] = [{ name: 'root', num_children: batch.columns.length }];
    const columnData = batch.columns.map((column, i) => {
      schema.push(schemaElement(column));
      return { name: column.name, data: batch.values[i]!, nullable: column.nullable };
    });
    const writer = new ByteWriter();
    parquetWrite({
      writer,
      columnData,
      schema,
      codec,
      statistics: true,
      rowGroupSize: rowGroupRows,
      createdBy: '@ecom/lakehouse (hyparquet-writer)',
    });
    return new Uint8Array(writer.getBuffer());
  },
};
