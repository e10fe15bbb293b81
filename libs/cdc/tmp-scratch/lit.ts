import { schemalessMessage } from '../test/fixtures.js';
import { recoverLiteral } from '../dist/internal/json-context.js';
const msgs = Array.from({ length: 1000 }, (_, i) => schemalessMessage(i));
const objs = msgs.map((m) => JSON.parse(m));
const ctx: any = { text: '', exact: false };
for (let k = 0; k < 5; k++) {
  let t = process.hrtime.bigint();
  let x = 0;
  for (let r = 0; r < 100; r++) for (let i = 0; i < 1000; i++) { ctx.text = msgs[i]; x += recoverLiteral(ctx, 'ts_ns', objs[i].ts_ns).length; }
  console.log('recover', (Number(process.hrtime.bigint() - t) / 1e5).toFixed(0), 'ns/op');
  t = process.hrtime.bigint();
  for (let r = 0; r < 100; r++) for (let i = 0; i < 1000; i++) { x += msgs[i].indexOf('"ts_ns"', 0); }
  console.log('indexOf', (Number(process.hrtime.bigint() - t) / 1e5).toFixed(0), 'ns/op');
  t = process.hrtime.bigint();
  for (let r = 0; r < 100; r++) for (let i = 0; i < 1000; i++) { x += Number(BigInt('1733906311190123000') > 0n); }
  console.log('bigint', (Number(process.hrtime.bigint() - t) / 1e5).toFixed(0), 'ns/op');
}
