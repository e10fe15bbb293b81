import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runStatements } from './run-statements.js';

/**
 * Migration 9: the recommendations serving store in PostgreSQL (used by the API when no `REDIS_URL` is set; the
 * `@ecom/recommendations` `ServingStore` port), outside the shop tables CDC captures.
 *
 * - `recommendation_models`: one row per published model id (`version` is its `ModelVersion` JSON); the row with
 *   `active = true` (at most one, by a partial unique index) is the one served.
 * - `recommendation_lists`: one JSON list per (model, kind, subject): `customer` + customer id, `similar` +
 *   product id, `trending` + category id (0 = whole shop), `popular` + 0. A publish inserts the new model's lists
 *   and flips `active` in one transaction, then drops older models' lists, so readers never see a mix.
 *
 * @example
 * ```ts
 * import { DataSource } from 'typeorm';
 * new DataSource({ type: 'postgres', migrations: [...ALL_MIGRATIONS] });
 * ```
 */
export class CreateRecommendationServing1767225600008 implements MigrationInterface {
  /** Migration name recorded in the migrations table. */
  readonly name = 'CreateRecommendationServing1767225600008';

  /** Creates `recommendation_models` and `recommendation_lists`. */
  async up(queryRunner: QueryRunner): Promise<void> {
    await runStatements(queryRunner, [
      String.raw`CREATE TABLE recommendation_models (
  model_id text NOT NULL,
  published_at timestamptz NOT NULL,
  active boolean NOT NULL DEFAULT false,
  version jsonb NOT NULL DEFAULT '{}'::jsonb,
  CONSTRAINT recommendation_models_pkey PRIMARY KEY (model_id),
  CONSTRAINT recommendation_models_model_id_check CHECK (model_id <> ''),
  CONSTRAINT recommendation_models_version_check CHECK (jsonb_typeof(version) = 'object')
)`,
      'CREATE UNIQUE INDEX recommendation_models_one_active_idx ON recommendation_models (active) WHERE active',
      String.raw`CREATE TABLE recommendation_lists (
  model_id text NOT NULL,
  kind text NOT NULL,
  subject bigint NOT NULL,
  items jsonb NOT NULL,
  CONSTRAINT recommendation_lists_pkey PRIMARY KEY (model_id, kind, subject),
  CONSTRAINT recommendation_lists_model_id_fkey FOREIGN KEY (model_id)
    REFERENCES recommendation_models (model_id) ON DELETE CASCADE,
  CONSTRAINT recommendation_lists_kind_check CHECK (kind IN ('customer', 'similar', 'trending', 'popular')),
  CONSTRAINT recommendation_lists_items_check CHECK (jsonb_typeof(items) = 'array')
)`,
    ]);
  }

  /** Drops both tables. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await runStatements(queryRunner, ['DROP TABLE recommendation_lists', 'DROP TABLE recommendation_models']);
  }
}
