import { schemalessMessage } from '../test/fixtures.js';
const bufs = Array.from({ length: 1000 }, (_, i) => Buffer.from(schemalessMessage(i)));
const keys = Array.from({ length: 1000 }, (_, i) => Buffer.from(`{"id":${100000 + i}}`));
const fatal = new TextDecoder('utf-8', { fatal: true });
const lax = new TextDecoder();
const cases: Record<string, () => number> = {
  fatal: () => { let x = 0; for (const b of bufs) x += fatal.decode(b).length; return x; },
  lax: () => { let x = 0; for (const b of bufs) x += lax.decode(b).length; return x; },
  toString: () => { let x = 0; for (const b of bufs) x += b.toString().length; return x; },
  keyFatal: () => { let x = 0; for (const b of keys) x += fatal.decode(b).length; return x; },
  keyToString: () => { let x = 0; for (const b of keys) x += b.toString().length; return x; },
  keyParse: () => { let x = 0; for (const b of keys) x += JSON.parse(b.toString()).id; return x; },
};
const best: Record<string, number> = {};
for (let k = 0; k < 200; k++) for (const [n, f] of Object.entries(cases)) { const t = process.hrtime.bigint(); f(); const ns = Number(process.hrtime.bigint() - t) / 1000; best[n] = Math.min(best[n] ?? 1e9, ns); }
console.log(best);
