// @ecom/lakehouse/adapters: the ports on real infrastructure (the `minio` client is structural, not a dependency).
export { minioObjectStore, type MinioClientLike } from './minio-object-store.js';
