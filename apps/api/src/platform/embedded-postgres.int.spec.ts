/**
 * The embedded PostgreSQL of the one-command mode (issue 16), end to end on the real server binaries: it starts in
 * a fresh temporary data folder (as root too), is PostgreSQL 18 (the stack runs 15, so this is the test that the
 * shop schema and the built-in pgoutput CDC source work on 18), takes the shop migrations, and the source, in
 * process (`runEvents`, no Kafka), delivers the snapshot of a seeded table and then a live insert. No stack service
 * is used. A missing binary fails the suite with EmbeddedPostgresError BINARY_MISSING; it never skips.
 */
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createAsyncIteratorSink, createPgoutputSource, type CdcEvent } from '@ecom/cdc/adapters';
import { appliedShopMigrations, createShopDataSource, runShopMigrations } from '@ecom/domain/typeorm';
import { startEmbeddedPostgres, type RunningEmbeddedPostgres } from './embedded-postgres.js';

jest.setTimeout(120_000);

let dataDir: string;
let server: RunningEmbeddedPostgres;
let client: pg.Client;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ecom-embedded-pg-'));
  await chmod(dataDir, 0o755); // the server runs as the `postgres` user when we are root: it must reach the folder
  server = await startEmbeddedPostgres({ dataDir });
  client = new pg.Client({ connectionString: server.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Pulls events until `done` holds for the ones seen so far (or fails after `ms`). */
async function take(
  events: AsyncIterator<CdcEvent>,
  done: (seen: CdcEvent[]) => boolean,
  ms = 30_000,
): Promise<CdcEvent[]> {
  const seen: CdcEvent[] = [];
  const deadline = Date.now() + ms;
  while (!done(seen)) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`timed out after ${ms} ms with ${seen.length} events`);
    const next = await Promise.race([
      events.next(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('timed out waiting')), left).unref(),
      ),
    ]);
    if (next.done) break;
    seen.push(next.value);
  }
  return seen;
}

const changes = (seen: CdcEvent[], op: string) =>
  seen.flatMap(({ event }) => (event.kind === 'change' && event.op === op ? [event] : []));

it('is PostgreSQL 18 with wal_level=logical, listening on 127.0.0.1, its data in the given folder', async () => {
  const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
  expect(rows).toEqual([{ server_version: expect.stringMatching(/^18\.\d+/) }]);
  expect((await client.query('SHOW wal_level')).rows[0]).toEqual({ wal_level: 'logical' });
  expect(server.url).toMatch(new RegExp(`^postgres://postgres:[^@]+@127\\.0\\.0\\.1:${server.port}/ecom$`));
  expect(await readdir(join(dataDir, 'postgres'))).toContain('PG_VERSION');
});

it('takes the shop migrations, and the pgoutput source snapshots a seeded table then streams a live insert', async () => {
  const dataSource = createShopDataSource({ url: server.url });
  await dataSource.initialize();
  try {
    expect((await runShopMigrations(dataSource)).length).toBeGreaterThan(0);
    expect(await appliedShopMigrations(dataSource)).toContain('CreateCatalogAndCustomers1767225600001');
  } finally {
    await dataSource.destroy();
  }
  await client.query(
    `INSERT INTO categories (name, description) VALUES ('Books', 'seeded'), ('Games', 'seeded')`,
  );

  const source = createPgoutputSource({
    driver: pg,
    connection: server.url,
    slotName: 'ecom_embedded_spec',
    publicationName: 'ecom_embedded_spec',
    tables: ['public.categories'],
  });
  const { sink, records, close } = createAsyncIteratorSink<CdcEvent>();
  const running = source.runEvents(sink);
  const events = records[Symbol.asyncIterator]();
  try {
    const snapshot = changes(await take(events, (seen) => changes(seen, 'read').length >= 2), 'read');
    expect(snapshot.map((e) => [e.table, e.after?.['name']]).sort()).toEqual([
      ['categories', 'Books'],
      ['categories', 'Games'],
    ]);

    await client.query(`INSERT INTO categories (name) VALUES ('Music')`);
    const [live] = changes(await take(events, (seen) => changes(seen, 'create').length >= 1), 'create');
    expect(live?.after).toMatchObject({ name: 'Music', description: null });
    expect(live?.source.version).toBeDefined();
  } finally {
    await source.stop();
    close();
    await running;
  }
  const slot = await client.query(
    'SELECT active, confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = $1',
    ['ecom_embedded_spec'],
  );
  expect(slot.rows).toEqual([{ active: false, confirmed_flush_lsn: expect.any(String) }]);
});

it('restarts on the same data folder with its data, password and database kept', async () => {
  await client.end();
  await server.stop();
  server = await startEmbeddedPostgres({ dataDir });
  client = new pg.Client({ connectionString: server.url });
  await client.connect();
  const names = await client.query<{ name: string }>('SELECT name FROM categories ORDER BY name');
  expect(names.rows.map((row) => row.name)).toEqual(['Books', 'Games', 'Music']);
});
