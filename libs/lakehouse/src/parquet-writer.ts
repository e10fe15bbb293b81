import { LakehouseError } from './errors.js';
import type { LakeBatch } from './lake-batch.js';

/** Compression codecs a lake file may use. */
export type ParquetCodec = 'SNAPPY' | 'ZSTD';

/** How a lake Parquet file is laid out. */
export interface ParquetWriteOptions {
  /** Rows per row group (default {@link DEFAULT_ROW_GROUP_ROWS}). */
  readonly rowGroupRows?: number;
  /** Compression codec (default `SNAPPY`; `ZSTD` only where the writer has it). */
  readonly codec?: ParquetCodec;
}

/**
 * Rows per row group by default: 250 K order rows make row groups of a few MB compressed, big enough for Trino's
 * reader to work in large sequential reads, small enough to prune by statistics and to hold in memory.
 */
export const DEFAULT_ROW_GROUP_ROWS = 250_000;

/**
 * The port every Parquet writer implements: one batch of lake values in, one Parquet file's bytes out, with the
 * logical types of {@link LakeBatch.columns} (DECIMAL, TIMESTAMP(MICROS, UTC), DATE, INT32/INT64, BOOLEAN,
 * UTF-8 strings), compression and column statistics.
 *
 * @example
 * const writer: ParquetFileWriter = hyparquetFileWriter;
 * const bytes = await writer.write(toLakeBatch('orders', []), { codec: 'SNAPPY' });
 * bytes.byteLength > 0; // true: an empty file still has a footer
 */
export interface ParquetFileWriter {
  /** Short name, for benchmarks and the file's `created_by`. */
  readonly name: string;
  /** Codecs this writer can compress with. */
  readonly codecs: readonly ParquetCodec[];
  /** Encodes one file. */
  write(batch: LakeBatch, options?: ParquetWriteOptions): Promise<Uint8Array>;
}

/**
 * A writer's options with the defaults filled in, refusing a codec the writer does not have.
 *
 * @throws {@link LakehouseError} `UNSUPPORTED_CODEC`.
 *
 * @example
 * writeOptionsFor(hyparquetFileWriter, {}); // { rowGroupRows: 250000, codec: 'SNAPPY' }
 * writeOptionsFor(hyparquetFileWriter, { codec: 'ZSTD' }); // throws LakehouseError { code: 'UNSUPPORTED_CODEC' }
 */
export function writeOptionsFor(
  writer: Pick<ParquetFileWriter, 'name' | 'codecs'>,
  options: ParquetWriteOptions = {},
): Required<ParquetWriteOptions> {
  const { rowGroupRows = DEFAULT_ROW_GROUP_ROWS, codec = 'SNAPPY' } = options;
  if (!writer.codecs.includes(codec)) {
    throw new LakehouseError(
      'UNSUPPORTED_CODEC',
      `${writer.name} cannot write ${codec} (it has ${writer.codecs.join(', ')})`,
    );
  }
  if (!Number.isSafeInteger(rowGroupRows) || rowGroupRows < 1) {
    throw new LakehouseError(
      'INVALID_OPTION',
      `rowGroupRows must be a positive integer, got ${String(rowGroupRows)}`,
    );
  }
  return { rowGroupRows, codec };
}
