import {
  publicationLists,
  type ServedList,
  type ServingListKind,
  type ServingPublication,
  type ServingStore,
} from '@ecom/recommendations';
import type pg from 'pg';
import type { Queryable } from '../db.js';

/** Lists per INSERT when publishing. */
const CHUNK = 1000;

/**
 * The serving store in PostgreSQL (`recommendation_models` and `recommendation_lists`, migration 8 of @ecom/domain),
 * used when no `REDIS_URL` is set. A publish writes the new model's lists and makes it the active one in one
 * transaction, deleting older models, so a reader sees either the old publication or the new one. A read is one
 * indexed query joining the active model.
 *
 * @example
 * ```ts
 * const store = new PgServingStore(pool, withPreparedStatements(pool));
 * await store.list('customer', 7);
 * ```
 */
export class PgServingStore implements ServingStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly reader: Queryable = pool,
  ) {}

  async publish(publication: ServingPublication): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO recommendation_models (model_id, published_at, version)
         VALUES ($1, to_timestamp($2 / 1000.0), $3::jsonb)
         ON CONFLICT (model_id) DO UPDATE SET published_at = EXCLUDED.published_at, version = EXCLUDED.version`,
        [publication.modelId, publication.publishedAtMs, JSON.stringify(publication.version ?? {})],
      );
      await client.query('DELETE FROM recommendation_lists WHERE model_id = $1', [publication.modelId]);
      let batch: { kind: string[]; subject: number[]; items: string[] } = {
        kind: [],
        subject: [],
        items: [],
      };
      const flush = async (): Promise<void> => {
        if (batch.kind.length === 0) return;
        await client.query(
          `INSERT INTO recommendation_lists (model_id, kind, subject, items)
           SELECT $1, k, s, i FROM unnest($2::text[], $3::bigint[], $4::jsonb[]) AS t (k, s, i)`,
          [publication.modelId, batch.kind, batch.subject, batch.items],
        );
        batch = { kind: [], subject: [], items: [] };
      };
      for (const [kind, subject, items] of publicationLists(publication)) {
        batch.kind.push(kind);
        batch.subject.push(subject);
        batch.items.push(JSON.stringify(items));
        if (batch.kind.length >= CHUNK) await flush();
      }
      await flush();
      await client.query('UPDATE recommendation_models SET active = false WHERE active AND model_id <> $1', [
        publication.modelId,
      ]);
      await client.query('UPDATE recommendation_models SET active = true WHERE model_id = $1', [
        publication.modelId,
      ]);
      await client.query('DELETE FROM recommendation_models WHERE NOT active');
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async activeModel(): Promise<{ modelId: string; publishedAtMs: number } | null> {
    const { rows } = await this.reader.query<{ model_id: string; ms: string }>(
      `SELECT model_id, (extract(epoch FROM published_at) * 1000)::bigint::text AS ms
       FROM recommendation_models WHERE active`,
    );
    const row = rows[0];
    return row ? { modelId: row.model_id, publishedAtMs: Number(row.ms) } : null;
  }

  async list(kind: ServingListKind, subject: number): Promise<ServedList | null> {
    const { rows } = await this.reader.query<{ model_id: string; items: ServedList['items'] }>(
      `SELECT l.model_id, l.items FROM recommendation_models m
       JOIN recommendation_lists l ON l.model_id = m.model_id AND l.kind = $1 AND l.subject = $2
       WHERE m.active`,
      [kind, subject],
    );
    const row = rows[0];
    return row ? { modelId: row.model_id, items: row.items } : null;
  }
}
