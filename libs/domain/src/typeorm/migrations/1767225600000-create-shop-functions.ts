import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runStatements } from './run-statements.js';

/**
 * Migration 1: the trigger functions every table uses.
 *
 * - `ecom_set_updated_at()`: BEFORE UPDATE, sets `updated_at = now()` unless the UPDATE itself changed `updated_at`
 *   (so historical back-filling can write explicit times).
 * - `ecom_check_status_transition(pairs...)`: BEFORE UPDATE OF status, rejects a move that is not one of the
 *   trigger's `'from>to'` arguments with SQLSTATE 23514 and the trigger's name as the constraint.
 * - `ecom_forbid_update()`: BEFORE UPDATE, makes a table append-only (SQLSTATE 55000).
 *
 * @remarks SQL is frozen here on purpose: migrations never change once released.
 *
 * @example
 * ```ts
 * import { DataSource } from 'typeorm';
 * new DataSource({ type: 'postgres', migrations: [CreateShopFunctions1767225600000] });
 * ```
 */
export class CreateShopFunctions1767225600000 implements MigrationInterface {
  /** Migration name recorded in the migrations table. */
  readonly name = 'CreateShopFunctions1767225600000';

  /** Creates the trigger functions. */
  async up(queryRunner: QueryRunner): Promise<void> {
    await runStatements(queryRunner, [
      String.raw`CREATE OR REPLACE FUNCTION ecom_set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END
$$`,
      String.raw`CREATE OR REPLACE FUNCTION ecom_check_status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT ((OLD.status || '>' || NEW.status) = ANY (TG_ARGV)) THEN
    RAISE EXCEPTION '% status cannot move from "%" to "%"', TG_TABLE_NAME, OLD.status, NEW.status
      USING ERRCODE = 'check_violation', CONSTRAINT = TG_NAME, TABLE = TG_TABLE_NAME, COLUMN = 'status',
            HINT = 'Allowed moves: ' || array_to_string(TG_ARGV, ', ');
  END IF;
  RETURN NEW;
END
$$`,
      String.raw`CREATE OR REPLACE FUNCTION ecom_forbid_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: UPDATE is not allowed', TG_TABLE_NAME
    USING ERRCODE = 'object_not_in_prerequisite_state', TABLE = TG_TABLE_NAME;
END
$$`,
    ]);
  }

  /** Drops the trigger functions. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await runStatements(queryRunner, [
      'DROP FUNCTION IF EXISTS ecom_forbid_update()',
      'DROP FUNCTION IF EXISTS ecom_check_status_transition()',
      'DROP FUNCTION IF EXISTS ecom_set_updated_at()',
    ]);
  }
}
