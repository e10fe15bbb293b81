import { tableToIPC } from 'apache-arrow';
import * as wasm from 'parquet-wasm';
import type { ParquetCodec } from '../parquet-writer.js';
import { writeOptionsFor, type ParquetFileWriter } from '../parquet-writer.js';
import { toArrowTable } from './arrow-record-batch.js';

const CODECS: Record<ParquetCodec, wasm.Compression> = {
  SNAPPY: wasm.Compression.SNAPPY,
  ZSTD: wasm.Compression.ZSTD,
};

/**
 * The {@link ParquetFileWriter} on `parquet-wasm` (arrow-rs compiled to WebAssembly): the batch goes to Arrow
 * (built from raw buffers, see {@link toArrowTable}), through Arrow IPC into WebAssembly, and out as Parquet with
 * dictionary encoding, page statistics and SNAPPY or ZSTD.
 *
 * @example
 * declare const rows: Record<string, unknown>[]; // order rows, e.g. from node-postgres
 * const bytes = await parquetWasmFileWriter.write(toLakeBatch('orders', rows), { codec: 'ZSTD' });
 */
export const parquetWasmFileWriter: ParquetFileWriter = {
  name: 'parquet-wasm',
  codecs: ['SNAPPY', 'ZSTD'],
  async write(batch, options) {
    const { rowGroupRows, codec } = writeOptionsFor(parquetWasmFileWriter, options);
    const table = wasm.Table.fromIPCStream(tableToIPC(toArrowTable(batch), 'stream'));
    const properties = new wasm.WriterPropertiesBuilder()
      .setCompression(CODECS[codec])
      .setMaxRowGroupSize(rowGroupRows)
      .setDictionaryEnabled(true)
      .setStatisticsEnabled(wasm.EnabledStatistics.Page)
      .setCreatedBy('@ecom/lakehouse (parquet-wasm)')
      .build();
    return wasm.writeParquet(table, properties);
  },
};
