/**
 * Crash test against the REAL stack PostgreSQL: the source runs in a child process that is killed with SIGKILL at
 * seeded-random moments (the first time in the middle of the snapshot) while a workload runs, then restarted.
 * The sink appends each batch to a file and fsyncs before acknowledging. Afterwards the state rebuilt from
 * everything delivered equals the table, and duplicates are identified by (commitLsn, index).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { rng } from '../../../test/fixtures.js';
import { createDecoder } from '../../decoder.js';
import { STACK, startStack } from '../../../test/stack-services.js';

const repoRoot = resolve(__dirname, '../../../../..');
const URL = STACK.postgresUrl;
const RUN = `${process.pid}_${Date.now().toString(36)}`;
const SEED = Number(process.env['CDC_CRASH_SEED'] ?? '42');

jest.setTimeout(80_000);

const CHILD = `
const { createPgoutputSource } = await import(process.env.CRASH_SRC);
const pg = (await import('pg')).default;
const fs = await import('node:fs');
const fd = fs.openSync(process.env.CRASH_OUT, 'a');
const delay = Number(process.env.CRASH_SINK_DELAY_MS || '0');
const source = createPgoutputSource({
  driver: pg,
  connection: process.env.CRASH_URL,
  slotName: process.env.CRASH_SLOT,
  publicationName: process.env.CRASH_PUB,
  tables: [process.env.CRASH_TABLE],
  snapshotBatchSize: 50,
});
process.on('SIGTERM', () => void source.stop());
await source.run(async (records) => {
  if (delay) await new Promise((r) => setTimeout(r, delay));
  const lines = records.map((r) => JSON.stringify({ id: r.position.commitLsn + ':' + r.position.index, topic: r.topic, key: r.key, value: r.value }));
  fs.writeSync(fd, lines.join('\\n') + '\\n');
  fs.fsyncSync(fd);
});
`;

let admin: pg.Client;

beforeAll(async () => {
  startStack(['postgres']);
  admin = new pg.Client({ connectionString: URL });
  await admin.connect();
}, 130_000);

afterAll(async () => {
  await admin?.end();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, f: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await f())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

interface Line {
  id: string;
  topic: string;
  key: string | null;
  value: string | null;
}

function readLines(file: string): Line[] {
  if (!existsSync(file)) return [];
  // A SIGKILL can cut the last line short; such a batch was never acknowledged and comes again.
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.endsWith('}'))
    .map((l) => JSON.parse(l) as Line);
}

it('loses nothing when the source is SIGKILLed at random moments and restarted', async () => {
  const slot = `it_crash_${RUN}`.toLowerCase();
  const pub = slot;
  const table = `cdc_it_crash_${RUN}`.toLowerCase();
  const out = join(tmpdir(), `${slot}.jsonl`);
  const random = rng(SEED);
  let child: ChildProcess | null = null;
  const slotActive = async () =>
    (await admin.query('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slot])).rows[0]
      ?.active === true;
  const start = (delayMs: number): ChildProcess => {
    const node = ['--conditions=@ecom/source', '--import', 'tsx', '--input-type=module', '-e', CHILD];
    const c = spawn(process.execPath, node, {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env,
        CRASH_SRC: join(__dirname, 'pgoutput-source.ts'),
        CRASH_OUT: out,
        CRASH_URL: URL,
        CRASH_SLOT: slot,
        CRASH_PUB: pub,
        CRASH_TABLE: `public.${table}`,
        CRASH_SINK_DELAY_MS: String(delayMs),
      },
    });
    c.stderr?.resume();
    return c;
  };
  const kill = async (c: ChildProcess): Promise<void> => {
    const exited = new Promise((r) => c.once('exit', r));
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await exited;
    await waitFor('slot released', async () => !(await slotActive()));
  };

  try {
    await admin.query(`CREATE TABLE ${table} (id int PRIMARY KEY, v int NOT NULL, note text)`);
    await admin.query(`INSERT INTO ${table} SELECT g, g, 'row ' || g FROM generate_series(1, 500) g`);

    // 1. Killed in the middle of its snapshot (the slow sink keeps the snapshot open long enough).
    child = start(40);
    await waitFor('some snapshot rows', () => readLines(out).length > 0);
    await kill(child);
    const firstRun = readLines(out);
    expect(firstRun.length).toBeLessThan(500);

    // 2. A workload runs while the source is killed and restarted three more times.
    let workloadDone = false;
    const workload = (async () => {
      const w = new pg.Client({ connectionString: URL });
      await w.connect();
      try {
        for (let i = 1; i <= 150; i++) {
          await w.query('BEGIN');
          await w.query(`INSERT INTO ${table} VALUES ($1, $2, $3)`, [1000 + i, i, `new ${i}`]);
          if (i % 3 === 0) await w.query(`UPDATE ${table} SET v = v + 1000 WHERE id = $1`, [i]);
          if (i % 10 === 0) await w.query(`DELETE FROM ${table} WHERE id = $1`, [500 - i]);
          await w.query('COMMIT');
          await sleep(10);
        }
      } finally {
        await w.end();
        workloadDone = true;
      }
    })();
    for (let k = 0; k < 4; k++) {
      child = start(0);
      const before = readLines(out).length;
      // Kill while streaming: once this run delivered something, after a random 0–250 ms.
      await waitFor(
        'the restarted source to deliver',
        () => workloadDone || readLines(out).length > before,
        30_000,
      );
      await sleep(Math.floor(random() * 250));
      await kill(child);
    }
    await workload;
    expect(workloadDone).toBe(true);

    // 3. A last run drains everything, then stops cleanly.
    child = start(0);
    const expected = new Map<number, number>();
    for (const r of (await admin.query<{ id: number; v: number }>(`SELECT id, v FROM ${table}`)).rows)
      expected.set(r.id, r.v);
    const decoder = createDecoder();
    const rebuild = (): { state: Map<number, number>; snapshots: number } => {
      const state = new Map<number, number>();
      let snapshots = 0;
      for (const l of readLines(out)) {
        const r = decoder.decodeSync({ topic: l.topic, key: l.key, value: l.value });
        if (!r.ok || r.value.kind !== 'change') continue;
        const e = r.value;
        if (e.opCode === 'r' && e.source.snapshot === 'first') {
          snapshots++;
          state.clear(); // a new snapshot replaces the state
        }
        const id = Number((e.after ?? e.before)?.['id']);
        if (e.opCode === 'd') state.delete(id);
        else state.set(id, Number(e.after?.['v']));
      }
      return { state, snapshots };
    };
    const same = () => {
      const { state } = rebuild();
      return state.size === expected.size && [...expected].every(([id, v]) => state.get(id) === v);
    };
    await waitFor('the rebuilt state to match the table', same, 30_000);
    child.kill('SIGTERM');
    await new Promise((r) => (child!.exitCode !== null ? r(null) : child!.once('exit', r)));

    const { snapshots } = rebuild();
    expect(snapshots).toBeGreaterThanOrEqual(2); // the interrupted snapshot was redone
    const lines = readLines(out);
    const byId = new Map<string, string | null>();
    let duplicates = 0;
    const stable = (v: string | null) =>
      v?.replace(/"op":"(\w)","ts_ms":\d+,"ts_us":\d+,"ts_ns":\d+/, '"op":"$1"') ?? null;
    for (const l of lines) {
      if (byId.has(l.id)) {
        duplicates++;
        expect(stable(byId.get(l.id) ?? null)).toBe(stable(l.value)); // a duplicate is the same change
      } else {
        byId.set(l.id, l.value);
      }
    }
    console.log(
      `[cdc crash test] seed ${SEED}: ${lines.length} records delivered, ${duplicates} duplicate(s) identified by LSN, ${snapshots} snapshot(s)`,
    );
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await waitFor('slot released', async () => !(await slotActive())).catch(() => undefined);
    await admin.query(
      'SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1',
      [slot],
    );
    await admin.query(`DROP PUBLICATION IF EXISTS ${pub}`);
    await admin.query(`DROP TABLE IF EXISTS ${table}`);
    rmSync(out, { force: true });
  }
});
