export { LakehouseError, type LakehouseErrorCode } from './errors.js';
export { dataFileKey, hivePartition, type HivePartition, type PartitionGranularity } from './partition-layout.js';
export type { ObjectStore } from './object-store.js';
