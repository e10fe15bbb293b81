/**
 * Placeholders the TSDoc examples of libs/cdc use without declaring them: the decoder, what it reads and where its
 * output goes, and the decoding context of the internals. Real types, so a wrong name or call shape in an example
 * still fails `examples:check`. The built-in pgoutput source has its own in cdc/adapters/pgoutput.prelude.ts.
 */
import type {
  ChangeEvent,
  ConnectSchema,
  DeadLetterSink,
  DebeziumConnectorOptions,
  DecodeError,
  DecodedEvent,
  DecodeResult,
  Decoder,
  KafkaRecordLike,
  Row,
  TypeMap,
} from '@ecom/cdc';
import type { HttpSchemaRegistry } from '@ecom/cdc/adapters';
import type { Batch, Consumer, KafkaMessage, Producer } from 'kafkajs';
import type { ConnectorCommandDeps } from '../../libs/cdc/src/cli/connector-command.js';
import type { CliIo } from '../../libs/cdc/src/cli/run-cli.js';
import type { ConnectorStatus } from '../../libs/cdc/src/connector/connect-rest-api.js';
import type { EnvelopeHooks, EnvelopeMeta } from '../../libs/cdc/src/envelope.js';
import type { JsonContext } from '../../libs/cdc/src/internal/json-context.js';
import type { CompiledEnvelopeSchema } from '../../libs/cdc/src/json/embedded-schema-split.js';
import type { JsonDecoderSettings } from '../../libs/cdc/src/json/json-value-decoder.js';

/** A decoder, as `createDecoder()` returns it. */
export declare const decoder: Decoder;
/** A Kafka record to decode, and a stream of them (a consumer's). */
export declare const record: KafkaRecordLike;
export declare const records: AsyncIterable<KafkaRecordLike>;
/** What the decoder returned: a result, the value of an ok one, a change event, a failure. */
export declare const result: DecodeResult;
export declare const decoded: DecodedEvent;
export declare const event: ChangeEvent;
export declare const error: DecodeError;
/** A decoded row, the same row's previous state (as you kept it), and a Debezium `source` block. */
export declare const row: Row;
export declare const previous: Row | undefined;
export declare const source: Record<string, unknown>;
/** An error caught around a call. */
export declare const e: unknown;
export declare const err: unknown;
/** Where failures go. */
export declare const deadLetter: DeadLetterSink;
/** kafkajs: a connected producer and consumer, a message and a batch as the consumer hands them over. */
export declare const producer: Producer;
export declare const consumer: Consumer;
export declare const message: KafkaMessage;
export declare const batch: Batch;
/** A Connect schema and a value to decode with it (or to compare with a constant). */
export declare const schema: ConnectSchema;
export declare const value: unknown;
/** A message's text and bytes. */
export declare const text: string;
export declare const bytes: Uint8Array;
/** Connector options, a connector's status, the HTTP schema registry and a type map. */
export declare const opts: DebeziumConnectorOptions;
export declare const status: ConnectorStatus;
export declare const registry: HttpSchemaRegistry;
export declare const typeMap: TypeMap;
/** What the CLI is given. */
export declare const io: CliIo;
export declare const deps: ConnectorCommandDeps;
/** Internals: the JSON decoder's settings and context, an envelope's parts, a number read from JSON. */
export declare const settings: JsonDecoderSettings;
export declare const ctx: JsonContext;
export declare const parsed: Record<string, unknown>;
export declare const compiled: CompiledEnvelopeSchema;
export declare const payload: Record<string, unknown>;
export declare const meta: EnvelopeMeta;
export declare const hooks: EnvelopeHooks;
export declare const v: number;
export declare const depth: number;
/** Your code: apply a decoded event, handle a decoder's outcome, try again later. */
export declare function apply(event: DecodedEvent): void;
export declare function handle(outcome: DecodeResult | DecodedEvent): void;
export declare function retryLater(): void;
/** Your code: keep a table's rows (by key) in step, and follow snapshots and transactions. */
export declare function upsert(table: string, row: Row | null): void;
export declare function remove(row: Row | null): void;
export declare function compactAway(key: Row | null): void;
export declare function snapshotDone(): void;
export declare function commit(transactionId: string, eventCount: number | null): void;
/** Internals: decode the text again with the exact parser. */
export declare function reparseExactly(): void;
