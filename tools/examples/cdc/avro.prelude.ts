/**
 * Placeholders of the examples in libs/cdc/src/avro: the Avro reader's context and a compiled reader. They take
 * precedence over cdc.prelude.ts there.
 */
import type { AvroContext, AvroReader } from '../../../libs/cdc/src/avro/compile-avro-reader.js';

/** The decoding context of an Avro value. */
export declare const ctx: AvroContext;
/** A reader compiled from a writer schema. */
export declare const reader: AvroReader;
