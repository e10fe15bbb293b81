/**
 * A long, seeded stream of order changes for the runtime's crash and scale-out specs: `orders` orders over
 * `partitions` partitions (by id), 100 ms of event time apart, up to 3 s out of order, from 5 000 customers; 8 %
 * later change their total and 4 % are cancelled, each change a few hundred records after its order (well inside a
 * 10-minute correction horizon, so none is too late); then one flush order per partition, an hour after the last.
 */
// The workspace's seeded generator for test data (libs/cdc/test, not published): reused, not copied.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { rng } from '../../../../libs/cdc/test/fixtures.js';
import { orderMessage } from './order-messages.js';
import { orders, type OrderVersion } from './order-records.js';
import type { ScriptedChange } from './revenue-script.js';

const T0 = Date.UTC(2026, 1, 1);

/**
 * The stream; its length is about 1.12 × `count` + `partitions` records.
 *
 * @example
 * const changes = orderStream({ seed: 7, orders: 1_000, partitions: 3 });
 * changes.length > 1_000; // true
 */
export function orderStream(options: { seed: number; orders: number; partitions: number }): ScriptedChange[] {
  const rnd = rng(options.seed);
  const { partitions } = options;
  const out: ScriptedChange[] = [];
  const due = new Map<number, ScriptedChange[]>();
  const cents = () => {
    const n = 500 + Math.floor(rnd() * 50_000);
    return `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;
  };
  const change = (op: 'c' | 'u', before: OrderVersion | null, after: OrderVersion): ScriptedChange => ({
    partition: after.id % partitions,
    message: orderMessage(op, before, after),
    record:
      before === null
        ? orders.create(after)
        : after.status === 'cancelled'
          ? orders.cancel(before)
          : orders.update(before, after),
  });
  let last = T0;
  for (let i = 0; i < options.orders; i++) {
    const v: OrderVersion = {
      id: i + 1,
      customer: 1 + Math.floor(rnd() * 5_000),
      at: T0 + i * 100 - Math.floor(rnd() * 3_000),
      total: cents(),
    };
    last = Math.max(last, v.at);
    out.push(change('c', null, v));
    const p = rnd();
    const later =
      p < 0.04
        ? change('u', v, { ...v, status: 'cancelled' })
        : p < 0.12
          ? change('u', v, { ...v, total: cents() })
          : null;
    if (later !== null) {
      const slot = i + 100 + Math.floor(rnd() * 400);
      due.set(slot, [...(due.get(slot) ?? []), later]);
    }
    out.push(...(due.get(i) ?? []));
    due.delete(i);
  }
  for (const rest of due.values()) out.push(...rest);
  for (let p = 0; p < partitions; p++) {
    const v: OrderVersion = { id: options.orders + 1 + p, customer: 1, at: last + 3_600_000, total: '1.00' };
    out.push({ partition: p, message: orderMessage('c', null, v), record: orders.create(v) });
  }
  return out;
}
