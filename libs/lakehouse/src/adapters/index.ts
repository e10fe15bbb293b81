// @ecom/lakehouse/adapters: the ports on real infrastructure (minio, pg and presto-client are typed structurally,
// not dependencies).
export { diskObjectStore } from './disk-object-store.js';
export { minioClientOptions, minioObjectStore, type MinioClientLike } from './minio-object-store.js';
export { lakePgTypes, pgShopReader, type PgClientLike, type PgTypesLike } from './pg-shop-reader.js';
export {
  PRESTO_CHECK_INTERVAL_MS,
  prestoTrino,
  type PrestoClientLike,
  type PrestoExecuteOptions,
} from './presto-trino.js';
