/**
 * A tiny deterministic job for tests of the runtime: counts events per 1-minute event-time window and key, fires a
 * window when the watermark (max event time − 5 s) passes its end, and corrects a fired window when a late event
 * arrives. It has a snapshot and a restore, so a test can crash it anywhere and compare with a clean run.
 */
import { FencedError } from '../errors.js';
import type { CheckpointStore, SourcePartition } from '../checkpoints/checkpoint-store.js';
import type { JobResult, JsonValue } from '../stream-job.js';

/**
 * One input event of the counting job.
 *
 * @example
 * const e: CountEvent = { ts: 61_000, key: 'b' };
 */
export interface CountEvent {
  readonly ts: number;
  readonly key: string;
}

const WINDOW_MS = 60_000;
const OUT_OF_ORDERNESS_MS = 5_000;

/**
 * `n` events from a seeded generator: time moves forward by 0–3 s with up to 8 s of disorder (so some are late),
 * over the keys `a`, `b` and `c`.
 *
 * @example
 * countEvents(3, 42).length; // 3
 */
export function countEvents(n: number, seed: number): CountEvent[] {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const events: CountEvent[] = [];
  let clock = 0;
  for (let i = 0; i < n; i++) {
    clock += Math.floor(next() * 3_000);
    events.push({
      ts: Math.max(0, clock - Math.floor(next() * 8_000)),
      key: 'abc'[Math.floor(next() * 3)] as string,
    });
  }
  return events;
}

/**
 * The counting job's core (the shape of a `StreamJobCore` without decoded records).
 *
 * @example
 * const core = new CountingCore('count');
 * core.onEvent({ ts: 1_000, key: 'a' });
 * core.onEvent({ ts: 70_000, key: 'a' });
 * core.drain(); // [{ topic: 'counts', id: { job: 'count', windowStart: 0, windowEnd: 60000, key: 'a' }, value: { count: 1 } }]
 */
export class CountingCore {
  #maxTs = -1;
  /** `${windowStart}|${key}` → [count, fired]. */
  #windows = new Map<string, [number, boolean]>();
  #out: JobResult[] = [];

  constructor(readonly name: string) {}

  onEvent(event: CountEvent): void {
    const start = event.ts - (event.ts % WINDOW_MS);
    const id = `${start}|${event.key}`;
    const window = this.#windows.get(id) ?? [0, false];
    window[0] += 1;
    this.#windows.set(id, window);
    if (window[1]) this.#emit(id, window[0]);
    if (event.ts > this.#maxTs) this.#maxTs = event.ts;
    for (const [key, w] of [...this.#windows].sort(([x], [y]) => (x < y ? -1 : 1))) {
      if (!w[1] && Number(key.split('|')[0]) + WINDOW_MS <= this.#maxTs - OUT_OF_ORDERNESS_MS) {
        w[1] = true;
        this.#emit(key, w[0]);
      }
    }
  }

  #emit(id: string, count: number): void {
    const [start, key] = id.split('|') as [string, string];
    const windowStart = Number(start);
    this.#out.push({
      topic: 'counts',
      id: { job: this.name, windowStart, windowEnd: windowStart + WINDOW_MS, key },
      value: { count },
    });
  }

  drain(): JobResult[] {
    const out = this.#out;
    this.#out = [];
    return out;
  }

  snapshot(): JsonValue {
    return {
      maxTs: this.#maxTs,
      windows: [...this.#windows].sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, [n, f]]) => [k, n, f]),
    };
  }

  restore(snapshot: JsonValue): void {
    const s = (snapshot ?? { maxTs: -1, windows: [] }) as {
      maxTs: number;
      windows: [string, number, boolean][];
    };
    this.#maxTs = s.maxTs;
    this.#windows = new Map(s.windows.map(([k, n, f]) => [k, [n, f]]));
    this.#out = [];
  }
}

/**
 * Options of {@link runJob}.
 *
 * @example
 * const options: RunJobOptions = { batch: 10, crashAt: [3] };
 */
export interface RunJobOptions {
  /** Events per committed batch. */
  readonly batch: number;
  /** Batch numbers (1-based) at which the instance dies before committing; a new one claims and restores. */
  readonly crashAt?: readonly number[];
  /** The partition the events come from (default `ecom.public.orders`[0]). */
  readonly partition?: SourcePartition;
}

/**
 * Runs the counting job over `events` as the runtime will: claim, restore, process a batch, commit results + state
 * + next offset. At each `crashAt` batch the instance dies with the batch uncommitted; a new owner claims,
 * restores and resumes from the stored offset, and the dead owner's late commit must be fenced (else this throws).
 *
 * @example
 * await runJob(new MemoryCheckpointStore(), 'count', countEvents(100, 1), { batch: 10, crashAt: [4] });
 */
export async function runJob(
  store: CheckpointStore,
  job: string,
  events: readonly CountEvent[],
  options: RunJobOptions,
): Promise<void> {
  const partition = options.partition ?? { source: 'ecom.public.orders', partition: 0 };
  const crashes = new Set(options.crashAt ?? []);
  let owner = 0;
  const start = async () => {
    const claim = await store.claim(job, [partition], { owner: `instance-${++owner}` });
    const core = new CountingCore(job);
    const [checkpoint] = claim.checkpoints;
    if (checkpoint?.nextOffset != null) core.restore(checkpoint.state);
    return { claim, core, offset: Number(checkpoint?.nextOffset ?? 0) };
  };
  let { claim, core, offset } = await start();
  for (let batch = 1; offset < events.length; batch++) {
    const slice = events.slice(offset, offset + options.batch);
    for (const event of slice) core.onEvent(event);
    const commit = {
      job,
      epoch: claim.epoch,
      partitions: [{ ...partition, nextOffset: String(offset + slice.length), state: core.snapshot() }],
      results: core.drain(),
    };
    if (crashes.delete(batch)) {
      ({ claim, core, offset } = await start());
      const late = await store.commit(commit).then(
        () => null,
        (error: unknown) => error,
      );
      if (!(late instanceof FencedError))
        throw new Error(`the dead owner's commit was not fenced: ${String(late)}`);
      continue;
    }
    await store.commit(commit);
    offset += slice.length;
  }
}

/**
 * The results with their `id.job` replaced, to compare the outputs of two jobs run over the same input.
 *
 * @example
 * withJob([{ topic: 't', id: { job: 'a', windowStart: 0, windowEnd: 1, key: 'k' }, value: null }], 'b')[0]?.id.job; // 'b'
 */
export function withJob(results: readonly JobResult[], job: string): JobResult[] {
  return results.map((r) => ({ ...r, id: { ...r.id, job } }));
}
