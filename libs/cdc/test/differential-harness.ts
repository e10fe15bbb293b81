/**
 * Shared helpers of the differential specs (`pgoutput-*differential.int.spec.ts`): waiting, reading Debezium's
 * topics, the comparable canonical form (README "Known differences") and grouping decoded events per key.
 */
import { Kafka } from 'kafkajs';
import pg from 'pg';
import { createDecoder } from '../src/decoder.js';
import { toCanonicalJson } from '../src/canonical-json.js';
import type { ChangeEvent } from '../src/types.js';
import type { CdcRecord } from '../src/adapters/pgoutput/cdc-record.js';
import { startStack } from './stack-services.js';

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `f` every 100 ms until it returns a truthy value; throws `timed out waiting for <what>` after `ms`. */
export async function waitFor(what: string, f: () => unknown, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await f())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Options of {@link comparable}. */
export interface ComparableOptions {
  /**
   * The table has the DEFAULT replica identity: a delete's `before` is compared on its key columns only (README
   * "Known differences": Debezium fills the other columns with null or defaults, this source with null).
   */
  readonly keyOnlyDeleteBefore?: boolean;
}

/** Canonical form without the fields that legitimately differ (README "Known differences"). */
export function comparable(e: ChangeEvent, options: ComparableOptions = {}): string {
  const { version: _v, ts_ms: _a, ts_us: _b, ts_ns: _c, sequence: _s, txId, xmin: _x, ...source } = e.source;
  const keyOnly =
    options.keyOnlyDeleteBefore === true && e.opCode === 'd' && e.before !== null && e.key !== null;
  const before = keyOnly
    ? Object.fromEntries(Object.keys(e.key ?? {}).map((k) => [k, (e.before as Record<string, unknown>)[k]]))
    : e.before;
  return toCanonicalJson({
    op: e.opCode,
    key: e.key,
    before,
    after: e.after,
    // Snapshot records: each slot has its own consistent point, and Debezium fills txId from its own snapshot.
    source: { ...source, txId: e.opCode === 'r' ? null : txId, lsn: e.opCode === 'r' ? null : source.lsn },
  });
}

/** Decodes the records of `topic` and groups their comparable forms by canonical key, in arrival order. */
export function comparableByKey(
  records: readonly CdcRecord[],
  topic: string,
  options: ComparableOptions = {},
): Map<string, string[]> {
  const decoder = createDecoder();
  const m = new Map<string, string[]>();
  for (const r of records.filter((x) => x.topic === topic)) {
    const result = decoder.decodeSync({ topic: r.topic, key: r.key, value: r.value });
    if (!result.ok) throw new Error(`decode error on ${topic} ${result.error.code}: ${result.error.message}`);
    const e = result.value;
    const k = toCanonicalJson(e.kind === 'change' || e.kind === 'tombstone' ? e.key : null);
    const list = m.get(k) ?? [];
    list.push(e.kind === 'change' ? comparable(e, options) : e.kind);
    m.set(k, list);
  }
  return m;
}

/** Per-key differences between two groupings (empty when identical, key sets included). */
export function keyedDifferences(
  ours: Map<string, string[]>,
  theirs: Map<string, string[]>,
): { key: string; ours: string[] | undefined; debezium: string[] | undefined }[] {
  const keys = [...new Set([...ours.keys(), ...theirs.keys()])].sort();
  return keys
    .filter((k) => JSON.stringify(ours.get(k)) !== JSON.stringify(theirs.get(k)))
    .map((k) => ({ key: k, ours: ours.get(k), debezium: theirs.get(k) }));
}

/** Topics of the broker that exist now. */
export async function listTopics(kafka: Kafka): Promise<string[]> {
  const a = kafka.admin();
  await a.connect();
  try {
    return await a.listTopics();
  } finally {
    await a.disconnect();
  }
}

/**
 * Reads `topics` from the beginning until `done(records)` holds (or throws after `ms`), then disconnects.
 * Records get `index` in arrival order; LSN positions are unknown (0n).
 */
export async function readTopics(
  kafka: Kafka,
  groupId: string,
  topics: readonly string[],
  done: (records: readonly CdcRecord[]) => boolean,
  ms = 60_000,
): Promise<CdcRecord[]> {
  const records: CdcRecord[] = [];
  if (topics.length === 0) return records;
  const consumer = kafka.consumer({ groupId });
  await consumer.connect();
  try {
    for (const topic of topics) await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        records.push({
          topic,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          position: { commitLsn: 0n, lsn: 0n, index: records.length, snapshot: false },
        });
      },
    });
    await waitFor(`Debezium records on ${topics.join(', ')}`, () => done(records), ms);
  } finally {
    await consumer.disconnect();
  }
  return records;
}

/** Waits until no slot in `slots` is active (up to 30 s), then drops those slots. */
export async function dropSlots(admin: pg.Client, slots: readonly string[]): Promise<void> {
  await waitFor(
    'slots released',
    async () =>
      (await admin.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = ANY($1) AND active', [slots]))
        .rowCount === 0,
    30_000,
  ).catch(() => undefined);
  await admin.query(
    'SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ANY($1)',
    [slots],
  );
}

/** Deletes every topic whose name starts with `prefix` (best effort). */
export async function deleteTopicsWithPrefix(kafka: Kafka, prefix: string): Promise<void> {
  const existing = await listTopics(kafka).catch(() => [] as string[]);
  const topics = existing.filter((t) => t.startsWith(prefix));
  if (topics.length === 0) return;
  const a = kafka.admin();
  await a.connect();
  try {
    await a.deleteTopics({ topics }).catch(() => undefined);
  } finally {
    await a.disconnect();
  }
}

/**
 * Names of one differential run's objects, unique per process and start time: the replication slots and
 * publications of both sides and the Debezium connector.
 *
 * @example
 * const names = differentialRun('shop-diff'); // { run: '1234_lx9…', dbzSlot: 'dbz_1234_lx9…', … }
 */
export function differentialRun(connectorPrefix: string) {
  const run = `${process.pid}_${Date.now().toString(36)}`.toLowerCase();
  return {
    run,
    dbzSlot: `dbz_${run}`,
    ourSlot: `ours_${run}`,
    dbzPub: `dbz_${run}`,
    ourPub: `ours_${run}`,
    connector: `${connectorPrefix}-${run}`,
  };
}

/**
 * Starts the stack's services (default postgres, kafka and connect) for the suite (jest `beforeAll`) and keeps one
 * admin client on `url` open until `afterAll`. Returns a getter for the client.
 *
 * @example
 * const admin = useStackAdmin(`postgres://postgres@127.0.0.1:${STACK.postgresPort}/ecom`);
 * it('…', async () => { await admin().query('select 1'); });
 */
export function useStackAdmin(
  url: string,
  services: readonly string[] = ['postgres', 'kafka', 'connect'],
): () => pg.Client {
  let admin: pg.Client | undefined;
  beforeAll(async () => {
    startStack(services);
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  }, 250_000);
  afterAll(async () => {
    await admin?.end();
  });
  return () => {
    if (!admin) throw new Error('the stack admin client is not connected (beforeAll failed?)');
    return admin;
  };
}
