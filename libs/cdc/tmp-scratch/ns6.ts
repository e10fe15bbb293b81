import { schemalessMessage } from '../test/fixtures.js';
const s = new TextDecoder().decode(Buffer.from(schemalessMessage(3)));
const i = s.indexOf('"ts_ns":') + 8; const j = i + 19;
const flat = s.slice(i, j).split('').join('');
const cases: Record<string, () => unknown> = {
  bigSliced: () => { let x = 0n; for (let k = 0; k < 1000; k++) x += BigInt(s.slice(i, j)); return x; },
  bigFlat: () => { let x = 0n; for (let k = 0; k < 1000; k++) x += BigInt(flat); return x; },
  bigSubstr: () => { let x = 0n; for (let k = 0; k < 1000; k++) x += BigInt(s.substring(i, j)); return x; },
  manual: () => { let x = 0n; for (let k = 0; k < 1000; k++) { let hi = 0, lo = 0; for (let p = i; p < j - 9; p++) hi = hi * 10 + (s.charCodeAt(p) - 48); for (let p = j - 9; p < j; p++) lo = lo * 10 + (s.charCodeAt(p) - 48); x += BigInt(hi) * 1000000000n + BigInt(lo); } return x; },
};
const best: Record<string, number> = {};
for (let k = 0; k < 300; k++) for (const [n, f] of Object.entries(cases)) { const t = process.hrtime.bigint(); f(); const ns = Number(process.hrtime.bigint() - t) / 1000; best[n] = Math.min(best[n] ?? 1e9, ns); }
console.log(best);
