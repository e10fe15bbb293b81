/**
 * The in-process output: builds the decoder's events straight from the payloads the envelope builder would
 * serialize. No JSON text is written or parsed: the payload objects go through the decoder's own envelope assembly
 * (`assembleValue`) and compiled Connect schemas, after {@link parsedJson} gave each value the shape `JSON.parse`
 * would. So every event equals `decoder.decode(record)` of the record the source would have written.
 */
import { compileConnectSchema, type ConnectSchema, type JsonFieldDecoder } from '../../connect-schema.js';
import { assembleValue, tableFromTopic, type EnvelopeHooks, type EnvelopeMeta } from '../../envelope.js';
import { CdcError } from '../../errors.js';
import { createJsonContext, type JsonContext } from '../../internal/json-context.js';
import type { ChangeEvent, Row, Tombstone, TransactionMarker } from '../../types.js';
import { placeholderForms } from '../../unavailable.js';
import {
  changeKey,
  changePayload,
  MESSAGE_KEY_SCHEMA,
  messagePayload,
  transactionMarkerPayload,
  type EnvelopeSettings,
  type RowChange,
  type SourcePosition,
  type TransactionCounts,
} from './envelope-builder.js';
import { PgoutputSourceError } from './errors.js';
import { parsedJson, type JsonOut } from './json-text.js';

/** Compiled decoders per schema object (table models keep theirs for the life of the relation). */
const compiled = new WeakMap<ConnectSchema, JsonFieldDecoder>();

function decoderOf(schema: ConnectSchema): JsonFieldDecoder {
  let dec = compiled.get(schema);
  if (dec === undefined) {
    dec = compileConnectSchema(schema);
    compiled.set(schema, dec);
  }
  return dec;
}

/**
 * Builds {@link ChangeEvent}s, tombstones and transaction markers. One per source run (it holds the decoding
 * context); not re-entrant.
 *
 * @example
 * const events = new EventBuilder(settings, '__debezium_unavailable_value');
 * events.change({ model, op: 'c', before: null, after: { id: 1 }, at, transaction: null }).after // { id: 1 }
 */
export class EventBuilder {
  private readonly ctx: JsonContext;
  /** The row decoder of the change being built (set before each `assembleValue`). */
  private rowDecoder: JsonFieldDecoder = () => null;
  private readonly meta: EnvelopeMeta = {
    topic: '',
    partition: undefined,
    offset: undefined,
    headers: undefined,
    key: null,
    format: 'json-schema',
    unwrapped: false,
    heartbeatTopicPrefix: '__debezium-heartbeat',
    fieldPrefix: '__',
  };
  private readonly hooks: EnvelopeHooks = {
    row: (v, field) => this.rowDecoder(parsedJson(v as JsonOut), field, this.ctx) as Row | null,
    exact: (v) => v,
    unavailable: () => this.ctx.unavailable,
  };

  constructor(
    private readonly settings: EnvelopeSettings,
    placeholder: string,
  ) {
    // The values are exact already (bigints beyond 2^53 stay bigints), so nothing is looked up in a text.
    this.ctx = createJsonContext(placeholderForms(placeholder), 64, true);
  }

  private struct(schema: ConnectSchema, value: Record<string, JsonOut>): Row {
    return decoderOf(schema)(parsedJson(value), 'key', this.ctx) as Row;
  }

  private assemble<T>(what: string, topic: string, key: Row | null, payload: JsonOut): T {
    const meta = this.meta;
    meta.topic = topic;
    meta.key = key;
    this.ctx.unavailable = 0;
    try {
      return assembleValue(payload, meta, this.hooks) as T;
    } catch (e) {
      throw this.failed(what, e);
    }
  }

  private failed(what: string, e: unknown): unknown {
    if (!(e instanceof CdcError)) return e;
    const path = e.path.length > 0 ? ` at ${e.path.join('.')}` : '';
    return new PgoutputSourceError('UNSUPPORTED_VALUE', `${what}: ${e.code}${path}: ${e.message}`, {
      cause: e,
    });
  }

  /** A row change (`c`/`u`/`d`/`r`) or truncate (`t`), as {@link changePayload} describes it. */
  change(change: RowChange): ChangeEvent {
    const { model } = change;
    const what = `${model.schema}.${model.table}`;
    const k = changeKey(change);
    let key: Row | null = null;
    try {
      if (k) key = this.struct(k.schema, k.row);
    } catch (e) {
      throw this.failed(what, e);
    }
    this.rowDecoder = decoderOf(model.valueSchema);
    const payload = changePayload(this.settings, change);
    return this.assemble(what, model.topic, key, payload);
  }

  /** The tombstone that follows a delete, or `null` when the delete has no key (a table without a primary key). */
  tombstone(deleted: ChangeEvent): Tombstone | null {
    if (deleted.key === null) return null;
    const { schema, table } = tableFromTopic(deleted.topic);
    return {
      kind: 'tombstone',
      key: { ...deleted.key },
      schema,
      table,
      topic: deleted.topic,
      partition: undefined,
      offset: undefined,
      headers: undefined,
    };
  }

  /** A logical decoding message (op `m`) on `<prefix>.message`. */
  message(prefix: string, content: Buffer, at: SourcePosition): ChangeEvent {
    const key = this.struct(MESSAGE_KEY_SCHEMA, { prefix });
    const topic = `${this.settings.topicPrefix}.message`;
    return this.assemble(topic, topic, key, messagePayload(this.settings, prefix, content, at));
  }

  /** A BEGIN or END marker on `<prefix>.transaction`. */
  marker(
    status: 'BEGIN' | 'END',
    id: string,
    tsMs: bigint,
    counts: TransactionCounts | null,
  ): TransactionMarker {
    const topic = `${this.settings.topicPrefix}.transaction`;
    return this.assemble(topic, topic, null, transactionMarkerPayload(status, id, tsMs, counts));
  }
}
