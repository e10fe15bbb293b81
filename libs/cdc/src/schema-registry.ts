/**
 * The schema-registry PORT used for Avro in the Confluent wire format, plus the wire-format framing helpers and an
 * in-memory registry. The HTTP adapter (Confluent / Apicurio) lives outside the pure core.
 */
import type { AvroSchema } from './avro/compile-avro-reader.js';

export type { AvroSchema } from './avro/compile-avro-reader.js';

/**
 * Looks up writer schemas by id. Return the schema (object, or its JSON text as the registry serves it), or
 * `undefined`/`null` when the id is unknown; throw when the registry cannot be reached (the decoder reports
 * `SCHEMA_REGISTRY_UNAVAILABLE`, retriable). A synchronous answer lets `decodeSync` fetch on first use.
 *
 * @example
 * const url = 'http://127.0.0.1:18081/apis/ccompat/v7';
 * const registry: SchemaRegistry = {
 *   getSchema: async (id) => ((await (await fetch(`${url}/schemas/ids/${id}`)).json()) as { schema: string }).schema,
 * };
 */
export interface SchemaRegistry {
  getSchema(id: number): AvroSchema | undefined | null | Promise<AvroSchema | undefined | null>;
}

/**
 * A {@link SchemaRegistry} backed by a map (tests, fixtures, embedded pipelines).
 *
 * @example
 * const registry = new InMemorySchemaRegistry({ 1: { type: 'record', name: 'K', fields: [{ name: 'id', type: 'long' }] } });
 */
export class InMemorySchemaRegistry implements SchemaRegistry {
  private readonly schemas = new Map<number, AvroSchema>();

  constructor(entries: Record<number, AvroSchema> | Iterable<readonly [number, AvroSchema]> = {}) {
    const list =
      Symbol.iterator in entries
        ? [...(entries as Iterable<readonly [number, AvroSchema]>)]
        : Object.entries(entries).map(([k, v]) => [Number(k), v] as const);
    for (const [id, schema] of list) this.schemas.set(id, schema);
  }

  /** Adds or replaces a schema. */
  register(id: number, schema: AvroSchema): this {
    this.schemas.set(id, schema);
    return this;
  }

  getSchema(id: number): AvroSchema | undefined {
    return this.schemas.get(id);
  }
}

/**
 * Magic byte of the Confluent wire format.
 *
 * @example
 * bytes[0] === CONFLUENT_MAGIC_BYTE // Avro in the Confluent wire format
 */
export const CONFLUENT_MAGIC_BYTE = 0;

/**
 * Reads the 5-byte Confluent frame header: magic byte 0 and a big-endian int32 schema id. Returns `undefined` when
 * the bytes are not framed (too short or another magic byte).
 *
 * @example
 * readConfluentFrame(new Uint8Array([0, 0, 0, 0, 7, 2])) // { schemaId: 7, offset: 5 }
 */
export function readConfluentFrame(bytes: Uint8Array): { schemaId: number; offset: number } | undefined {
  if (bytes.length < 5 || bytes[0] !== CONFLUENT_MAGIC_BYTE) return undefined;
  const schemaId = ((bytes[1] << 24) | (bytes[2] << 16) | (bytes[3] << 8) | bytes[4]) >>> 0;
  return { schemaId, offset: 5 };
}

/**
 * Frames an Avro body in the Confluent wire format.
 *
 * @example
 * writeConfluentFrame(7, new Uint8Array([2])) // Uint8Array [0, 0, 0, 0, 7, 2]
 */
export function writeConfluentFrame(schemaId: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length + 5);
  out[0] = CONFLUENT_MAGIC_BYTE;
  out[1] = (schemaId >>> 24) & 255;
  out[2] = (schemaId >>> 16) & 255;
  out[3] = (schemaId >>> 8) & 255;
  out[4] = schemaId & 255;
  out.set(body, 5);
  return out;
}
