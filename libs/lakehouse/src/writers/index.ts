// @ecom/lakehouse/writers: the other Parquet writer candidates behind the same port (optional peer dependencies).
export { parquetjsFileWriter } from './parquetjs-writer.js';
export { parquetWasmFileWriter } from './parquet-wasm-writer.js';
export { toArrowTable } from './arrow-record-batch.js';
