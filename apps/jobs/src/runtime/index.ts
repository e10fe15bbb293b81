/**
 * The stream-job runtime: the contract with job cores, checkpoints (results + state + offsets in one PostgreSQL
 * transaction, fenced), the idempotent result sinks and the outbox relay that feeds them, the env config, and the
 * instance's logs (pino) and Prometheus metrics.
 * apps/jobs/README.md explains the design.
 */
export type { JobResult, JsonValue, ResultId, StreamJobCore } from './stream-job.js';
export {
  FencedError,
  JobsConfigError,
  JobRuntimeError,
  type JobRuntimeErrorCode,
  type PartitionEpoch,
} from './errors.js';
export { compareResultIds, latestById, resultIdJson } from './results/result-id.js';
export { assertResults } from './results/validate-results.js';
export type {
  Checkpoint,
  CheckpointCommit,
  CheckpointStore,
  Claim,
  CommitReceipt,
  PartitionCommit,
  SourcePartition,
} from './checkpoints/checkpoint-store.js';
export { MemoryCheckpointStore } from './checkpoints/memory-checkpoint-store.js';
export { PostgresCheckpointStore } from './checkpoints/postgres-checkpoint-store.js';
export { inTransaction, storeError, type PgPool, type PgQueryable } from './postgres/pg-transaction.js';
export { readJobResults } from './postgres/result-rows.js';
export { allSinks, type ResultSink } from './sinks/result-sink.js';
export { PostgresResultSink } from './sinks/postgres-result-sink.js';
export { JsonLinesFileSink } from './sinks/json-lines-file-sink.js';
export { formatResultLine, parseResultLine, readResultLines } from './sinks/json-lines.js';
export { KafkaResultSink } from './sinks/kafka-result-sink.js';
export {
  compactedTopic,
  RESULT_OP_HEADER,
  RETRACTION_VALUE,
  toKafkaMessage,
  toTopicMessages,
} from './sinks/kafka-messages.js';
export { relayOutbox, type RelayOptions } from './sinks/outbox-relay.js';
export { loadJobsConfig, type JobsConfig } from './config/jobs-config.js';
export { kafkaFields, loadKafkaConfig, type KafkaConfig } from './config/kafka-config.js';
export { parseEnv } from './config/parse-env.js';
export {
  createJobsLogger,
  LOG_LEVELS,
  silentLogger,
  type JobsLogger,
  type LogLevel,
} from './observability/logger.js';
export { kafkaLogCreator, kafkaLogLevel } from './observability/kafkajs-logs.js';
export {
  JobMetrics,
  type JobMetricsOptions,
  type ObservedStage,
  type StageLabels,
} from './observability/job-metrics.js';
export {
  startMetricsServer,
  type MetricsServer,
  type MetricsServerOptions,
} from './observability/metrics-server.js';
export {
  cdcTopic,
  type ChangeSource,
  type ChangeSourceHandler,
  type SourceBatch,
} from './source/change-source.js';
export {
  KafkaChangeSource,
  type KafkaChangeSourceOptions,
  type PartitionLag,
} from './source/kafka-change-source.js';
export { SourceWatermarks, type SourceWatermarkOptions } from './run/source-watermarks.js';
export {
  kafkaDeadLetterQueue,
  refused,
  tooLate,
  undecodable,
  type DeadLetter,
  type DeadLetterQueue,
} from './run/dead-letters.js';
export {
  JOB_STATE_PARTITION,
  JobRunner,
  type JobRunnerMetrics,
  type JobRunnerOptions,
} from './run/job-runner.js';
export { startKafkaJob, type KafkaJobOptions, type RunningKafkaJob } from './run/kafka-job.js';
export type { KeyedStageCore, MergeStageCore } from './stream-job.js';
export type { Task, TaskOutput } from './run/task.js';
export {
  TaskRunner,
  type PartitionWatermark,
  type TaskRunnerMetrics,
  type TaskRunnerOptions,
} from './run/task-runner.js';
export { flushStages, startStageTicker, tickStages, type TickedStage } from './run/stage-ticker.js';
export { CdcTask, upstreamName, type CdcTaskOptions } from './run/cdc-task.js';
export { MergeTask, type MergeTaskOptions } from './run/merge-task.js';
export { TableTopicTask, tableTopicChange, type TableTopicChange } from './run/table-topic-task.js';
export { ensureTopic } from './run/ensure-topic.js';
export { EarlyTrigger, type EarlyTriggerOptions, type TaskEarlyResults } from './run/early-trigger.js';
export {
  keyedTopic,
  repartitionTopic,
  startTwoPhaseKafkaJob,
  type RunningTwoPhaseJob,
  type StageInputs,
  type TwoPhaseJob,
  type TwoPhaseKafkaJobOptions,
} from './run/two-phase-kafka-job.js';
export {
  readRepartitionRecord,
  repartitionMessage,
  type RepartitionRecord,
  type UpstreamTag,
} from './repartition/repartition-message.js';
export { UpstreamSequences } from './repartition/upstream-sequences.js';
export { partitionOf } from './repartition/partition-of.js';
export { UpstreamOutput } from './run/upstream-output.js';
