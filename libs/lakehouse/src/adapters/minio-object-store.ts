import type { ObjectStore } from '../object-store.js';

/**
 * The part of the `minio` client (8.x) the S3 store uses, typed structurally so that @ecom/lakehouse does not
 * depend on `minio` itself: pass a `new Client({...})`.
 */
export interface MinioClientLike {
  putObject(
    bucket: string,
    key: string,
    body: Buffer,
    size?: number,
    metaData?: Record<string, string>,
  ): Promise<unknown>;
  getObject(bucket: string, key: string): Promise<AsyncIterable<unknown>>;
  listObjectsV2(bucket: string, prefix?: string, recursive?: boolean): AsyncIterable<unknown>;
  removeObject(bucket: string, key: string): Promise<void>;
}

function isMissing(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === 'NoSuchKey' || code === 'NotFound';
}

/**
 * An {@link ObjectStore} on any S3 endpoint (S3Proxy, MinIO, AWS) through the `minio` client, in one bucket.
 *
 * @example
 * import { Client } from 'minio';
 * const client = new Client({ endPoint: '127.0.0.1', port: 19000, useSSL: false, accessKey: 'k', secretKey: 's',
 *   region: 'us-east-1', pathStyle: true });
 * const store = minioObjectStore(client, 'ecommerce');
 * await store.put('data_postgres/orders/part-0.parquet', new Uint8Array([1, 2, 3]));
 */
export function minioObjectStore(client: MinioClientLike, bucket: string): ObjectStore {
  return {
    async put(key, body, options) {
      const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
      const meta: Record<string, string> = {
        'Content-Type': options?.contentType ?? 'application/octet-stream',
      };
      await client.putObject(bucket, key, buffer, buffer.length, meta);
    },
    async get(key) {
      try {
        const chunks: Buffer[] = [];
        for await (const chunk of await client.getObject(bucket, key)) chunks.push(chunk as Buffer);
        return new Uint8Array(Buffer.concat(chunks));
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
    },
    async list(prefix) {
      const keys: string[] = [];
      for await (const item of client.listObjectsV2(bucket, prefix, true)) {
        const name = (item as { name?: string }).name;
        if (name !== undefined) keys.push(name);
      }
      return keys;
    },
    async delete(key) {
      await client.removeObject(bucket, key);
    },
  };
}

/**
 * The `minio` client options for the lake's S3 settings (`LakeConfig['s3']`): host, port and TLS from the endpoint
 * URL, path-style addressing (S3Proxy, MinIO and most S3-compatible stores need it).
 *
 * @example
 * minioClientOptions({ endpoint: 'http://127.0.0.1:19000', region: 'us-east-1', accessKey: 'k', secretKey: 's' }).port; // 19000
 */
export function minioClientOptions(s3: {
  readonly endpoint: string;
  readonly region: string;
  readonly accessKey: string;
  readonly secretKey: string;
}): {
  endPoint: string;
  port: number;
  useSSL: boolean;
  accessKey: string;
  secretKey: string;
  region: string;
  pathStyle: boolean;
} {
  const endpoint = new URL(s3.endpoint);
  return {
    endPoint: endpoint.hostname,
    port: Number(endpoint.port || (endpoint.protocol === 'https:' ? 443 : 80)),
    useSSL: endpoint.protocol === 'https:',
    accessKey: s3.accessKey,
    secretKey: s3.secretKey,
    region: s3.region,
    pathStyle: true,
  };
}
