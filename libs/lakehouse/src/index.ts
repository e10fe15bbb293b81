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
export { lakePartitionKey, lakePartitionValue, type LakePartitionKey } from './table-layout.js';
export {
  DEFAULT_LAKE_PREFIX,
  manifestKey,
  newSnapshotId,
  parseManifest,
  snapshotFileKey,
  snapshotFolder,
  snapshotTimeMs,
  tableFolder,
  type SnapshotManifest,
  type SnapshotRef,
} from './snapshots.js';
export type { TrinoQueryOptions, TrinoQueryPort } from './trino-port.js';
export {
  buildMarts,
  checkAnalysisDate,
  createMartTableSql,
  martTable,
  type BuildMartsInput,
  type MartBuildResult,
} from './marts/build-marts.js';
export {
  trinoLocalDay,
  type MartColumn,
  type MartContext,
  type MartDefinition,
} from './marts/mart-definition.js';
export {
  COUNTED_ORDER,
  ISO_DAY_NAMES,
  LOWEST_VALUE_TIER,
  OLDEST_RECENCY_WEIGHT,
  RECENCY_WEIGHTS,
  RFM_SCORES_SQL,
  RFM_SEGMENTS,
  VALUE_TIERS,
  WISHLIST_WEIGHT,
  dayNameSql,
  recencyWeightSql,
  rfmSegmentSql,
  valueTierSql,
} from './marts/mart-sql.js';
export { MARTS, findMart } from './marts/marts.js';
export { REVENUE_DAILY, REVENUE_MONTHLY } from './marts/revenue-marts.js';
export { CUSTOMER_SEGMENTS } from './marts/customer-marts.js';
export {
  CATEGORY_PERFORMANCE,
  PRODUCT_LIFECYCLE_METRICS,
  PRODUCT_PRICING_ANALYTICS,
  TOP_PRODUCTS_SUMMARY,
  productStats,
} from './marts/product-marts.js';
export { PRODUCT_FEATURES, USER_FEATURES, USER_ITEM_INTERACTIONS } from './marts/ml-feature-marts.js';
export { trinoRatio } from './marts/trino-ratio.js';
export type { ShopRowSource } from './export/shop-row-source.js';
export {
  exportTableSnapshot,
  type ExportTableSnapshotInput,
  type ExportTimings,
} from './export/export-table-snapshot.js';
export {
  countSql,
  createSchemaSql,
  createSnapshotTableSql,
  createViewSql,
  dropSnapshotTableSql,
  quoteIdent,
  snapshotTableName,
  syncPartitionsSql,
  type TrinoTarget,
} from './register/trino-ddl.js';
export {
  registerLakeTables,
  type RegisterLakeTablesInput,
  type RegisteredTable,
} from './register/register-lake-tables.js';
export { collectSnapshotGarbage, type SnapshotGarbageInput } from './register/collect-snapshot-garbage.js';
export { loadLakeConfig, type LakeConfig } from './cli/lake-config.js';
export { LAKE_USAGE, runLakeCli, type LakeCliIo, type LakeServices } from './cli/run-lake-cli.js';
export {
  CHANGE_LOG_META_COLUMNS,
  changeLogRow,
  changeLogSchema,
  type ChangeLogChange,
  type ChangeLogOp,
} from './changelog/changelog-schema.js';
export {
  CHANGE_LOG_PARTITION,
  DEFAULT_CHANGE_LOG_PREFIX,
  changeLogEventDate,
  changeLogFileKey,
  changeLogFolder,
  compareChangeLogPositions,
  sourcePartitionSlug,
  type ChangeLogPosition,
} from './changelog/changelog-files.js';
export {
  encodeChangeLogFile,
  planChangeLogFiles,
  writeChangeLogFiles,
  type ChangeLogEntry,
  type ChangeLogFilePlan,
} from './changelog/write-changelog-files.js';
export {
  changeLogTableName,
  createChangeLogTableSql,
  createCurrentStateViewSql,
  currentStateViewName,
  syncChangeLogPartitionsSql,
} from './register/changelog-ddl.js';
export {
  registerChangeLogTables,
  type RegisterChangeLogTablesInput,
  type RegisteredChangeLog,
} from './register/register-changelog-tables.js';
