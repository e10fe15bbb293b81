import avro from 'avsc';

/**
 * An avsc `long` that decodes to bigint, so 64-bit values such as Debezium's `ts_ns` never lose precision.
 * Pass it as `registry: { long: BIGINT_LONG }` in the Avro options of @kafkajs/confluent-schema-registry.
 *
 * @example
 * ```ts
 * import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
 * new SchemaRegistry({ host: registryService.endpoint(cfg) }, { [SchemaType.AVRO]: { registry: { long: BIGINT_LONG } } });
 * ```
 */
export const BIGINT_LONG = avro.types.LongType.__with({
  fromBuffer: (buf: Buffer) => buf.readBigInt64LE(),
  toBuffer: (n: bigint) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(BigInt(n));
    return buf;
  },
  fromJSON: (v: number | string) => BigInt(v),
  toJSON: (n: bigint) => Number(n),
  isValid: (n: unknown) => typeof n === 'bigint',
  compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
});
