import { schemalessMessage } from '../test/fixtures.js';
import { createDecoder } from '../dist/index.js';
const N = 20000;
const rs = Array.from({ length: N }, (_, i) => ({ topic: 'ecommerce-cdc.public.orders', key: Buffer.from(`{"id":${100000 + i}}`), value: Buffer.from(schemalessMessage(i)) }));
const d = createDecoder();
const td = new TextDecoder();
for (let k = 0; k < 8; k++) {
  let t = process.hrtime.bigint();
  for (const r of rs) d.decodeSync(r);
  const a = Number(process.hrtime.bigint() - t) / 1e6;
  t = process.hrtime.bigint();
  for (const r of rs) { JSON.parse(td.decode(r.value)); JSON.parse(td.decode(r.key)); }
  const b = Number(process.hrtime.bigint() - t) / 1e6;
  console.log(a.toFixed(1), b.toFixed(1), (b / a).toFixed(2));
}
