/**
 * The in-process output (`runEvents`) against the REAL stack PostgreSQL (only the postgres service is started, or
 * reused, in beforeAll; a server that cannot start fails the suite, it never skips):
 *
 * - one run builds every change both as the JSON record and as the event (a paired output); decoding the record
 *   with `createDecoder` must give the event, event for event, over every column type the source maps;
 * - `runEvents` acknowledges like `run`: a stop before the sink resolved redelivers the transaction, with the same
 *   positions and equal events;
 * - a role with only REPLICATION gets `INSUFFICIENT_PRIVILEGE` with the SQL an owner runs, and works once it ran.
 */
import pg from 'pg';
import { createTempDatabase, type TempDatabase } from '@ecom/domain/testing';
import { createDecoder } from '../../decoder.js';
import { UNAVAILABLE } from '../../unavailable.js';
import { eventOf } from '../../../test/decode-results.js';
import { pairedOutput, type PairedItem } from '../../../test/paired-output.js';
import { waitFor } from '../../../test/differential-harness.js';
import { dropSlot, useSourceSpecKit } from '../../../test/source-spec-kit.js';
import { STACK } from '../../../test/stack-services.js';
import { createAsyncIteratorSink } from './async-iterator-sink.js';
import type { CdcEvent } from './cdc-record.js';
import { PgoutputSourceError } from './errors.js';
import { createPgoutputSource, runWithOutput, type PgoutputSource } from './pgoutput-source.js';

const CLOCK = () => 1_704_067_209_000_000n; // fixed processing time: the two outputs then agree on ts_ms/us/ns too

jest.setTimeout(60_000);

const { admin, cleanup, names, run: RUN } = useSourceSpecKit('ev');
const slotIsActive = async (slot: string) =>
  Boolean(
    (await admin().query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1 AND active', [slot]))
      .rowCount,
  );

/** Every column type the source maps (see the README type table), with its SQL type. */
function columnTypes(mood: string): [string, string][] {
  return [
    ['n122', 'numeric(12,2)'],
    ['n', 'numeric'],
    ['m', 'money'],
    ['i2', 'smallint'],
    ['i8', 'bigint'],
    ['r', 'real'],
    ['d', 'double precision'],
    ['b', 'boolean'],
    ['bit1', 'bit(1)'],
    ['bits', 'bit(12)'],
    ['vb', 'bit varying'],
    ['txt', 'text'],
    ['vc', 'varchar(20)'],
    ['ch', 'char(3)'],
    ['jb', 'jsonb'],
    ['js', 'json'],
    ['u', 'uuid'],
    ['x', 'xml'],
    ['ip', 'inet'],
    ['rng', 'int4range'],
    ['e', mood],
    ['dt', 'date'],
    ['t', 'time'],
    ['t3', 'time(3)'],
    ['ttz', 'timetz'],
    ['ts', 'timestamp'],
    ['ts3', 'timestamp(3)'],
    ['tstz', 'timestamptz'],
    ['tstz3', 'timestamptz(3)'],
    ['tstz0', 'timestamptz(0)'],
    ['iv', 'interval'],
    ['bin', 'bytea'],
    ['ia', 'int[]'],
    ['ba', 'bigint[]'],
    ['na', 'numeric(8,3)[]'],
    ['ta', 'text[]'],
    ['ua', 'uuid[]'],
    ['da', 'date[]'],
    ['tza', 'timestamptz[]'],
    ['boa', 'boolean[]'],
    ['ea', `${mood}[]`],
  ];
}

/** Rows as SQL literals per column (absent columns are NULL). */
const ROWS: Record<string, string>[] = [
  {
    n122: '129.90',
    n: '10.11110',
    m: '1234.50',
    i2: '-32768',
    i8: '9007199254740993',
    r: '-0',
    d: '1e300',
    b: 'true',
    bit1: "B'1'",
    bits: "B'101000000001'",
    vb: "B'10110'",
    txt: `'héllo "q" \\ x'`,
    vc: "'abc'",
    ch: "'ab'",
    jb: `'{"a": 1, "n": 9007199254740993}'`,
    js: `'{"b":[1,2]}'`,
    u: "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'",
    x: "'<a>1</a>'",
    ip: "'192.168.0.1/24'",
    rng: "'[1,5)'",
    e: "'happy'",
    dt: "'0044-03-15 BC'",
    t: "'13:51:30.123456'",
    t3: "'13:51:30.123'",
    ttz: "'01:00:00+02'",
    ts: "'2024-01-02 03:04:05.123456'",
    ts3: "'2024-01-02 03:04:05.12'",
    tstz: "'2024-01-02 03:04:05.5+02'",
    tstz3: "'2024-01-02 03:04:05.5+02'",
    tstz0: "'2024-01-02 03:04:05+00'",
    iv: "'P1Y2M3DT4H5M6.78S'",
    bin: "'\\x00ff'",
    ia: "'{1,NULL,3}'",
    ba: "'{9007199254740993,-1}'",
    na: "'{1.5,-2.25}'",
    ta: `'{a,"b,c",NULL,"d \\"e\\""}'`,
    ua: "'{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'",
    da: "'{2024-02-29,NULL}'",
    tza: `'{"2024-01-02 03:04:05.5+02"}'`,
    boa: "'{t,f}'",
    ea: "'{happy,sad}'",
  },
  {},
  {
    n122: "'NaN'",
    n: "'-Infinity'",
    i8: '-9223372036854775808',
    r: "'NaN'",
    d: "'-Infinity'",
    b: 'false',
    dt: "'5874897-12-31'",
    ts: "'infinity'",
    ts3: "'-infinity'",
    tstz: "'infinity'",
    iv: "'-1 mon'",
    bin: "''",
    ia: "'{}'",
  },
];

function insertSql(table: string, id: number, row: Record<string, string>): string {
  const cols = Object.keys(row);
  return `INSERT INTO ${table} (id${cols.map((c) => `, ${c}`).join('')}) VALUES (${id}${cols.map((c) => `, ${row[c]}`).join('')})`;
}

const decoder = createDecoder();

/** Each event equals the decoded record at the same position. */
function expectSameAsDecoded(items: readonly PairedItem[]): void {
  for (const { record, event } of items) {
    expect(event.position).toEqual(record.position);
    expect(event.event).toStrictEqual(eventOf(decoder.decodeSync(record)));
  }
}

describe('pgoutput source: in-process events against the stack postgres', () => {
  it('builds, in one run, events equal to the decoded JSON records, for every column type and op', async () => {
    const { slot, pub, table } = names('paired');
    cleanup(() =>
      admin().query(`DROP TABLE IF EXISTS ${table}, ${table}_full; DROP TYPE IF EXISTS ${table}_mood`),
    );
    const mood = `${table}_mood`;
    await admin().query(`CREATE TYPE ${mood} AS ENUM ('happy', 'sad')`);
    const cols = columnTypes(mood);
    await admin().query(
      `CREATE TABLE ${table} (id int PRIMARY KEY, ${cols.map(([c, t]) => `${c} ${t}`).join(', ')})`,
    );
    await admin().query(`CREATE TABLE ${table}_full (id int PRIMARY KEY, note text, amount numeric(12,2))`);
    await admin().query(`ALTER TABLE ${table}_full REPLICA IDENTITY FULL`);
    for (const [i, row] of ROWS.entries()) await admin().query(insertSql(table, i + 1, row));
    const longText = Array.from({ length: 4000 }, (_, i) => ((i * 7919) % 1000).toString(36)).join('');
    await admin().query(`INSERT INTO ${table}_full VALUES (1, $1, 1.00)`, [longText]);

    const source = createPgoutputSource({
      driver: pg,
      connection: STACK.postgresUrl,
      slotName: slot,
      publicationName: pub,
      tables: [`public.${table}`, `public.${table}_full`],
      transactionMetadata: true,
      snapshotBatchSize: 2,
      clock: CLOCK,
    });
    const got: PairedItem[] = [];
    const running = runWithOutput(source, pairedOutput, async (items) => {
      got.push(...items);
    });
    await waitFor('snapshot', () => got.length >= ROWS.length + 1);
    expect(got.map((x) => x.event.event.kind === 'change' && x.event.event.source.snapshot)).toEqual([
      'first',
      'true',
      'last_in_data_collection',
      'last',
    ]);

    // Streaming: every row again, updates (one with an unchanged TOASTed column), a key change, deletes, a
    // FULL-identity update and delete, logical messages in and outside a transaction, a truncate.
    for (const [i, row] of ROWS.entries()) await admin().query(insertSql(table, i + 10, row));
    await admin().query(`UPDATE ${table} SET n122 = 1.5, i2 = 7 WHERE id = 10`);
    await admin().query(`UPDATE ${table}_full SET amount = 2.50 WHERE id = 1`); // note unchanged: filled from the old row
    await admin().query(`ALTER TABLE ${table}_full REPLICA IDENTITY DEFAULT`);
    await admin().query(`UPDATE ${table}_full SET amount = 3.50 WHERE id = 1`); // note unchanged: placeholder
    await admin().query(
      `BEGIN; UPDATE ${table} SET id = 20 WHERE id = 11; DELETE FROM ${table} WHERE id = 12; DELETE FROM ${table}_full WHERE id = 1;
       SELECT pg_logical_emit_message(true, 'audit', 'héllo'); COMMIT`,
    );
    await admin().query(`SELECT pg_logical_emit_message(false, 'ping', '\\x00ff'::bytea)`);
    await admin().query(`TRUNCATE ${table}, ${table}_full`);
    await waitFor('truncate', () =>
      got.some((x) => x.event.event.kind === 'change' && x.event.event.opCode === 't'),
    );
    await source.stop();
    await running;

    expectSameAsDecoded(got);
    expect(got[0]!.event.event).toMatchObject({
      format: 'json-schema',
      after: {
        n122: '129.90',
        i8: 9007199254740993n,
        ba: [9007199254740993n, -1],
        r: 0,
        dt: '-0043-03-15',
        tstz: '2024-01-02T01:04:05.500000Z',
        iv: 'PT10303H5M6.78S',
        bin: new Uint8Array([0, 255]),
      },
      source: { lsn: got[0]!.event.position.lsn, snapshot: 'first' },
    });
    const kinds = got.map(({ event: { event: e } }) => (e.kind === 'change' ? e.opCode : e.kind));
    expect(kinds.filter((k) => k === 'c')).toHaveLength(ROWS.length + 1);
    for (const k of ['u', 'd', 'tombstone', 'm', 't', 'transaction']) expect(kinds).toContain(k);
    const fullUpdates = got
      .map(({ event: { event: e } }) => e)
      .filter((e) => e.kind === 'change' && e.opCode === 'u' && e.table.endsWith('_full'));
    expect(fullUpdates.map((e) => e.kind === 'change' && e.after?.['note'])).toEqual([longText, UNAVAILABLE]);
  });

  it('runEvents: confirms only after the sink resolved; a redelivered transaction has the same positions and events', async () => {
    const { slot, pub, table } = names('resume');
    await admin().query(`CREATE TABLE ${table} (id int PRIMARY KEY, amount numeric(12,2), at timestamptz)`);
    await admin().query(`INSERT INTO ${table} VALUES (1, 0.01, '2024-01-02 03:04:05.5+02')`);
    const opts = {
      driver: pg,
      connection: STACK.postgresUrl,
      slotName: slot,
      publicationName: pub,
      tables: [`public.${table}`],
      clock: CLOCK,
    };

    // Run 1, through the async iterator: the snapshot and one transaction are processed, the next one is held.
    const first: CdcEvent[] = [];
    const a: PgoutputSource = createPgoutputSource(opts);
    const { sink, records: events, close } = createAsyncIteratorSink<CdcEvent>();
    const runningA = a.runEvents(sink);
    const it = events[Symbol.asyncIterator]();
    first.push((await it.next()).value as CdcEvent); // the snapshot row
    await admin().query(`INSERT INTO ${table} VALUES (2, 2.00, now())`);
    first.push((await it.next()).value as CdcEvent);
    await admin().query(`INSERT INTO ${table} VALUES (3, 3.00, now())`);
    first.push((await it.next()).value as CdcEvent); // handed out, never acknowledged (no next() after it)
    expect(
      first.map((e) => e.event.kind === 'change' && [e.event.opCode, e.event.after?.['amount']]),
    ).toEqual([
      ['r', '0.01'],
      ['c', '2.00'],
      ['c', '3.00'],
    ]);
    expect(first[0]!.event).toMatchObject({
      after: { at: '2024-01-02T01:04:05.500000Z' },
      format: 'json-schema',
    });
    await waitFor(
      'second transaction confirmed',
      () => a.confirmedLsn !== null && a.confirmedLsn >= first[1]!.position.commitLsn,
    );
    const confirmedA = a.confirmedLsn!;
    expect(confirmedA < first[2]!.position.commitLsn).toBe(true);
    await a.stop();
    close();
    await runningA;
    await waitFor('slot released', async () => !(await slotIsActive(slot)));

    // Run 2: resumes after the last confirmed transaction; the held one comes again, identical.
    const second: CdcEvent[] = [];
    const b = createPgoutputSource(opts);
    const runningB = b.runEvents(async (batch) => {
      second.push(...batch);
    });
    await waitFor('redelivery', () => second.length >= 1);
    await b.stop();
    await runningB;
    expect(b.snapshotted).toBe(false);
    expect(second[0]!.position).toEqual(first[2]!.position);
    expect(second[0]!.event).toStrictEqual(first[2]!.event);
    expect(second.every((e) => e.position.commitLsn > confirmedA)).toBe(true);
  });
});

describe('pgoutput source: a role with only REPLICATION (like the stack ecom_cdc)', () => {
  let db: TempDatabase;
  let owner: pg.Client;
  const role = `cdc_ev_role_${RUN}`;
  const slot = `ev_priv_${RUN}`;
  const pub = `ev_priv_${RUN}`;

  beforeAll(async () => {
    db = await createTempDatabase({ prefix: 'cdc_ev_priv', adminUrl: STACK.postgresUrl });
    await admin().query(`CREATE ROLE ${role} LOGIN REPLICATION`);
    await admin().query(`GRANT ALL PRIVILEGES ON DATABASE ${db.name} TO ${role}`); // as infra/compose/postgres-init.sql
    owner = new pg.Client({ connectionString: db.url });
    await owner.connect();
    await owner.query('CREATE TABLE items (id int PRIMARY KEY, name text)');
    await owner.query("INSERT INTO items VALUES (1, 'one')");
  });

  afterAll(async () => {
    await dropSlot(owner, slot).catch(() => undefined);
    await owner?.end();
    await db?.drop();
    await admin().query(`DROP ROLE IF EXISTS ${role}`);
  });

  const asRole = () => {
    const url = new URL(db.url);
    url.username = role;
    return createPgoutputSource({
      driver: pg,
      connection: url.toString(),
      slotName: slot,
      publicationName: pub,
      tables: ['public.items'],
      clock: CLOCK,
    });
  };
  const failure = async (): Promise<PgoutputSourceError> => {
    const err = await asRole()
      .run(async () => undefined)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PgoutputSourceError);
    expect(err).toMatchObject({ code: 'INSUFFICIENT_PRIVILEGE' });
    expect(
      (await owner.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [slot])).rowCount,
    ).toBe(0); // refused before a slot was created
    return err as PgoutputSourceError;
  };
  /** The statements the error prints, one per indented line. */
  const statements = (e: Error) =>
    e.message
      .split('\n')
      .filter((l) => l.startsWith('  '))
      .map((l) => l.trim());

  it('cannot create the publication: the error names the problem and prints the SQL the owner runs', async () => {
    const err = await failure();
    expect(err.message).toContain(`role ${role}: cannot create publication ${pub}`);
    expect(err.message).toContain('must be owner of table items');
    expect(statements(err)).toEqual([
      `CREATE PUBLICATION "${pub}" FOR TABLE "public"."items";`,
      `ALTER PUBLICATION "${pub}" OWNER TO "${role}"; -- the source marks a completed snapshot in the publication's comment`,
      `GRANT SELECT ON "public"."items" TO "${role}"; -- the snapshot reads it`,
    ]);

    // The owner creates the publication only: the snapshot still lacks its rights, and the error says which.
    await owner.query(statements(err)[0]!);
    const next = await failure();
    expect(next.message).toContain(`cannot take the initial snapshot for publication ${pub}`);
    expect(statements(next)).toEqual(statements(err).slice(1));

    // With the rest run, the role snapshots (writing the mark on the publication it now owns) and streams.
    for (const sql of statements(next)) await owner.query(sql);
    const source = asRole();
    const got: CdcEvent[] = [];
    const running = source.runEvents(async (batch) => {
      got.push(...batch);
    });
    await waitFor('snapshot', () => got.length >= 1);
    await owner.query("INSERT INTO items VALUES (2, 'two')");
    await waitFor('insert', () => got.length >= 2);
    await source.stop();
    await running;
    expect(got.map((e) => e.event.kind === 'change' && [e.event.opCode, e.event.after])).toEqual([
      ['r', { id: 1, name: 'one' }],
      ['c', { id: 2, name: 'two' }],
    ]);
    const comment = await owner.query(
      `SELECT obj_description(oid, 'pg_publication') AS c FROM pg_publication WHERE pubname = $1`,
      [pub],
    );
    expect(comment.rows[0].c).toContain(`ecom-cdc:snapshot-complete:${slot}`);
  });
});
