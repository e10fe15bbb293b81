import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { registryService } from '../services/registry.js';
import { check, type SmokeCheck } from './smoke-check.js';

/**
 * @kafkajs/confluent-schema-registry against Apicurio's ccompat API: register an Avro schema, encode, decode.
 *
 * @example
 * ```ts
 * await registrySmoke.run(cfg, 'r1');
 * ```
 */
export const registrySmoke: SmokeCheck = {
  name: 'registry',
  async run(cfg, runId) {
    const registry = new SchemaRegistry({ host: registryService.endpoint(cfg) });
    const schema = {
      type: 'record',
      name: 'SmokeOrder',
      namespace: 'ecom.smoke',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'amount', type: 'string' },
      ],
    };
    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
      { subject: `smoke-${runId}-value` },
    );
    const payload = { id: 42, amount: '19.99' };
    const encoded = await registry.encode(id, payload);
    check(encoded[0] === 0 && encoded.readInt32BE(1) === id, 'not Confluent wire format');
    const decoded = (await registry.decode(encoded)) as typeof payload;
    check(decoded.id === 42 && decoded.amount === '19.99', `decoded ${JSON.stringify(decoded)}`);
    return `Avro schema id ${id} registered, encoded ${encoded.length} B, decoded`;
  },
};
