import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DomainRecord } from '@ecom/cdc';
import { isEcomError } from '@ecom/domain';
import type { JobResult, MergeStageCore } from '../../runtime/stream-job.js';
import { orders } from '../../testing/order-records.js';
import { ALERT_TOPIC } from '../../alerts/alert-results.js';
import { createFraudMergeJob, createFraudRouterJob } from './index.js';
import { loadFraudRules } from './fraud-rules-file.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 40);
const INPUTS = ['orders:0', 'orders:1'];

/** Customer 42: six orders 5 s apart across 12:01:00, alternating partitions; customer 7: one order of 12.5 M VND. */
function stream(): Map<string, DomainRecord[]> {
  const byInput = new Map<string, DomainRecord[]>(INPUTS.map((i) => [i, []]));
  for (let i = 1; i <= 6; i++)
    byInput
      .get(INPUTS[i % 2] as string)
      ?.push(orders.create({ id: i, customer: 42, at: T0 + i * 5_000, total: '100000.00' }));
  byInput
    .get('orders:0')
    ?.push(orders.create({ id: 100, customer: 7, at: T0 + 1_000, total: '12500000.00' }));
  return byInput;
}

/** Feeds each input's records through its router, then every input's watermark (the end of time). */
function run(
  merge: MergeStageCore,
  byInput: Map<string, DomainRecord[]>,
  inputOrder: readonly string[],
): JobResult[] {
  const out: JobResult[] = [];
  for (const input of inputOrder) {
    const router = createFraudRouterJob();
    for (const r of byInput.get(input) ?? []) router.onRecord(r);
    for (const partial of router.drain()) merge.onPartial(input, partial);
    out.push(...merge.drain());
  }
  for (const input of inputOrder) merge.onInputWatermark(input, T0 + 3_600_000);
  return [...out, ...merge.drain()];
}

const ids = (results: readonly JobResult[]) => results.map((r) => r.id.key).sort();

describe('the fraud job (router → one detector in event-time order)', () => {
  it("alerts the original's two rules: a burst across a minute boundary and an order above 10 M VND", () => {
    const results = run(
      createFraudMergeJob({ inputs: INPUTS, untimed: [], idleTimeoutMs: 0 }),
      stream(),
      INPUTS,
    );
    expect(ids(results)).toEqual(['high-value/7/o100', 'velocity-1m/42/o6']);
    for (const r of results) {
      expect(r.topic).toBe(ALERT_TOPIC);
      expect(r.value).toMatchObject({ id: r.id.key, customerId: expect.any(Number) });
    }
  });

  it('holds records until the combined watermark passes them: the arrival order of the inputs does not matter', () => {
    const merge = createFraudMergeJob({ inputs: INPUTS, untimed: [], idleTimeoutMs: 0 });
    const router = createFraudRouterJob();
    for (const r of stream().get('orders:1') ?? []) router.onRecord(r);
    for (const partial of router.drain()) merge.onPartial('orders:1', partial);
    merge.onInputWatermark('orders:1', T0 + 3_600_000);
    expect(merge.drain()).toEqual([]); // orders:0 still holds the watermark back
    const a = run(createFraudMergeJob({ inputs: INPUTS, untimed: [], idleTimeoutMs: 0 }), stream(), INPUTS);
    const b = run(
      createFraudMergeJob({ inputs: INPUTS, untimed: [], idleTimeoutMs: 0 }),
      stream(),
      [...INPUTS].reverse(),
    );
    expect(b).toEqual(a);
  });

  it('restores from a snapshot mid-stream and alerts exactly as an uninterrupted run', () => {
    const byInput = stream();
    const first = createFraudMergeJob({ inputs: INPUTS, untimed: [], idleTimeoutMs: 0 });
    const router = createFraudRouterJob();
    for (const r of byInput.get('orders:0') ?? []) router.onRecord(r);
    for (const partial of router.drain()) first.onPartial('orders:0', partial);
    first.onInputWatermark('orders:0', T0 + 3_600_000);
    const snapshot = JSON.parse(JSON.stringify(first.snapshot())) as ReturnType<MergeStageCore['snapshot']>;
    const second = createFraudMergeJob({ inputs: INPUTS, untimed: [], idleTimeoutMs: 0 });
    second.restore(snapshot);
    const rest = run(second, new Map([['orders:1', byInput.get('orders:1') ?? []]]), ['orders:1']);
    second.onInputWatermark('orders:0', T0 + 3_600_000);
    const whole = run(
      createFraudMergeJob({ inputs: INPUTS, untimed: [], idleTimeoutMs: 0 }),
      stream(),
      INPUTS,
    );
    expect(ids([...first.drain(), ...rest, ...second.drain()])).toEqual(ids(whole));
  });

  it('refuses a routed value that is not a fraud record with a typed error', () => {
    const merge = createFraudMergeJob({ inputs: INPUTS, untimed: [], idleTimeoutMs: 0 });
    const bogus: JobResult = {
      topic: 'fraud.records',
      id: { job: 'fraud', windowStart: 0, windowEnd: 1, key: 'x' },
      value: { table: 'orders', op: 'create', eventTime: 0, after: { order_id: 'one' } },
    };
    expect(() => merge.onPartial('orders:0', bogus)).toThrow(
      expect.objectContaining({ code: 'INVALID_RECORD', job: 'fraud' }),
    );
  });
});

describe('FRAUD_RULES_FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fraud-rules-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("defaults to the original's two rules and reads a file of definitions", () => {
    expect(loadFraudRules({}).map((r) => r.id)).toEqual(['velocity-1m', 'high-value']);
    const path = file(
      'ok.json',
      JSON.stringify([{ id: 'big', kind: 'high-value', params: { threshold: '5.00' } }]),
    );
    expect(loadFraudRules({ FRAUD_RULES_FILE: path })).toMatchObject([{ id: 'big', state: 'active' }]);
  });

  it('names the key and the rule for a bad file or definition', () => {
    const bad = file(
      'bad.json',
      JSON.stringify([{ id: 'oops', kind: 'velocity', params: { maxOrders: -1 } }]),
    );
    for (const env of [
      { FRAUD_RULES_FILE: bad },
      { FRAUD_RULES_FILE: file('x.json', '{') },
      { FRAUD_RULES_FILE: join(dir, 'none') },
    ]) {
      let error: unknown;
      try {
        loadFraudRules(env);
      } catch (e) {
        error = e;
      }
      expect(isEcomError(error, 'INVALID_CONFIG')).toBe(true);
      expect(error).toMatchObject({ keys: ['FRAUD_RULES_FILE'] });
    }
    expect(() => loadFraudRules({ FRAUD_RULES_FILE: bad })).toThrow(/oops/);
  });
});

describe('the fraud merge with an idle input', () => {
  it('feeds at once a record the watermark already passed (its input was idle, then spoke again)', async () => {
    const merge = createFraudMergeJob({ inputs: INPUTS, untimed: [], idleTimeoutMs: 1 });
    const router = createFraudRouterJob();
    router.onRecord(orders.create({ id: 1, customer: 7, at: T0, total: '1.00' }));
    for (const partial of router.drain()) merge.onPartial('orders:0', partial);
    merge.onInputWatermark('orders:0', T0 + 30_000);
    const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
    await pause();
    merge.checkIdle();
    merge.onInputWatermark('orders:0', T0 + 60_000);
    await pause();
    merge.checkIdle(); // orders:1 was silent: the watermark moves on without it
    expect(merge.watermark).toBe(T0 + 60_000);
    router.onRecord(orders.create({ id: 2, customer: 9, at: T0 + 1_000, total: '12500000.00' }));
    for (const partial of router.drain()) merge.onPartial('orders:1', partial);
    expect(ids(merge.drain())).toEqual(['high-value/9/o2']);
  });
});
