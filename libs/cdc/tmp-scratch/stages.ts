import { schemalessMessage } from '../test/fixtures.js';
import { createDecoder } from '../dist/index.js';
const N = 20000;
const rs = Array.from({ length: N }, (_, i) => ({ topic: 'ecommerce-cdc.public.orders', key: Buffer.from(`{"id":${100000 + i}}`), value: Buffer.from(schemalessMessage(i)) }));
const rsNoNs = Array.from({ length: N }, (_, i) => ({ topic: 'ecommerce-cdc.public.orders', key: null, value: Buffer.from(schemalessMessage(i).replace(/"ts_ns":\d+,/g, '')) }));
const d = createDecoder();
const dk = createDecoder({ decodeKeys: false });
const td = new TextDecoder();
const cases: Record<string, () => void> = {
  parseValue: () => { for (const r of rs) JSON.parse(td.decode(r.value)); },
  parseBoth: () => { for (const r of rs) { JSON.parse(td.decode(r.value)); JSON.parse(td.decode(r.key)); } },
  decodeNoKey: () => { for (const r of rs) dk.decodeSync(r); },
  decodeNoKeyNoNs: () => { for (const r of rsNoNs) dk.decodeSync(r); },
  parseNoNs: () => { for (const r of rsNoNs) JSON.parse(td.decode(r.value)); },
  decode: () => { for (const r of rs) d.decodeSync(r); },
};
const best: Record<string, number> = {};
for (let k = 0; k < 25; k++) for (const [n, f] of Object.entries(cases)) { const t = process.hrtime.bigint(); f(); const ms = Number(process.hrtime.bigint() - t) / 1e6; best[n] = Math.min(best[n] ?? 1e9, ms); }
for (const [n, ms] of Object.entries(best)) console.log(n.padEnd(18), (ms * 1e6 / N).toFixed(0), 'ns/event');
