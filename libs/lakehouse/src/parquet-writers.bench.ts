/**
 * Parquet writer candidates on the same seeded order rows (issue 14 §1/§5, `npm run bench -- parquet-writers`):
 * `toLakeBatch` (the shared conversion: exact decimals, µs timestamps) and then each writer behind the
 * {@link ParquetFileWriter} port on that one batch, SNAPPY, default row groups. Ratios are to @dsnp/parquetjs,
 * the writer the design card named. Each case reports the file size. `BENCH_ROWS` (default 1 M), `BENCH_SEED`
 * (default 42). Results in bench/results/parquet-writers.json.
 */
import { runSuite } from '../../../tools/bench/harness.js';
import { orderRows } from '../test/order-rows.js';
import { toLakeBatch } from './lake-batch.js';
import type { ParquetCodec, ParquetFileWriter } from './parquet-writer.js';
import { hyparquetFileWriter } from './writers/hyparquet-writer.js';
import { parquetWasmFileWriter } from './writers/parquet-wasm-writer.js';
import { parquetjsFileWriter } from './writers/parquetjs-writer.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const SEED = Number(process.env.BENCH_SEED ?? 42);

const rows = orderRows(ROWS, SEED);
const batch = toLakeBatch('orders', rows);

function writerCase(writer: ParquetFileWriter, codec: ParquetCodec = 'SNAPPY') {
  return {
    name: codec === 'SNAPPY' ? writer.name : `${writer.name} ${codec.toLowerCase()}`,
    ops: ROWS,
    baseline: writer === parquetjsFileWriter && codec === 'SNAPPY' ? undefined : '@dsnp/parquetjs',
    run: async () => ({ bytes: (await writer.write(batch, { codec })).byteLength }),
  };
}

await runSuite(
  'parquet-writers',
  [
    { name: 'toLakeBatch (orders)', ops: ROWS, run: () => void toLakeBatch('orders', rows) },
    writerCase(parquetjsFileWriter),
    writerCase(hyparquetFileWriter),
    writerCase(parquetWasmFileWriter),
    writerCase(parquetWasmFileWriter, 'ZSTD'),
  ],
  { warmup: Number(process.env.BENCH_WARMUP ?? 1) },
);
