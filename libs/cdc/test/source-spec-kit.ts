/**
 * Suite set-up of the built-in source's integration specs on the stack PostgreSQL (only the postgres service): an
 * admin client, names unique per process and test, and cleanups that run after each test even when it failed.
 */
import type pg from 'pg';
import { dropSlots, useStackAdmin } from './differential-harness.js';
import { STACK } from './stack-services.js';

/** Ends the walsender still holding `slot` (a source left running by a failed test), then drops the slot. */
export async function dropSlot(client: pg.Client, slot: string): Promise<void> {
  await client.query(
    'SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = $1 AND active',
    [slot],
  );
  await dropSlots(client, [slot]);
}

/**
 * Registers the suite hooks and returns the admin client getter, `cleanup` (runs after the current test, last
 * registered first) and `names(tag)`: a slot, a publication and a table `<prefix>…_<tag>_<run>` dropped after the test.
 */
export function useSourceSpecKit(prefix: string) {
  const admin = useStackAdmin(STACK.postgresUrl, ['postgres']);
  const run = `${process.pid}_${Date.now().toString(36)}`.toLowerCase();
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse())
      await c().catch((e: unknown) => console.error(`[${prefix} it] cleanup failed`, e));
  }, 40_000);
  const cleanup = (f: () => Promise<unknown>): void => {
    cleanups.push(f);
  };
  const names = (tag: string) => {
    const slot = `${prefix}_${tag}_${run}`.toLowerCase();
    const pub = slot;
    const table = `cdc_${prefix}_${tag}_${run}`.toLowerCase();
    cleanup(async () => {
      await dropSlot(admin(), slot);
      await admin().query(`DROP PUBLICATION IF EXISTS ${pub}`);
      await admin().query(`DROP TABLE IF EXISTS ${table}`);
    });
    return { slot, pub, table };
  };
  return { admin, cleanup, names, run };
}
