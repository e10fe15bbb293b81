import {
  publicationLists,
  type ServedList,
  type ServingListKind,
  type ServingPublication,
  type ServingStore,
} from '@ecom/recommendations';
import type { Redis } from 'ioredis';

/** Keys per pipeline when publishing. */
const CHUNK = 1000;

// One round trip and one atomic step: the active model id, then that model's list.
const READ_ACTIVE_LIST = `
local model = redis.call('GET', KEYS[1])
if not model then return nil end
return { model, redis.call('GET', ARGV[1] .. ':' .. model .. ':' .. ARGV[2]) }`;

/**
 * The serving store in Redis (the original's plan), used when `REDIS_URL` is set. Layout under `prefix` (default
 * `recs`): `<prefix>:<model id>:<kind>:<subject>` → the list as JSON, `<prefix>:active` → the served model id,
 * `<prefix>:model:<model id>` → `{ modelId, publishedAtMs }`. A publish writes every key of the new model, then
 * switches `<prefix>:active` (one SET, atomic), then unlinks the previous model's keys. A read is one Lua script
 * (active id, then the list), so it never mixes two models. The script builds a key it was not given, so this
 * layout is for a single Redis server, not Redis Cluster.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * const store = new RedisServingStore(new Redis('redis://127.0.0.1:6379'));
 * await store.list('similar', 42);
 * ```
 */
export class RedisServingStore implements ServingStore {
  private readonly readActiveList: (...args: string[]) => Promise<[string, string | null] | null>;

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'recs',
  ) {
    // defineCommand sends EVALSHA (the script text only once per connection).
    redis.defineCommand('ecomReadActiveList', { numberOfKeys: 1, lua: READ_ACTIVE_LIST });
    const command = (redis as unknown as Record<string, (...args: string[]) => Promise<unknown>>)
      .ecomReadActiveList as (...args: string[]) => Promise<[string, string | null] | null>;
    this.readActiveList = command.bind(redis);
  }

  async publish(publication: ServingPublication): Promise<void> {
    const { prefix, redis } = this;
    const previous = await redis.get(`${prefix}:active`);
    let pipeline = redis.pipeline();
    let queued = 0;
    for (const [kind, subject, items] of publicationLists(publication)) {
      pipeline.set(`${prefix}:${publication.modelId}:${kind}:${subject}`, JSON.stringify(items));
      if (++queued % CHUNK === 0) {
        await execOrThrow(pipeline);
        pipeline = redis.pipeline();
      }
    }
    pipeline.set(
      `${prefix}:model:${publication.modelId}`,
      JSON.stringify({ modelId: publication.modelId, publishedAtMs: publication.publishedAtMs }),
    );
    await execOrThrow(pipeline);
    await redis.set(`${prefix}:active`, publication.modelId);
    if (previous !== null && previous !== publication.modelId) await this.drop(previous);
  }

  async activeModel(): Promise<{ modelId: string; publishedAtMs: number } | null> {
    const model = await this.redis.get(`${this.prefix}:active`);
    if (model === null) return null;
    const meta = await this.redis.get(`${this.prefix}:model:${model}`);
    return meta === null ? null : (JSON.parse(meta) as { modelId: string; publishedAtMs: number });
  }

  async list(kind: ServingListKind, subject: number): Promise<ServedList | null> {
    const reply = await this.readActiveList(`${this.prefix}:active`, this.prefix, `${kind}:${subject}`);
    if (reply === null || reply[1] === null || reply[1] === undefined) return null;
    return { modelId: reply[0], items: JSON.parse(reply[1]) as ServedList['items'] };
  }

  /** Unlinks every key of a model (SCAN, so a large model does not block the server). */
  private async drop(modelId: string): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(
        cursor,
        'MATCH',
        `${this.prefix}:${modelId}:*`,
        'COUNT',
        1000,
      );
      if (keys.length > 0) await this.redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    await this.redis.unlink(`${this.prefix}:model:${modelId}`);
  }
}

async function execOrThrow(pipeline: ReturnType<Redis['pipeline']>): Promise<void> {
  for (const [err] of (await pipeline.exec()) ?? []) if (err) throw err;
}
