import { LakehouseError } from '../errors.js';
import type { ObjectStore } from '../object-store.js';
import type { TrinoQueryOptions, TrinoQueryPort } from '../trino-port.js';
import { buildMarts } from './build-marts.js';
import { localDate } from '../cli/marts-command.js';
import { MARTS } from './marts.js';
import { RFM_SEGMENTS, rfmSegmentSql, valueTierSql } from './mart-sql.js';

/** Trino answering INSERTs with `inserted` rows and `$partitions` queries with whether the day is listed. */
function fakeTrino(
  inserted: number,
  listed = true,
): TrinoQueryPort & { calls: [string, TrinoQueryOptions | undefined][] } {
  const calls: [string, TrinoQueryOptions | undefined][] = [];
  return {
    calls,
    query: async (sql, options) => {
      calls.push([sql, options]);
      if (sql.includes('$partitions')) return listed ? [[1]] : [];
      return sql.startsWith('INSERT') ? [[inserted]] : [];
    },
  };
}

/** An in-memory store holding one stale file of revenue_daily for 2026-12-01 and one of another day. */
function staleStore(): ObjectStore & { keys: Set<string> } {
  const keys = new Set([
    'marts/revenue_daily/analysis_date=2026-12-01/old-file',
    'marts/revenue_daily/analysis_date=2026-11-30/kept',
  ]);
  return {
    keys,
    put: async (key) => void keys.add(key),
    get: async () => null,
    list: async (prefix) => [...keys].filter((k) => k.startsWith(prefix)),
    delete: async (key) => void keys.delete(key),
  };
}

const input = (trino: TrinoQueryPort, analysisDate = '2026-12-01', store = staleStore()) => ({
  trino,
  store,
  bucket: 'lake',
  prefix: 'marts',
  source: { catalog: 'lake', schema: 'shop' },
  target: { catalog: 'lake', schema: 'marts' },
  marts: MARTS,
  analysisDate,
  timeZone: 'Asia/Ho_Chi_Minh',
});

describe('buildMarts', () => {
  it('creates schema and tables, then replaces only the day’s partition with one INSERT per mart', async () => {
    const trino = fakeTrino(3);
    const results = await buildMarts(input(trino));
    expect(results.map((r) => [r.mart, r.rows])).toEqual(MARTS.map((m) => [m.name, 3]));
    const [schema, ...rest] = trino.calls;
    expect(schema![0]).toBe('CREATE SCHEMA IF NOT EXISTS "lake"."marts"');
    const creates = rest.filter(([sql]) => sql.startsWith('CREATE TABLE'));
    expect(creates[0]![0]).toContain(`external_location = 's3://lake/marts/revenue_daily/'`);
    expect(rest[1]![0]).toBe(
      `SELECT 1 FROM "lake"."marts"."revenue_daily$partitions" WHERE analysis_date = DATE '2026-12-01'`,
    );
    expect(creates[0]![0]).toContain(`"analysis_date" DATE) WITH (`);
    const inserts = rest.filter(([sql]) => sql.startsWith('INSERT'));
    expect(inserts).toHaveLength(MARTS.length);
    for (const [sql, options] of inserts) {
      expect(sql).toContain(`DATE '2026-12-01' FROM (`);
      expect(sql).toContain(`"lake"."shop"."orders"`);
      expect(options).toEqual({ session: { 'lake.insert_existing_partitions_behavior': 'OVERWRITE' } });
    }
    expect(rest.some(([sql]) => sql.startsWith('DELETE'))).toBe(false);
  });

  it('a day the metastore does not list loses its stray files first (a crashed build leaves nothing stale)', async () => {
    const store = staleStore();
    await buildMarts(input(fakeTrino(2, false), '2026-12-01', store));
    expect([...store.keys]).toEqual(['marts/revenue_daily/analysis_date=2026-11-30/kept']);
    const listedStore = staleStore();
    await buildMarts(input(fakeTrino(2, true), '2026-12-01', listedStore));
    expect(listedStore.keys.size).toBe(2); // a listed day is replaced by the OVERWRITE insert itself
  });

  it('an empty result forgets the day’s partition and deletes its files (no stale rows later)', async () => {
    const trino = fakeTrino(0);
    const store = staleStore();
    await buildMarts(input(trino, '2026-12-01', store));
    expect([...store.keys]).toEqual(['marts/revenue_daily/analysis_date=2026-11-30/kept']);
    const deletes = trino.calls.filter(([sql]) => sql.startsWith('DELETE')).map(([sql]) => sql);
    expect(deletes[0]).toBe(
      `DELETE FROM "lake"."marts"."revenue_daily" WHERE analysis_date = DATE '2026-12-01'`,
    );
    expect(deletes).toHaveLength(MARTS.length);
  });

  it('refuses a malformed date before any statement', async () => {
    const trino = fakeTrino(1);
    await expect(buildMarts(input(trino, '2026-12-1'))).rejects.toThrow(LakehouseError);
    expect(trino.calls).toEqual([]);
  });
});

describe('shared mart SQL', () => {
  it('RFM segments cover each of the 25 (recency, frequency) cells exactly once', () => {
    for (let r = 1; r <= 5; r++) {
      for (let f = 1; f <= 5; f++) {
        const hits = RFM_SEGMENTS.filter((s) => s.r[0] <= r && r <= s.r[1] && s.f[0] <= f && f <= s.f[1]);
        expect([r, f, hits.length]).toEqual([r, f, 1]);
      }
    }
    expect(rfmSegmentSql('r', 'f')).toContain(`THEN 'Can''t Lose Them'`);
  });

  it('value tiers: the original’s 100 M / 10 M VND, highest first', () => {
    expect(valueTierSql('x')).toBe(
      `CASE WHEN x >= 100000000 THEN 'High Value' WHEN x >= 10000000 THEN 'Medium Value' ELSE 'Low Value' END`,
    );
  });

  it('the default analysis date is today in the shop’s zone, not UTC', () => {
    expect(localDate(Date.UTC(2026, 10, 30, 17, 30), 'Asia/Ho_Chi_Minh')).toBe('2026-12-01');
    expect(localDate(Date.UTC(2026, 10, 30, 17, 30), 'UTC')).toBe('2026-11-30');
  });
});
