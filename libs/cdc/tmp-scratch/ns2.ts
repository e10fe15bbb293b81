import { schemalessMessage } from '../test/fixtures.js';
import { createJsonContext, exactNumber } from '../dist/internal/json-context.js';
import { placeholderForms } from '../dist/unavailable.js';
const m = schemalessMessage(3); const o = JSON.parse(m);
const ctx = createJsonContext(placeholderForms(), 64); ctx.text = m;
console.log(exactNumber(ctx, 'ts_ns', o.ts_ns), exactNumber(ctx, 'ts_ns', o.source.ts_ns), ctx.found);
let t = process.hrtime.bigint();
for (let i = 0; i < 100000; i++) { ctx.foundIn = ''; exactNumber(ctx, 'ts_ns', o.ts_ns); }
console.log(Number(process.hrtime.bigint() - t) / 1e5, 'ns per scan+recover');
t = process.hrtime.bigint();
for (let i = 0; i < 100000; i++) { exactNumber(ctx, 'ts_ns', o.ts_ns); }
console.log(Number(process.hrtime.bigint() - t) / 1e5, 'ns per cached recover');
