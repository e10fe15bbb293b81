import { schemalessMessage } from '../test/fixtures.js';
import { createJsonContext, exactNumber } from '../dist/internal/json-context.js';
import { numberFromLiteral } from '../dist/lossless-json.js';
import { placeholderForms } from '../dist/unavailable.js';
const msgs = Array.from({ length: 1000 }, (_, i) => schemalessMessage(i));
const objs = msgs.map((m) => JSON.parse(m));
const ctx = createJsonContext(placeholderForms(), 64);
const lits = msgs.map((m) => /"ts_ns":(\d+)/.exec(m)![1]);
const cases: Record<string, () => number> = {
  exact2: () => { let x = 0; for (let i = 0; i < 1000; i++) { ctx.text = msgs[i]; x += Number(exactNumber(ctx, 'ts_ns', objs[i].ts_ns) > 0n); x += Number(exactNumber(ctx, 'ts_ns', objs[i].source.ts_ns) > 0n); } return x; },
  fromLiteral: () => { let x = 0; for (let i = 0; i < 1000; i++) x += Number(numberFromLiteral(lits[i]) > 0n); return x; },
  bigint: () => { let x = 0; for (let i = 0; i < 1000; i++) x += Number(BigInt(lits[i]) > 0n); return x; },
};
const best: Record<string, number> = {};
for (let k = 0; k < 200; k++) for (const [n, f] of Object.entries(cases)) { const t = process.hrtime.bigint(); f(); const ns = Number(process.hrtime.bigint() - t) / 1000; best[n] = Math.min(best[n] ?? 1e9, ns); }
console.log(best);
const flat = bufsText();
function bufsText() { const td = new TextDecoder(); return msgs.map((m) => td.decode(Buffer.from(m))); }
const c2: Record<string, () => number> = {
  idx: () => { let x = 0; for (let i = 0; i < 1000; i++) { const t = flat[i]; let f = 0; while ((f = t.indexOf('_ns"', f) + 1) > 0) x++; } return x; },
  exactFlat: () => { let x = 0; for (let i = 0; i < 1000; i++) { ctx.text = flat[i]; x += Number(exactNumber(ctx, 'ts_ns', objs[i].ts_ns) > 0n); x += Number(exactNumber(ctx, 'ts_ns', objs[i].source.ts_ns) > 0n); } return x; },
};
const b2: Record<string, number> = {};
for (let k = 0; k < 200; k++) for (const [n, f] of Object.entries(c2)) { const t = process.hrtime.bigint(); f(); const ns = Number(process.hrtime.bigint() - t) / 1000; b2[n] = Math.min(b2[n] ?? 1e9, ns); }
console.log(b2);
