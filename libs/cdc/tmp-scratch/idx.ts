import { schemalessMessage } from '../test/fixtures.js';
const msgs = Array.from({ length: 1000 }, (_, i) => schemalessMessage(i));
for (const needle of ['"ts_ns"', 'ts_ns"', '_ns"', 's_ns":', 'ns"']) {
  let x = 0;
  for (let k = 0; k < 3; k++) {
    const t = process.hrtime.bigint();
    for (let r = 0; r < 100; r++) for (let i = 0; i < 1000; i++) { let f = 0; while ((f = msgs[i].indexOf(needle, f) + 1) > 0) x++; }
    if (k === 2) console.log(needle.padEnd(10), (Number(process.hrtime.bigint() - t) / 1e5).toFixed(0), 'ns/full scan', x / 300000);
  }
}
const re = /"ts_ns":/g;
for (let k = 0; k < 3; k++) { const t = process.hrtime.bigint(); let x = 0;
  for (let r = 0; r < 100; r++) for (let i = 0; i < 1000; i++) { re.lastIndex = 0; while (re.test(msgs[i])) x++; }
  if (k === 2) console.log('regex', (Number(process.hrtime.bigint() - t) / 1e5).toFixed(0)); }
