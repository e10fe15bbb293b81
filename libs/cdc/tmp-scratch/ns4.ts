import { schemalessMessage } from '../test/fixtures.js';
import { createJsonContext, exactNumber } from '../dist/internal/json-context.js';
import { placeholderForms } from '../dist/unavailable.js';
const m = new TextDecoder().decode(Buffer.from(schemalessMessage(3))); const o = JSON.parse(m);
const ctx = createJsonContext(placeholderForms(), 64); ctx.text = m;
let t = process.hrtime.bigint();
for (let i = 0; i < 2000000; i++) { ctx.foundIn = ''; exactNumber(ctx, 'ts_ns', o.ts_ns); }
console.log(Number(process.hrtime.bigint() - t) / 2e6, 'ns per scan+recover');
