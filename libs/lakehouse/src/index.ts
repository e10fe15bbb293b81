export { LakehouseError, type LakehouseErrorCode } from './errors.js';
export {
  dataFileKey,
  hivePartition,
  type HivePartition,
  type PartitionGranularity,
} from './partition-layout.js';
export type { ObjectStore } from './object-store.js';
export { lakeColumnType, lakeSchema, trinoType, type LakeColumn, type LakeType } from './lake-schema.js';
export { decimalText, toLakeValue, unscaledDecimal, type LakeValue } from './lake-values.js';
export { toLakeBatch, type LakeBatch } from './lake-batch.js';
export {
  DEFAULT_ROW_GROUP_ROWS,
  type ParquetCodec,
  type ParquetFileWriter,
  type ParquetWriteOptions,
  writeOptionsFor,
} from './parquet-writer.js';
export { hyparquetFileWriter } from './writers/hyparquet-writer.js';
export { defaultParquetWriter, writeShopParquet } from './write-shop-parquet.js';
