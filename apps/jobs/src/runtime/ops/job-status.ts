/**
 * `jobs status`: what the checkpoint table says about each job's partitions (owner, claim epoch, next offset, last
 * commit), the outbox rows still to relay, and the consumer lag when the end offsets are known.
 */
import type { PgQueryable } from '../postgres/pg-transaction.js';

/**
 * One checkpoint row as `jobs status` shows it.
 *
 * @example
 * const row: PartitionStatus = { job: 'revenue.partials', source: 'ecommerce-cdc.public.orders', partition: 0, nextOffset: '42', epoch: 3, owner: 'a', updatedAt: new Date(0), lag: 0n };
 */
export interface PartitionStatus {
  readonly job: string;
  readonly source: string;
  readonly partition: number;
  readonly nextOffset: string | null;
  readonly epoch: number;
  readonly owner: string | null;
  readonly updatedAt: Date;
  /** End offset − next offset for a Kafka source whose end offset was given; `null` otherwise. */
  readonly lag: bigint | null;
}

/**
 * A job's status: its partitions and the outbox rows not relayed yet.
 *
 * @example
 * const status: JobStatus = { job: 'revenue', partitions: [], outbox: 0 };
 */
export interface JobStatus {
  readonly job: string;
  readonly partitions: readonly PartitionStatus[];
  readonly outbox: number;
}

/**
 * The end offset of each `(topic, partition)`, keyed `'<topic>:<partition>'` (from `admin.fetchTopicOffsets`).
 *
 * @example
 * const ends: EndOffsets = new Map([['ecommerce-cdc.public.orders:0', '42']]);
 */
export type EndOffsets = ReadonlyMap<string, string>;

/**
 * Reads the status of every job, or of `job` and its stages (`<job>.<stage>`), ordered by job, source, partition.
 *
 * @example
 * import pg from 'pg';
 * const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/ecom' });
 * for (const s of await readJobStatus(pool, 'revenue')) console.log(s.job, s.partitions.length, s.outbox);
 */
export async function readJobStatus(
  db: PgQueryable,
  job?: string,
  ends: EndOffsets = new Map(),
): Promise<JobStatus[]> {
  const where = job === undefined ? '' : `WHERE job = $1 OR starts_with(job, $1 || '.')`;
  const params = job === undefined ? [] : [job];
  const { rows } = await db.query<{
    job: string;
    source: string;
    partition: number;
    next_offset: string | null;
    epoch: string;
    owner: string | null;
    updated_at: Date;
  }>(
    `SELECT job, source, partition, next_offset, epoch, owner, updated_at FROM job_checkpoints ${where} ORDER BY job, source, partition`,
    params,
  );
  const outbox = await db.query<{ job: string; n: string }>(
    `SELECT job, count(*) AS n FROM job_outbox ${where} GROUP BY job`,
    params,
  );
  const pending = new Map(outbox.rows.map((r) => [r.job, Number(r.n)]));
  const byJob = new Map<string, PartitionStatus[]>();
  for (const r of rows) {
    const end = ends.get(`${r.source}:${r.partition}`);
    const lag = end === undefined ? null : BigInt(end) - BigInt(r.next_offset ?? '0');
    const list = byJob.get(r.job) ?? [];
    list.push({
      job: r.job,
      source: r.source,
      partition: r.partition,
      nextOffset: r.next_offset,
      epoch: Number(r.epoch),
      owner: r.owner,
      updatedAt: r.updated_at,
      lag,
    });
    byJob.set(r.job, list);
  }
  for (const j of pending.keys()) if (!byJob.has(j)) byJob.set(j, []);
  return [...byJob]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, partitions]) => ({ job: name, partitions, outbox: pending.get(name) ?? 0 }));
}

/**
 * The Kafka sources (not the `#state` row) of some statuses, to look up their end offsets.
 *
 * @example
 * kafkaSources([{ job: 'revenue', outbox: 0, partitions: [] }]); // []
 */
export function kafkaSources(statuses: readonly JobStatus[]): string[] {
  return [
    ...new Set(
      statuses.flatMap((s) => s.partitions.map((p) => p.source)).filter((source) => !source.startsWith('#')),
    ),
  ];
}

/**
 * The status as text: one line per job (outbox), one indented line per partition.
 *
 * @example
 * formatJobStatus([{ job: 'revenue', outbox: 0, partitions: [] }]); // 'revenue  outbox 0  (no partitions claimed)'
 */
export function formatJobStatus(statuses: readonly JobStatus[]): string {
  if (statuses.length === 0) return 'No job has checkpoints yet.';
  return statuses
    .map((s) => {
      const head = `${s.job}  outbox ${s.outbox}${s.partitions.length === 0 ? '  (no partitions claimed)' : ''}`;
      const lines = s.partitions.map(
        (p) =>
          `  ${p.source}:${p.partition}  next ${p.nextOffset ?? '-'}  lag ${p.lag === null ? '-' : String(p.lag)}  owner ${p.owner ?? '-'}  epoch ${p.epoch}  committed ${p.updatedAt.toISOString()}`,
      );
      return [head, ...lines].join('\n');
    })
    .join('\n');
}
