export { WindowingError, type WindowingErrorCode } from './errors.js';
export { MIN_TIMESTAMP, MAX_TIMESTAMP, assertTimestamp } from './time.js';
export { GLOBAL_WINDOW, maxTimestamp, intersects, cover, windowStart, type Window } from './window.js';
export type { WindowAssigner, AssignerDescription } from './assigners/window-assigner.js';
export { tumbling, TumblingWindows, type TumblingOptions } from './assigners/tumbling.js';
export { sliding, SlidingWindows, type SlidingOptions } from './assigners/sliding.js';
export { session, SessionWindows, type SessionOptions, type SessionGap } from './assigners/session.js';
export { globalWindows, GlobalWindows } from './assigners/global.js';
export { countWindow } from './assigners/count-window.js';
export { eventTimeTrigger, countTrigger, purgingTrigger, type TriggerSpec } from './triggers/trigger-spec.js';
export { createTrigger } from './triggers/create-trigger.js';
export type {
  AggregateFunction,
  ReduceFunction,
  ProcessWindowFunction,
  ProcessContext,
} from './functions/window-function.js';
export { sum, sumBy, count } from './functions/builtins.js';
export { MAX_DECIMAL_SCALE, type RoundingMode } from './functions/decimal.js';
export {
  decimalSum,
  decimalAverage,
  type DecimalSumState,
  type DecimalAverageState,
  type DecimalAverageOptions,
  type DecimalSelector,
} from './functions/decimal-sum.js';
export { decimalMin, decimalMax, type DecimalExtremeState } from './functions/decimal-min-max.js';
export { countDistinct } from './functions/count-distinct.js';
export type { ItemKey } from './functions/item-key.js';
export { topN, type TopNOptions, type RankedItem } from './functions/top-n.js';
export { decimalTopN, type DecimalTopNOptions, type DecimalTopNState } from './functions/decimal-top-n.js';
export { aggregates, type AggregateParts, type PartsInput, type PartsResult } from './functions/composite.js';
export { systemClock, type Clock } from './clock.js';
export type { WatermarkGenerator } from './watermarks/watermark-generator.js';
export { BoundedOutOfOrderness } from './watermarks/bounded-out-of-orderness.js';
export { PunctuatedWatermarks, type WatermarkExtractor } from './watermarks/punctuated.js';
export { IdlenessTimer } from './watermarks/idleness-timer.js';
export { PartitionWatermarks, type PartitionWatermarksSnapshot } from './watermarks/partition-watermarks.js';
export type { WatermarkStrategy, PartitionId } from './watermarks/watermark-strategy.js';
export { WindowOperator } from './operator/window-operator.js';
export { createWindowOperator } from './operator/create-window-operator.js';
export type { WindowOperatorOptions, BaseOperatorOptions, EmitMode } from './operator/options.js';
export type {
  Key,
  WindowResult,
  LateElement,
  WindowRetraction,
  FiringTiming,
  DrainedOutput,
  StateSize,
  OperatorMetrics,
} from './operator/results.js';
export { SNAPSHOT_FORMAT, type WindowOperatorSnapshot, type SnapshotConfig } from './operator/snapshot-format.js';
export { windowStream, type StreamInput, type StreamOutput, type WindowStreamOptions } from './adapters/window-stream.js';
export type { OperatorSnapshot, PaneEntry, TimerEntry } from './operator/snapshot-format.js';
export {
  valueState,
  mapState,
  listState,
  type StateCodec,
  type StateDescriptor,
  type StateDescriptors,
  type StateViews,
  type ValueStateDescriptor,
  type MapStateDescriptor,
  type ListStateDescriptor,
  type ValueState,
  type MapState,
  type ListState,
} from './keyed/state-descriptors.js';
export type { KeyedStateEntry } from './keyed/keyed-state.js';
export {
  outputTag,
  type OutputTag,
  type KeyedTimerService,
  type KeyedProcessContext,
  type OnTimerContext,
  type TimeDomain,
  type KeyedOutput,
  type KeyedSideOutput,
  type KeyedProcessMetrics,
  type KeyedProcessOptions,
  type KeyedProcessConfig,
  type KeyedProcessSnapshot,
  type KeyedDrainedOutput,
  type KeyedStateSize,
} from './keyed/keyed-process-types.js';
export { KeyedProcessOperator, createKeyedProcessOperator } from './keyed/keyed-process-operator.js';
export { WindowAllOperator, createWindowAllOperator } from './window-all/window-all-operator.js';
export type {
  WindowAllPartial,
  WindowAllResult,
  WindowAllRetraction,
  LatePartial,
  WindowAllOptions,
  WindowAllConfig,
  WindowAllEntry,
  WindowAllMetrics,
  WindowAllSnapshot,
  WindowAllDrained,
  UpstreamResult,
} from './window-all/window-all-types.js';
