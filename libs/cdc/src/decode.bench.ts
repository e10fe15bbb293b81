/**
 * Decode throughput (issue 5 §5): schemaless JSON, JSON with embedded schema, Avro (Confluent frame), each with a
 * ratio to a baseline on the same bytes (bare JSON.parse / bare avsc). Run with `npm run bench -- cdc`.
 */
import { runSuite } from '../../../tools/bench/harness.js';
import {
  avroKey,
  avroMessage,
  avscEnvelopeBig,
  avscKey,
  keyWithSchema,
  orderEnvelopeAvro,
  orderKeyAvro,
  schemalessMessage,
  withSchemaMessage,
} from '../test/fixtures.js';
import { createDecoder } from './decoder.js';
import { InMemorySchemaRegistry } from './schema-registry.js';
import type { KafkaRecordLike } from './types.js';

const N = Number(process.env['CDC_BENCH_EVENTS'] ?? 20_000);
const topic = 'ecommerce-cdc.public.orders';
const utf8 = new TextDecoder();

function records(
  value: (i: number) => string | Buffer,
  key: (i: number) => string | Buffer,
): KafkaRecordLike[] {
  const out: KafkaRecordLike[] = [];
  for (let i = 0; i < N; i++) {
    const v = value(i);
    const k = key(i);
    out.push({
      topic,
      partition: 0,
      offset: String(i),
      key: typeof k === 'string' ? Buffer.from(k) : k,
      value: typeof v === 'string' ? Buffer.from(v) : v,
    });
  }
  return out;
}

const schemaless = records(schemalessMessage, (i) => `{"id":${100_000 + i}}`);
const withSchema = records(withSchemaMessage, keyWithSchema);
const avro = records(avroMessage, avroKey);
const avg = (rs: KafkaRecordLike[]) =>
  Math.round(rs.reduce((a, r) => a + (r.value as Buffer).length, 0) / rs.length);

const registry = new InMemorySchemaRegistry({ 11: orderEnvelopeAvro as never, 12: orderKeyAvro as never });
const decoder = createDecoder({ registry });
const typed = createDecoder({
  typeMap: {
    'public.orders': {
      total_price: 'numeric(12,2)',
      created_at: 'timestamp(6)',
      order_date: 'date',
      token: 'uuid',
    },
  },
});

let sink = 0;

/**
 * Noise-robust ratio on a shared machine: runs a baseline pass and a decoder pass back to back inside one case
 * (alternating which goes first) and reports the median of the per-pair throughput ratios (the harness' own ratio compares medians of separate cases).
 */
function paired(baseline: () => void, decode: () => void) {
  const ratios: number[] = [];
  const time = (run: () => void) => {
    const t0 = performance.now();
    run();
    return performance.now() - t0;
  };
  return () => {
    // Alternate which side goes first, so that neither always pays the garbage collection the other left behind.
    const baselineFirst = ratios.length % 2 === 0;
    const first = time(baselineFirst ? baseline : decode);
    const second = time(baselineFirst ? decode : baseline);
    ratios.push(baselineFirst ? first / second : second / first);
    const sorted = [...ratios].sort((a, b) => a - b);
    return { 'paired ratio (median)': sorted[sorted.length >> 1].toFixed(2), pairs: ratios.length };
  };
}

function jsonBaseline(rs: KafkaRecordLike[]) {
  return () => {
    for (const r of rs) {
      const v = JSON.parse(utf8.decode(r.value as Buffer)) as object;
      const k = JSON.parse(utf8.decode(r.key as Buffer)) as object;
      if (v && k) sink++;
    }
  };
}

// Default avsc longs throw "potential precision loss" on ts_ns, so the baseline uses avsc with a bigint long type.
function avscBaseline() {
  for (const r of avro) {
    const v = avscEnvelopeBig.fromBuffer((r.value as Buffer).subarray(5)) as object;
    const k = avscKey.fromBuffer((r.key as Buffer).subarray(5)) as object;
    if (v && k) sink++;
  }
}

function decodeAll(rs: KafkaRecordLike[], d = decoder) {
  return () => {
    let errors = 0;
    for (const r of rs) if (!d.decodeSync(r).ok) errors++;
    if (errors) throw new Error(`${errors} decode errors in the benchmark input`);
  };
}

await runSuite(
  'cdc-decode',
  [
    { name: `json.parse schemaless (${avg(schemaless)} B)`, ops: N, run: jsonBaseline(schemaless) },
    {
      name: 'decode schemaless',
      ops: N,
      run: decodeAll(schemaless),
      baseline: `json.parse schemaless (${avg(schemaless)} B)`,
    },
    {
      name: 'decode schemaless + type map',
      ops: N,
      run: decodeAll(schemaless, typed),
      baseline: `json.parse schemaless (${avg(schemaless)} B)`,
    },
    { name: `json.parse with schema (${avg(withSchema)} B)`, ops: N, run: jsonBaseline(withSchema) },
    {
      name: 'decode with schema',
      ops: N,
      run: decodeAll(withSchema),
      baseline: `json.parse with schema (${avg(withSchema)} B)`,
    },
    { name: `avsc avro, bigint longs (${avg(avro)} B)`, ops: N, run: avscBaseline },
    {
      name: 'decode avro',
      ops: N,
      run: decodeAll(avro),
      baseline: `avsc avro, bigint longs (${avg(avro)} B)`,
    },
    {
      name: 'paired: schemaless vs json.parse',
      ops: 2 * N,
      run: paired(jsonBaseline(schemaless), decodeAll(schemaless)),
    },
    {
      name: 'paired: with schema vs json.parse',
      ops: 2 * N,
      run: paired(jsonBaseline(withSchema), decodeAll(withSchema)),
    },
    { name: 'paired: avro vs avsc', ops: 2 * N, run: paired(avscBaseline, decodeAll(avro)) },
  ],
  { rounds: Number(process.env['BENCH_ROUNDS'] ?? 9) },
);
if (sink < 0) console.log(sink);
