/**
 * Phase two of the fraud job: one merging task runs the detector (@ecom/fraud) over the routed records of every
 * source partition. The detector evaluates each order against what it has seen, so records are fed in event-time
 * order, not in arrival order: they wait in a buffer until the combined watermark of the inputs passes them, then go
 * in ordered by (event time, input, arrival). Any interleaving of the inputs (a restart, a rebalance) then gives the
 * same alerts. A record that comes after the watermark passed it (its input was idle, then spoke again) goes in at
 * once. Customers are untimed (read as a table): fed on arrival, they never hold the watermark back. Alerts
 * are results keyed by alert id; a record the detector drops as too late is reported (`drainTooLate`).
 *
 * Rule changes are an untimed input too (the partitions of the rules topic, `rulesTopic`): each is validated and
 * applied on arrival, so every record the detector evaluates after it (including those still buffered) sees it; a
 * bad one throws `FraudError` `invalid_rule` (the runtime dead-letters it) and changes nothing.
 */
import {
  createFraudDetector,
  parseRuleDefinition,
  type FraudAlert,
  type FraudDetector,
  type FraudRecord,
  type RuleDefinition,
} from '@ecom/fraud';
import type { StageInputs } from '../../runtime/run/two-phase-kafka-job.js';
import type { JobResult, JsonValue, MergeStageCore } from '../../runtime/stream-job.js';
import { invalidOption, invalidSnapshot } from '../job-error.js';
import { MergeInputs } from '../merge-inputs.js';
import { alertResult } from '../../alerts/alert-results.js';
import { toAlertRecord } from './fraud-alert-record.js';
import { DEFAULT_FRAUD_RULES, FRAUD_JOB } from './fraud-options.js';
import { FraudRuleChanges, readRuleChange } from './fraud-rule-changes.js';
import { fraudRecord } from './fraud-rows.js';

const MERGE_FORMAT = 'ecom-jobs/fraud-merge/1';

/**
 * Options of {@link createFraudMergeJob}: the stage's inputs, the configured rules (JSON definitions; default the
 * original's two), the rules topic whose partitions (among the untimed inputs) carry rule changes, and the
 * detector's retention.
 *
 * @example
 * const options: FraudMergeOptions = {
 *   inputs: ['orders:0', 'fraud_rules:0'], untimed: ['fraud_rules:0'], idleTimeoutMs: 0,
 *   rules: [{ id: 'hv', kind: 'high-value' }], rulesTopic: 'fraud_rules',
 * };
 */
export interface FraudMergeOptions extends StageInputs {
  readonly rules?: readonly unknown[];
  /** The topic of rule changes (its partitions must be untimed inputs). Default: none. */
  readonly rulesTopic?: string;
  readonly horizonMs?: number;
}

const topicOf = (input: string): string => input.slice(0, input.lastIndexOf(':'));

interface Buffered {
  readonly t: number;
  readonly input: string;
  readonly n: number;
  /** The routed value (what a snapshot keeps). */
  readonly value: JsonValue;
  /** It decoded once, on arrival. */
  readonly record: FraudRecord;
}

const before = (a: Buffered, b: Buffered): boolean =>
  a.t !== b.t ? a.t < b.t : a.input !== b.input ? a.input < b.input : a.n < b.n;

class FraudMerge implements FraudMergeStage {
  readonly name = FRAUD_JOB;
  private readonly inputs: MergeInputs;
  private readonly detector: FraudDetector;
  /** The configured rules (validated once) and the changes the rules topic made to them. */
  private readonly rules: FraudRuleChanges;
  private readonly rulesTopic: string | undefined;
  private buffer: Buffered[] = [];
  private arrivals = 0;
  private pending: JobResult[] = [];
  private late: object[] = [];
  /** The highest watermark the detector was fed up to (the combined watermark may step back when an idle input speaks). */
  private released = Number.MIN_SAFE_INTEGER;

  constructor(options: FraudMergeOptions) {
    this.inputs = new MergeInputs(FRAUD_JOB, options);
    const { rules = DEFAULT_FRAUD_RULES, horizonMs, rulesTopic } = options;
    this.rules = new FraudRuleChanges(rules.map(parseRuleDefinition));
    this.rulesTopic = rulesTopic;
    if (rulesTopic !== undefined)
      for (const input of this.inputs.names)
        if (topicOf(input) === rulesTopic && !this.inputs.untimed.includes(input))
          throw invalidOption(
            FRAUD_JOB,
            'untimed',
            `to hold the rules topic's input ${input}`,
            options.untimed,
          );
    this.detector = createFraudDetector({
      rules: this.rules.effective(),
      outOfOrdernessMs: null,
      ...(horizonMs ? { horizonMs } : {}),
    });
  }

  /** The watermark the detector has been fed up to (epoch ms). */
  get watermark(): number {
    return this.released;
  }

  /** The rules the detector runs now. */
  runningRules(): RuleDefinition[] {
    return this.detector.rules();
  }

  onPartial(input: string, partial: JobResult): void {
    this.inputs.activity(input);
    if (this.rulesTopic !== undefined && topicOf(input) === this.rulesTopic) {
      const change = readRuleChange(partial.value); // throws before anything changes
      this.rules.apply(change);
      this.rules.sync(this.detector);
      return;
    }
    const record = fraudRecord(partial.value); // checked before it waits
    // Untimed inputs, and records the watermark already passed (their input was idle, then spoke again), go in now.
    if (this.inputs.untimed.includes(input) || record.eventTime <= this.released) return this.feed(record);
    const entry: Buffered = { t: record.eventTime, input, n: this.arrivals++, value: partial.value, record };
    let i = this.buffer.length;
    while (i > 0 && before(entry, this.buffer[i - 1] as Buffered)) i--;
    this.buffer.splice(i, 0, entry);
  }

  onInputWatermark(input: string, watermark: number): void {
    if (this.inputs.watermark(input, watermark)) this.release();
  }

  checkIdle(): void {
    if (this.inputs.checkIdle()) this.release();
  }

  drain(): JobResult[] {
    return this.pending.splice(0);
  }

  drainTooLate(): readonly object[] {
    return this.late.splice(0);
  }

  /** Buffered records and the detector's state size (for metrics and benchmarks). */
  stateSize(): { buffered: number } & ReturnType<FraudDetector['stateSize']> {
    return { buffered: this.buffer.length, ...this.detector.stateSize() };
  }

  snapshot(): JsonValue {
    return {
      format: MERGE_FORMAT,
      watermark: this.released,
      inputs: this.inputs.identity() as unknown as JsonValue,
      watermarks: this.inputs.snapshot(),
      buffer: this.buffer.map(({ record: _decoded, ...kept }) => kept) as unknown as JsonValue,
      arrivals: this.arrivals,
      pending: this.pending as unknown as JsonValue,
      detector: this.detector.snapshot() as unknown as JsonValue,
      ruleChanges: this.rules.snapshot(),
    };
  }

  /**
   * The state, then the rules: the configured ones (read again on every start) overlaid by the checkpoint's
   * changes from the rules topic (whose offsets the checkpoint holds, so they are not read again).
   */
  restore(snapshot: JsonValue): void {
    const s = snapshot as Record<string, unknown> | null;
    if (typeof s !== 'object' || s === null || s['format'] !== MERGE_FORMAT || !Array.isArray(s['buffer']))
      throw invalidSnapshot(this.name, 'not a fraud merge snapshot');
    this.inputs.restore(s['watermarks']);
    this.detector.restore(s['detector'] as Parameters<FraudDetector['restore']>[0]);
    this.rules.restore(s['ruleChanges'] as JsonValue | undefined);
    this.rules.sync(this.detector);
    this.buffer = (s['buffer'] as Omit<Buffered, 'record'>[]).map((b) => ({
      ...b,
      record: fraudRecord(b.value),
    }));
    this.arrivals = Number(s['arrivals'] ?? 0);
    this.released = Number(s['watermark'] ?? Number.MIN_SAFE_INTEGER);
    this.pending = (s['pending'] as JobResult[] | undefined) ?? [];
  }

  /** Feeds the buffered records the combined watermark passed, in order, then the watermark itself. */
  private release(): void {
    const watermark = this.inputs.combined;
    if (watermark <= this.released) return;
    this.released = watermark;
    let n = 0;
    while (n < this.buffer.length && (this.buffer[n] as Buffered).t <= watermark) n++;
    for (const entry of this.buffer.splice(0, n)) this.feed(entry.record);
    this.collect(this.detector.onWatermark(watermark));
  }

  private feed(record: FraudRecord): void {
    const tooLate = this.detector.metrics.tooLate;
    this.collect(this.detector.onRecord(record));
    if (this.detector.metrics.tooLate > tooLate)
      this.late.push({
        table: record.table,
        eventTime: record.eventTime,
        watermark: this.detector.watermark,
      });
  }

  private collect(alerts: readonly FraudAlert[]): void {
    for (const alert of alerts) this.pending.push(alertResult(toAlertRecord(alert)));
  }
}

/**
 * The fraud job's merging stage, and the rules it runs now.
 *
 * @example
 * declare const merge: FraudMergeStage;
 * merge.runningRules().map((r) => `${r.id}:${r.state}`); // ['velocity-1m:active', 'high-value:active']
 */
export interface FraudMergeStage extends MergeStageCore {
  runningRules(): RuleDefinition[];
}

/**
 * Creates the fraud job's merging stage.
 *
 * @throws JobError `INVALID_OPTION` for bad inputs (a partition of `rulesTopic` that is not untimed); FraudError
 *   `invalid_rule` for a bad configured rule definition.
 *
 * @example
 * const merge = createFraudMergeJob({ inputs: ['orders:0', 'customers:0'], untimed: ['customers:0'], idleTimeoutMs: 0 });
 * merge.drain(); // [] until the watermark releases an order that breaks a rule
 */
export function createFraudMergeJob(options: FraudMergeOptions): FraudMergeStage {
  return new FraudMerge(options);
}
