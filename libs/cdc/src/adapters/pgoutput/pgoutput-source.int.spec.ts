/**
 * Integration tests against the REAL stack PostgreSQL (infra/, port 55432, wal_level=logical). The stack is started
 * (or reused) in beforeAll; a server that cannot start fails the suite, it never skips.
 */
import pg from 'pg';
import { createDecoder } from '../../decoder.js';
import { toCanonicalJson } from '../../canonical-json.js';
import { isUnavailable } from '../../unavailable.js';
import type { ChangeEvent, DecodedEvent } from '../../types.js';
import { createAsyncIteratorSink } from './async-iterator-sink.js';
import type { CdcRecord } from './cdc-record.js';
import { PgoutputSourceError } from './errors.js';
import { createPgoutputSource, type PgoutputSource } from './pgoutput-source.js';
import { waitFor } from '../../../test/differential-harness.js';
import { useSourceSpecKit } from '../../../test/source-spec-kit.js';
import { STACK } from '../../../test/stack-services.js';
import { eventOf } from '../../../test/decode-results.js';

const URL = STACK.postgresUrl;

jest.setTimeout(60_000);

// Each test drops its slot, publication and table right after it ran, even when it failed.
const { admin, names } = useSourceSpecKit('it');

const decoder = createDecoder();
const decode = (r: CdcRecord): DecodedEvent =>
  eventOf(decoder.decodeSync({ topic: r.topic, key: r.key, value: r.value })); // a decode error fails the test
const changes = (rs: CdcRecord[]): ChangeEvent[] =>
  rs.map(decode).filter((d): d is ChangeEvent => d.kind === 'change');

describe('pgoutput source against the stack postgres', () => {
  it('snapshots, then streams inserts/updates/deletes/truncates/messages as Debezium envelopes', async () => {
    const { slot, pub, table } = names('main');
    await admin().query(`CREATE TABLE ${table} (
      id int PRIMARY KEY, amount numeric(12,2) NOT NULL, big bigint, at timestamp, at_tz timestamptz, note text, doc jsonb, tags text[])`);
    await admin().query(`INSERT INTO ${table} VALUES
      (1, 129.90, 9007199254740993, '2024-01-02 03:04:05.123456', '2024-01-02 03:04:05.5+02', 'one', '{"a": 1}', '{x,y}'),
      (2, -0.01, NULL, NULL, NULL, NULL, NULL, NULL)`);
    const source = createPgoutputSource({
      driver: pg,
      connection: URL,
      slotName: slot,
      publicationName: pub,
      tables: [`public.${table}`],
      transactionMetadata: true,
    });
    const { sink, records, close } = createAsyncIteratorSink();
    const got: CdcRecord[] = [];
    const running = source.run(sink);
    const consumed = (async () => {
      for await (const r of records) got.push(r);
    })();

    await waitFor('snapshot', () => (got.length >= 2 ? true : undefined));
    const snap = changes(got.slice(0, 2));
    expect(snap.map((e) => [e.opCode, e.source.snapshot, e.key])).toEqual([
      ['r', 'first', { id: 1 }],
      ['r', 'last', { id: 2 }],
    ]);
    expect(toCanonicalJson(snap[0]!.after)).toBe(
      '{"amount":"129.90","at":"2024-01-02T03:04:05.123456","at_tz":"2024-01-02T01:04:05.500000Z","big":"9007199254740993","doc":"{\\"a\\": 1}","id":1,"note":"one","tags":["x","y"]}',
    );
    expect(snap[1]!.after?.['amount']).toBe('-0.01');

    const longText = Array.from({ length: 3000 }, (_, i) => ((i * 7919) % 1000).toString(36)).join('');
    await admin().query(`INSERT INTO ${table} (id, amount, note) VALUES (3, 12345678.99, $1)`, [longText]);
    await admin().query(`UPDATE ${table} SET amount = 1.5 WHERE id = 3`); // note unchanged and TOASTed → placeholder
    await admin().query(
      `BEGIN; UPDATE ${table} SET id = 10 WHERE id = 2; DELETE FROM ${table} WHERE id = 1; SELECT pg_logical_emit_message(true, 'audit', 'hello'); COMMIT`,
    );
    await admin().query(`TRUNCATE ${table}`);

    await waitFor('stream', () => (changes(got).some((e) => e.opCode === 't') ? true : undefined));
    expect(source.snapshotted).toBe(true);
    const evs = changes(got.slice(2));
    expect(evs.map((e) => e.opCode)).toEqual(['c', 'u', 'd', 'c', 'd', 'm', 't']);
    const [ins, upd, pkDel, pkIns, del, msg, trunc] = evs as [
      ChangeEvent,
      ChangeEvent,
      ChangeEvent,
      ChangeEvent,
      ChangeEvent,
      ChangeEvent,
      ChangeEvent,
    ];
    expect(ins.after?.['amount']).toBe('12345678.99');
    expect(ins.after?.['note']).toBe(longText);
    expect(ins.topic).toBe(`ecommerce-cdc.public.${table}`);
    expect(ins.source).toMatchObject({
      connector: 'postgresql',
      name: 'ecommerce-cdc',
      db: 'ecom',
      schema: 'public',
      table,
      snapshot: 'false',
    });
    expect(typeof ins.source.lsn).toBe('bigint');
    expect(ins.source.txId).not.toBeNull();
    expect(upd.after?.['amount']).toBe('1.50');
    expect(upd.hasUnavailable).toBe(true);
    expect(isUnavailable(upd.after?.['note'])).toBe(true);
    expect(upd.beforeMissing).toBe(true);
    expect([pkDel.key, pkIns.key, del.key]).toEqual([{ id: 2 }, { id: 10 }, { id: 1 }]);
    expect(pkDel.transaction?.id).toBe(del.transaction?.id);
    expect([
      pkDel.transaction?.total_order,
      pkIns.transaction?.total_order,
      del.transaction?.total_order,
    ]).toEqual([1, 2, 3]);
    expect(msg.message?.prefix).toBe('audit');
    expect(Buffer.from(msg.message!.content).toString()).toBe('hello');
    expect(trunc.table).toBe(table);

    // Tombstones after deletes, BEGIN/END markers around each transaction.
    const decoded = got.slice(2).map(decode);
    expect(decoded.filter((d) => d.kind === 'tombstone')).toHaveLength(2);
    const markers = decoded.filter((d) => d.kind === 'transaction');
    expect(markers.map((m) => m.status)).toEqual([
      'BEGIN',
      'END',
      'BEGIN',
      'END',
      'BEGIN',
      'END',
      'BEGIN',
      'END',
    ]);

    // Every transaction's records share one commit LSN; the confirmed LSN follows the sink's acknowledgements.
    await waitFor('confirmation', async () => {
      const r = await admin().query(
        `SELECT confirmed_flush_lsn::text AS l FROM pg_replication_slots WHERE slot_name = $1`,
        [slot],
      );
      return r.rows[0]?.l && source.confirmedLsn !== null ? true : undefined;
    });
    await source.stop();
    close();
    await running;
    await consumed;
  });

  it('resumes from the confirmed LSN after a stop without acknowledgement: nothing lost, duplicates identified by LSN', async () => {
    const { slot, pub, table } = names('resume');
    await admin().query(`CREATE TABLE ${table} (id int PRIMARY KEY, v text)`);
    const opts = {
      driver: pg,
      connection: URL,
      slotName: slot,
      publicationName: pub,
      tables: [`public.${table}`],
    };

    // Run 1: acknowledge two transactions, then hang on the third as if the process died before the ack.
    const first: CdcRecord[] = [];
    let batches = 0;
    const a: PgoutputSource = createPgoutputSource(opts);
    const runningA = a.run(async (rs: readonly CdcRecord[]) => {
      batches++;
      first.push(...rs);
      if (batches > 2) await new Promise(() => undefined);
    });
    await waitFor('slot', async () =>
      (await admin().query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1 AND active', [slot]))
        .rowCount
        ? true
        : undefined,
    );
    for (let i = 1; i <= 5; i++) await admin().query(`INSERT INTO ${table} VALUES ($1, $2)`, [i, `v${i}`]);
    await waitFor('third batch', () => (batches >= 3 ? true : undefined));
    const confirmedA = a.confirmedLsn;
    await a.stop();
    await runningA;

    await waitFor('slot released', async () => {
      const r = await admin().query('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slot]);
      return r.rows[0]?.active === false ? true : undefined;
    });

    // Run 2: a new source on the same slot.
    const second: CdcRecord[] = [];
    const b = createPgoutputSource(opts);
    const runningB = b.run(async (rs: readonly CdcRecord[]) => {
      second.push(...rs);
    });
    await waitFor('all ids', () => (changes(second).some((e) => e.key?.['id'] === 5) ? true : undefined));

    // A third source on the same slot is refused while b streams.
    const c = createPgoutputSource(opts);
    await expect(c.run(async () => undefined)).rejects.toMatchObject({ code: 'SLOT_IN_USE' });

    await b.stop();
    await runningB;

    expect(b.snapshotted).toBe(false);
    const id = (r: CdcRecord) => `${r.position.commitLsn}:${r.position.index}`;
    const all = [...first, ...second];
    const ids = new Set(changes(all).map((e) => e.key?.['id']));
    expect([...ids].sort()).toEqual([1, 2, 3, 4, 5]);
    const firstIds = new Set(first.map(id));
    const duplicates = second.filter((r) => firstIds.has(id(r)));
    expect(duplicates.length).toBeGreaterThanOrEqual(1); // the unacknowledged third transaction came again…
    // Same change, same bytes — except the envelope's processing-time ts_ms/ts_us/ts_ns.
    const stable = (v: string | null | undefined) =>
      v?.replace(/"op":"(\w)","ts_ms":\d+,"ts_us":\d+,"ts_ns":\d+/, '"op":"$1"');
    for (const d of duplicates)
      expect(stable(first.find((r) => id(r) === id(d))?.value)).toBe(stable(d.value));
    expect(changes(duplicates).every((e) => e.key?.['id'] === 3)).toBe(true); // …and only that one
    expect(second.every((r) => confirmedA === null || r.position.commitLsn > confirmedA)).toBe(true);
  });

  it('refuses tables without a replica identity with a typed error', async () => {
    const { slot, pub, table } = names('noident');
    await admin().query(`CREATE TABLE ${table} (v text)`);
    const s = createPgoutputSource({
      driver: pg,
      connection: URL,
      slotName: slot,
      publicationName: pub,
      tables: [`public.${table}`],
    });
    const err = await s.run(async () => undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PgoutputSourceError);
    expect(err).toMatchObject({ code: 'REPLICA_IDENTITY' });
    expect((err as Error).message).toContain(table);
  });

  it('follows a relation change mid-stream, or stops with RELATION_CHANGED when asked to', async () => {
    const { slot, pub, table } = names('relchange');
    await admin().query(`CREATE TABLE ${table} (id int PRIMARY KEY, v text)`);
    const got: CdcRecord[] = [];
    const refresh = createPgoutputSource({
      driver: pg,
      connection: URL,
      slotName: slot,
      publicationName: pub,
      tables: [`public.${table}`],
    });
    const running = refresh.run(async (rs: readonly CdcRecord[]) => {
      got.push(...rs);
    });
    await waitFor('slot', async () =>
      (await admin().query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1 AND active', [slot]))
        .rowCount
        ? true
        : undefined,
    );
    await admin().query(`INSERT INTO ${table} VALUES (1, 'a')`);
    await admin().query(`ALTER TABLE ${table} ADD COLUMN price numeric(8,3)`);
    await admin().query(`INSERT INTO ${table} VALUES (2, 'b', 1.5)`);
    await waitFor('two inserts', () => (changes(got).length >= 2 ? true : undefined));
    await refresh.stop();
    await running;
    const [one, two] = changes(got);
    expect(one?.after).toEqual({ id: 1, v: 'a' });
    expect(two?.after).toEqual({ id: 2, v: 'b', price: '1.500' });

    // With onRelationChange 'error', a column change while streaming stops the source with a typed error.
    await waitFor('slot released', async () => {
      const r = await admin().query('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slot]);
      return r.rows[0]?.active === false ? true : undefined;
    });
    const strict = createPgoutputSource({
      driver: pg,
      connection: URL,
      slotName: slot,
      publicationName: pub,
      onRelationChange: 'error',
    });
    const seen: CdcRecord[] = [];
    const failed = strict
      .run(async (rs: readonly CdcRecord[]) => {
        seen.push(...rs);
      })
      .catch((e: unknown) => e);
    await admin().query(`INSERT INTO ${table} VALUES (3, 'c', 2)`);
    await waitFor('third insert', () => (changes(seen).length >= 1 ? true : undefined));
    await admin().query(`ALTER TABLE ${table} DROP COLUMN v`);
    await admin().query(`INSERT INTO ${table} VALUES (4, 2)`);
    const err = await failed;
    expect(err).toMatchObject({ code: 'RELATION_CHANGED' });
    expect((err as Error).message).toContain(table);
  });
});
