import { schemalessMessage } from '../test/fixtures.js';
const s0 = schemalessMessage(3);
const b = Buffer.from(s0);
const variants: Record<string, string> = { replaceOut: s0, textDecoder: new TextDecoder().decode(b), textDecoderFatal: new TextDecoder('utf-8', { fatal: true }).decode(b), bufToString: b.toString('utf8'), latin1: b.toString('latin1') };
for (const [n, s] of Object.entries(variants)) {
  let best = 1e9;
  for (let k = 0; k < 50; k++) { const t = process.hrtime.bigint(); let x = 0; for (let i = 0; i < 10000; i++) { let f = 0; while ((f = s.indexOf('_ns"', f) + 1) > 0) x++; } best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e4); }
  console.log(n.padEnd(18), best.toFixed(0), 'ns');
}
