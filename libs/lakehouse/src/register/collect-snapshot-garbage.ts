import { LakehouseError } from '../errors.js';
import type { ObjectStore } from '../object-store.js';
import { snapshotTimeMs, tableFolder } from '../snapshots.js';
import type { TrinoQueryPort } from '../trino-port.js';
import { dropSnapshotTableSql, type TrinoTarget } from './trino-ddl.js';

/** Input of {@link collectSnapshotGarbage}. */
export interface SnapshotGarbageInput {
  /** Where each removed snapshot's Trino table is dropped; absent for a lake without Trino (`LAKE_DIR`). */
  readonly trino?: TrinoQueryPort;
  readonly store: ObjectStore;
  readonly target?: TrinoTarget;
  readonly table: string;
  readonly prefix: string;
  /** Every key under the table's folder. */
  readonly keys: readonly string[];
  /** The snapshot the view reads: never removed. */
  readonly current: string;
  /** Snapshots kept whatever their age (the one the view read until this swap), unless `clear`. */
  readonly keep: readonly string[];
  /** For each committed snapshot but the newest: when a newer one was committed (epoch ms). */
  readonly supersededAt: ReadonlyMap<string, number>;
  readonly graceMs: number;
  /** Remove everything but `current` now, stray files included. */
  readonly clear: boolean;
  readonly nowMs: number;
}

const SNAPSHOT_KEY = /^(?:snapshot=|_snapshots\/)(s\d{17}_[0-9a-f]{4})(?:\/|\.json$)/;

/**
 * Removes what no query can still be reading: committed snapshots superseded more than `graceMs` ago, unfinished
 * snapshot folders (no manifest) started more than `graceMs` ago, and with `clear` everything but the current
 * snapshot, files left by other tools included. For each removed snapshot its Trino table is dropped first, then
 * its manifest, then its data files.
 *
 * @example
 * declare const trino: TrinoQueryPort;
 * declare const store: ObjectStore;
 * const keys = await store.list('data_postgres/orders/');
 * const { removedSnapshots } = await collectSnapshotGarbage({ trino, store, target: { catalog: 'lake', schema: 'shop' },
 *   table: 'orders', prefix: 'data_postgres', keys, current: 's20261204012000000_ab12', keep: [],
 *   supersededAt: new Map(), graceMs: 3_600_000, clear: false, nowMs: Date.now() });
 */
export async function collectSnapshotGarbage(
  input: SnapshotGarbageInput,
): Promise<{ removedSnapshots: string[]; removedObjects: number }> {
  const folder = tableFolder(input.prefix, input.table);
  const bySnapshot = new Map<string, string[]>();
  const strays: string[] = [];
  for (const key of input.keys) {
    const id = key.startsWith(folder) ? SNAPSHOT_KEY.exec(key.slice(folder.length))?.[1] : undefined;
    if (id === undefined) strays.push(key);
    else bySnapshot.set(id, [...(bySnapshot.get(id) ?? []), key]);
  }
  const cutoff = input.nowMs - input.graceMs;
  const removable = (id: string): boolean => {
    if (id === input.current) return false;
    if (input.clear) return true;
    if (input.keep.includes(id)) return false;
    const superseded = input.supersededAt.get(id);
    // A committed snapshot counts from when a newer one was committed; an unfinished one from when it started.
    return (superseded ?? snapshotTimeMs(id)) < cutoff && (superseded !== undefined || id < input.current);
  };
  const removedSnapshots: string[] = [];
  let removedObjects = 0;
  const remove = async (keys: readonly string[]) => {
    // The manifest first: a snapshot without it is never registered again, whatever is left of its files.
    const ordered = [...keys].sort(
      (a, b) => Number(b.includes('/_snapshots/')) - Number(a.includes('/_snapshots/')),
    );
    for (const key of ordered) {
      try {
        await input.store.delete(key);
      } catch (e) {
        throw new LakehouseError('STORE_FAILED', `could not delete ${key}: ${(e as Error).message}`, {
          cause: e,
        });
      }
      removedObjects++;
    }
  };
  for (const [id, keys] of [...bySnapshot].sort(([a], [b]) => a.localeCompare(b))) {
    if (!removable(id)) continue;
    if (input.trino && input.target)
      await input.trino.query(dropSnapshotTableSql(input.target, input.table, id));
    await remove(keys);
    removedSnapshots.push(id);
  }
  if (input.clear) await remove(strays);
  return { removedSnapshots, removedObjects };
}
