// The fraud merge's rule changes (the rules topic read as an untimed input): put, pause, delete and add from the
// next record the detector evaluates on, bad definitions refused (and dead-lettered by the merge task) without
// touching the running rules, and the changes kept across a snapshot / restore.
import { isFraudError, type RuleDefinitionInput } from '@ecom/fraud';
import { isEcomError } from '@ecom/domain';
import { repartitionMessage, type RepartitionRecord } from '../../runtime/repartition/repartition-message.js';
import { MergeTask } from '../../runtime/run/merge-task.js';
import { TableTopicTask } from '../../runtime/run/table-topic-task.js';
import type { JobResult } from '../../runtime/stream-job.js';
import { orders } from '../../testing/order-records.js';
import { createFraudMergeJob, createFraudRouterJob, type FraudMergeStage } from './index.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const RULES = 'fraud_rules.spec';
const RULES_INPUT = `${RULES}:0`;
const INPUTS = ['orders:0', RULES_INPUT];
const HV: RuleDefinitionInput = { id: 'hv', kind: 'high-value', params: { threshold: '1000.00' } };

const merge = (rules: readonly unknown[] = [HV]): FraudMergeStage =>
  createFraudMergeJob({ inputs: INPUTS, untimed: [RULES_INPUT], idleTimeoutMs: 0, rules, rulesTopic: RULES });

/** The partials a `TableTopicTask` forwards for records of the rules topic (`value` `null`: a tombstone). */
async function ruleRecords(
  records: readonly { key: string | null; value: unknown }[],
): Promise<RepartitionRecord[]> {
  const task = new TableTopicTask('fraud', { source: RULES, partition: 0 });
  task.restore(null);
  let offset = 0;
  for (const { key, value } of records)
    await task.process({
      key,
      value: value === null ? null : typeof value === 'string' ? value : JSON.stringify(value),
      offset: String(offset++),
    });
  return [
    ...task.finish({ partition: { source: RULES, partition: 0 }, records: [], nextOffset: String(offset) })
      .forward,
  ];
}

async function change(stage: FraudMergeStage, key: string | null, value: unknown): Promise<void> {
  for (const r of await ruleRecords([{ key, value }])) if (r.partial) stage.onPartial(r.from, r.partial);
}

/** An order of 2 000 VND (it breaks `hv`) at `at`, fed and released by the watermark; the alert ids it gave. */
function order(stage: FraudMergeStage, id: number, at = T0 + id * 1_000): string[] {
  const router = createFraudRouterJob();
  router.onRecord(orders.create({ id, customer: 7, at, total: '2000.00' }));
  for (const partial of router.drain()) stage.onPartial('orders:0', partial);
  stage.onInputWatermark('orders:0', at);
  return stage.drain().map((r: JobResult) => r.id.key);
}

describe('the fraud merge: rule changes from the rules topic', () => {
  it('pauses, resumes and deletes a rule from the next record on', async () => {
    const stage = merge();
    expect(order(stage, 1)).toEqual(['hv/7/o1']);
    await change(stage, 'hv', { ...HV, state: 'paused' });
    expect(order(stage, 2)).toEqual([]);
    expect(stage.runningRules().map((r) => r.state)).toEqual(['paused']);
    await change(stage, 'hv', HV);
    expect(order(stage, 3)).toEqual(['hv/7/o3']);
    await change(stage, 'hv', null); // a tombstone
    expect(order(stage, 4)).toEqual([]);
    expect(stage.runningRules()).toEqual([]);
  });

  it('adds a rule: its alerts start with the next record', async () => {
    const stage = merge([]);
    expect(order(stage, 1)).toEqual([]);
    await change(stage, 'hv', HV);
    expect(order(stage, 2)).toEqual(['hv/7/o2']);
  });

  it('applies a change on arrival: records still waiting for the watermark are evaluated under it', async () => {
    const stage = merge();
    const router = createFraudRouterJob();
    router.onRecord(orders.create({ id: 1, customer: 7, at: T0, total: '2000.00' }));
    for (const partial of router.drain()) stage.onPartial('orders:0', partial);
    await change(stage, 'hv', { ...HV, state: 'paused' });
    stage.onInputWatermark('orders:0', T0);
    expect(stage.drain()).toEqual([]);
  });

  it('a grown window sees the retained history from the next order on; a shrunk one applies at once', async () => {
    const v = (windowMinutes: number) => ({
      id: 'v',
      kind: 'velocity',
      params: { maxOrders: 2, windowMinutes },
    });
    const stage = merge([v(1)]);
    for (const [id, minute] of [
      [1, 0],
      [2, 2],
      [3, 4],
    ] as const)
      expect(order(stage, id, T0 + minute * 60_000)).toEqual([]);
    await change(stage, 'v', v(10));
    expect(order(stage, 4, T0 + 6 * 60_000)).toEqual(['v/7/o4']); // o1–o4 within 10 minutes
    await change(stage, 'v', v(1));
    expect(order(stage, 5, T0 + 6.5 * 60_000)).toEqual([]); // o4, o5 within 1 minute: not more than 2
  });

  it.each([
    [
      'a definition zod refuses',
      'hv',
      { id: 'hv', kind: 'high-value', params: { threshold: 'lots' } },
      /rule hv is invalid: params\.threshold/,
    ],
    ['an unknown kind', 'x1', { id: 'x1', kind: 'telepathy' }, /rule x1 is invalid: kind/],
    ['a key that is not the id', 'hv', { ...HV, id: 'other' }, /rule hv has the id other/],
    ['a value that is not JSON', 'hv', '{', /rule hv is not JSON/],
    ['a record without a key', null, HV, /no key/],
  ])(
    'refuses %s with the rule id and leaves the running rules untouched',
    async (_what, key, value, message) => {
      const stage = merge();
      const before = stage.runningRules();
      const error = await change(stage, key, value).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isFraudError(error, 'invalid_rule')).toBe(true);
      expect((error as Error).message).toMatch(message);
      if (key !== null) expect((error as { ruleId?: string }).ruleId).toBe(key);
      expect(stage.runningRules()).toEqual(before);
      expect(order(stage, 1)).toEqual(['hv/7/o1']);
    },
  );

  it('carries the zod issues of a refused definition', async () => {
    const error = await change(merge(), 'v', { id: 'v', kind: 'velocity', params: { maxOrders: -1 } }).catch(
      (e: unknown) => e,
    );
    expect((error as { issues: { path: unknown[] }[] }).issues[0]?.path).toEqual(['params', 'maxOrders']);
  });

  it('the merge task dead-letters a bad definition (code, rule id, zod issue) and runs the good ones', async () => {
    const stage = merge([]);
    const task = new MergeTask(stage);
    task.restore(null);
    const records = await ruleRecords([
      { key: 'bad', value: { id: 'bad', kind: 'velocity', params: { windowMinutes: 0 } } },
      { key: 'hv', value: HV },
    ]);
    const letters = [];
    for (const [offset, r] of records.entries())
      letters.push(await task.process({ ...repartitionMessage(r, 0), offset: String(offset) }));
    const [bad, good] = letters;
    expect(bad?.headers['cdc.error.code']).toBe('invalid_rule');
    expect(bad?.headers['cdc.error.message']).toMatch(/rule bad is invalid: params\.windowMinutes/);
    expect(good).toBeNull();
    expect(stage.runningRules().map((r) => r.id)).toEqual(['hv']);
  });

  it('keeps the topic changes across a snapshot and restore; the configured rules apply to untouched ids', async () => {
    const first = merge([HV, { id: 'v', kind: 'velocity' }]);
    await change(first, 'hv', { ...HV, state: 'paused' });
    await change(first, 'added', { id: 'added', kind: 'new-account-high-value' });
    await change(first, 'v', null);
    const snapshot = first.snapshot();
    // A restart with another file: `hv` and `v` stay as the topic left them, `hv2` (untouched) comes from the file.
    const second = merge([HV, { id: 'v', kind: 'velocity' }, { id: 'hv2', kind: 'high-value' }]);
    second.restore(snapshot);
    expect(
      second
        .runningRules()
        .map((r) => `${r.id}:${r.state}`)
        .sort(),
    ).toEqual(['added:active', 'hv2:active', 'hv:paused']);
    expect(order(second, 1)).toEqual([]);
  });

  it('refuses a rules topic whose partitions are timed inputs', () => {
    let error: unknown;
    try {
      createFraudMergeJob({ inputs: INPUTS, untimed: [], idleTimeoutMs: 0, rulesTopic: RULES });
    } catch (e) {
      error = e;
    }
    expect(isEcomError(error, 'INVALID_OPTION')).toBe(true);
  });
});
