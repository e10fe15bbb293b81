/**
 * Property: decoding never throws, never hangs and always returns a typed result. Duration from CDC_FUZZ_SECONDS
 * (default 5 s locally, 30 s when CI=true); seed from CDC_FUZZ_SEED (default fixed, printed on failure).
 */
import fc from 'fast-check';
import {
  avroMessage,
  orderEnvelopeAvro,
  orderKeyAvro,
  schemalessMessage,
  withSchemaMessage,
} from '../test/fixtures.js';
import { toCanonicalJson } from './canonical-json.js';
import { createDecoder } from './decoder.js';
import { DECODE_ERROR_CODES, DecodeError } from './errors.js';
import { InMemorySchemaRegistry } from './schema-registry.js';
import type { DecodeResult, KafkaRecordLike } from './types.js';

const seconds = Number(process.env['CDC_FUZZ_SECONDS'] ?? (process.env['CI'] === 'true' ? 30 : 5));
const seed = Number(process.env['CDC_FUZZ_SEED'] ?? 20_251_125);
const kinds = new Set(['change', 'tombstone', 'heartbeat', 'transaction']);

const valid: Uint8Array[] = [
  Buffer.from(schemalessMessage(1)),
  Buffer.from(withSchemaMessage(2)),
  avroMessage(3),
];
const decoder = createDecoder({
  registry: new InMemorySchemaRegistry({ 11: orderEnvelopeAvro as never, 12: orderKeyAvro as never }),
  maxBytes: 1 << 20,
});

const mutation = fc
  .tuple(
    fc.nat(valid.length - 1),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        fc.constantFrom('flip', 'cut', 'insert', 'delete'),
      ),
      { minLength: 1, maxLength: 8 },
    ),
  )
  .map(([which, edits]) => {
    let bytes = Buffer.from(valid[which]);
    for (const [pos, byte, kind] of edits) {
      const p = bytes.length ? pos % bytes.length : 0;
      if (kind === 'flip') bytes[p] = byte;
      else if (kind === 'cut') bytes = bytes.subarray(0, p);
      else if (kind === 'insert')
        bytes = Buffer.concat([bytes.subarray(0, p), Buffer.from([byte]), bytes.subarray(p)]);
      else bytes = Buffer.concat([bytes.subarray(0, p), bytes.subarray(p + 1)]);
    }
    return bytes as Uint8Array;
  });

const envelopeLike = fc
  .record(
    {
      op: fc.oneof(fc.constantFrom('c', 'u', 'd', 'r', 't', 'm'), fc.string(), fc.jsonValue()),
      before: fc.oneof(fc.constant(null), fc.dictionary(fc.string(), fc.jsonValue())),
      after: fc.oneof(fc.constant(null), fc.dictionary(fc.string(), fc.jsonValue())),
      source: fc.oneof(
        fc.dictionary(
          fc.constantFrom('table', 'schema', 'lsn', 'txId', 'ts_ns', 'snapshot', 'sequence'),
          fc.jsonValue(),
        ),
        fc.jsonValue(),
      ),
      ts_ns: fc.oneof(fc.bigInt(), fc.jsonValue()),
    },
    { requiredKeys: [] },
  )
  .map((o) => JSON.stringify(o, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)));

const avroFrame = fc
  .tuple(fc.constantFrom(11, 12, 13), fc.uint8Array({ maxLength: 400 }))
  .map(([id, body]) => {
    const out = new Uint8Array(body.length + 5);
    out.set([0, 0, 0, 0, id]);
    out.set(body, 5);
    return out;
  });

const value = fc.oneof(
  mutation,
  envelopeLike,
  avroFrame,
  fc.uint8Array({ maxLength: 300 }),
  fc.jsonValue().map((j) => JSON.stringify(j)),
  fc.string(),
  fc.constant(null),
);
const record = fc.record({
  topic: fc.constantFrom('ecommerce-cdc.public.orders', '__debezium-heartbeat.x', 'x'),
  key: fc.oneof(fc.constant(null), value),
  value,
});

function check(r: DecodeResult): void {
  if (r.ok) {
    if (!kinds.has(r.value.kind)) throw new Error(`unknown kind ${r.value.kind}`);
  } else {
    const e = r.error;
    if (!(e instanceof DecodeError)) throw new Error(`untyped error ${String(e)}`);
    if (!DECODE_ERROR_CODES.includes(e.code)) throw new Error(`untyped error code ${e.code}`);
    if (e.code === 'INTERNAL_ERROR') throw new Error(`internal error: ${e.message}`);
  }
  toCanonicalJson(r);
}

test(
  `decode never throws, hangs or returns untyped results (${seconds}s, seed ${seed})`,
  async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(record, async (rec) => {
        runs++;
        const r = rec as KafkaRecordLike;
        check(decoder.decodeSync(r));
        check(await decoder.decode(r));
      }),
      {
        seed,
        numRuns: Number.MAX_SAFE_INTEGER,
        interruptAfterTimeLimit: seconds * 1000,
        markInterruptAsFailure: false,
      },
    );
    expect(runs).toBeGreaterThan(100);
  },
  (seconds + 60) * 1000,
);
