import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { s3Client } from '../services/s3.js';
import { check, type SmokeCheck } from './smoke-check.js';

async function drain(stream: Readable): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

const BIG = 70 * 1024 * 1024; // > 64 MiB: the minio client switches to multipart

/** Deterministic incompressible bytes (xorshift32 from `seed`). */
export function seededBytes(length: number, seed: number): Buffer {
  const words = new Uint32Array(Math.ceil(length / 4));
  let x = seed >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    words[i] = x;
  }
  return Buffer.from(words.buffer, 0, length);
}

/**
 * minio client: putObject, getObject, listObjectsV2, and one multipart upload of 70 MiB.
 *
 * @example
 * ```ts
 * await s3Smoke.run(cfg, 'r1');
 * ```
 */
export const s3Smoke: SmokeCheck = {
  name: 's3',
  async run(cfg, runId) {
    const client = s3Client(cfg);
    const bucket = cfg.s3.bucket;
    const prefix = `smoke/${runId}/`;
    try {
      const small = Buffer.from(`hello ${runId}`);
      await client.putObject(bucket, `${prefix}small.txt`, small, small.length, { 'Content-Type': 'text/plain' });
      const got = await drain(await client.getObject(bucket, `${prefix}small.txt`));
      check(got.sha256 === createHash('sha256').update(small).digest('hex'), 'small object differs');

      const big = seededBytes(BIG, 0x5eed);
      const bigSha = createHash('sha256').update(big).digest('hex');
      await client.putObject(bucket, `${prefix}big.bin`, big, big.length);
      const stat = await client.statObject(bucket, `${prefix}big.bin`);
      check(stat.size === BIG, `multipart object has ${stat.size} bytes, expected ${BIG}`);
      const back = await drain(await client.getObject(bucket, `${prefix}big.bin`));
      check(back.sha256 === bigSha, 'multipart object content differs');

      const names: string[] = [];
      for await (const item of client.listObjectsV2(bucket, prefix, true)) {
        if ('name' in item && item.name) names.push(item.name);
      }
      check(names.sort().join() === [`${prefix}big.bin`, `${prefix}small.txt`].join(), `listed ${names.join()}`);
      return `put/get/listObjectsV2 + 70 MiB multipart (sha256 ok)`;
    } finally {
      await client.removeObjects(bucket, [`${prefix}small.txt`, `${prefix}big.bin`]).catch(() => undefined);
    }
  },
};
