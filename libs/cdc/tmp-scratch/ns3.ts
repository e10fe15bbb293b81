const lits = Array.from({ length: 1000 }, (_, i) => String(1733906311190123000n + BigInt(i) * 1000n));
const bigs = lits.map(BigInt);
const text = '{"a":1,"ts_ns":1733906311190123000,"b":"xx"}';
const cases: Record<string, () => number> = {
  BigIntParse: () => { let x = 0; for (const l of lits) x += BigInt(l) > 0n ? 1 : 0; return x; },
  NumberOfBig: () => { let x = 0; for (const b of bigs) x += Number(b); return x; },
  NumberOfStr: () => { let x = 0; for (const l of lits) x += Number(l); return x; },
  parseFloatStr: () => { let x = 0; for (const l of lits) x += parseFloat(l); return x; },
  slice: () => { let x = 0; for (let i = 0; i < 1000; i++) x += text.slice(15, 34).length; return x; },
  startsWith: () => { let x = 0; for (let i = 0; i < 1000; i++) x += text.startsWith('ts', 7) ? 1 : 0; return x; },
};
const best: Record<string, number> = {};
for (let k = 0; k < 300; k++) for (const [n, f] of Object.entries(cases)) { const t = process.hrtime.bigint(); f(); const ns = Number(process.hrtime.bigint() - t) / 1000; best[n] = Math.min(best[n] ?? 1e9, ns); }
console.log(best);
