// Issue 12 §4 "bad input": garbage, truncated and wrong-schema records on the input topics of both jobs (orders,
// order_items, products; every partition), between two simulated days written through the built-in CDC source.
// Each bad record ends up in the dead-letter topic, once per job that reads its topic, with its bytes, its origin
// (topic, partition, offset) and its error; the jobs keep going, and every closed window still equals SQL over the
// final tables.
import { cdcTopic } from '../runtime/source/change-source.js';
import { readTopic } from '../runtime/testing/kafka-topics.js';
import { waitFor } from '../runtime/testing/wait-for.js';
import { builtinFeed } from '../testing/cdc-feeds.js';
import { jobsE2e } from '../testing/jobs-e2e.js';

jest.setTimeout(900_000);

const day = (seed: number, until: string) => [
  'simulate',
  ...['--historical', '1', '--sessions', '150', '--seed', String(seed), '--until', until],
];

/** The jobs reading each captured table (the revenue job reads orders; top products all four). */
const READERS: Readonly<Record<string, number>> = { orders: 2, order_items: 1, products: 1, categories: 1 };

/** Bad variants of a real envelope (JSON with schema) of `table`. */
function badRecords(envelope: string): Record<string, string> {
  const parsed = JSON.parse(envelope) as { payload: { after: Record<string, unknown> } };
  const wrongType = structuredClone(parsed);
  const [firstColumn] = Object.keys(wrongType.payload.after);
  if (firstColumn !== undefined) wrongType.payload.after[firstColumn] = { not: 'a scalar' };
  return {
    garbage: '\u0000\u00ff not json at all',
    truncated: envelope.slice(0, Math.floor(envelope.length / 2)),
    'wrong schema: no envelope': JSON.stringify({ hello: 'world' }),
    'wrong schema: a column of the wrong type': JSON.stringify(wrongType),
  };
}

describe('bad input: garbage, truncated and wrong-schema records on the input topics', () => {
  const e2e = jobsE2e(builtinFeed());

  it('are dead-lettered with their error, once per job; the outputs still equal SQL', async () => {
    for (const i of [e2e.instance('revenue', 'r'), e2e.instance('top-products', 't')]) i.start();
    await e2e.simulate(day(1, '2026-10-31T00:00:00Z'));

    const producer = e2e.kafka.producer();
    await producer.connect();
    const sent: { topic: string; partition: number; kind: string; value: string }[] = [];
    try {
      for (const table of Object.keys(READERS)) {
        const topic = cdcTopic(`${e2e.run}-cdc`, table);
        await waitFor(async () => {
          const ends = await e2e.admin.fetchTopicOffsets(topic);
          return ends.some((e) => e.high !== e.low);
        }, 60_000);
        const [sample] = await readTopic(e2e.kafka, e2e.admin, topic);
        if (sample === undefined) throw new Error(`no change on ${topic} to take as a template`);
        for (const [kind, value] of Object.entries(badRecords(sample.value)))
          for (const partition of [0, 1, 2]) {
            await producer.send({ topic, messages: [{ partition, key: `bad-${kind}`, value }] });
            sent.push({ topic, partition, kind, value });
          }
      }
    } finally {
      await producer.disconnect();
    }
    await e2e.simulate(day(2, '2026-11-01T00:00:00Z'));

    await e2e.expectEqual((await e2e.lastOrderTime()) - 12 * 3_600_000);
    const letters = await e2e.deadLetters();
    for (const bad of sent) {
      const table = bad.topic.slice(bad.topic.lastIndexOf('.') + 1);
      const mine = letters.filter(
        (l) =>
          l.value === bad.value &&
          l.headers['cdc.error.topic'] === bad.topic &&
          l.headers['cdc.error.partition'] === String(bad.partition),
      );
      expect({ ...bad, letters: mine.length }).toEqual({ ...bad, letters: READERS[table] });
      for (const l of mine) {
        expect(l.headers['cdc.error.code']).toMatch(/^[A-Z_]+$/);
        expect(l.headers['cdc.error.message']?.length).toBeGreaterThan(5);
        expect(l.headers['cdc.error.offset']).toMatch(/^\d+$/);
      }
    }
    expect(letters).toHaveLength(
      sent.reduce((n, bad) => n + (READERS[bad.topic.split('.').pop() ?? ''] ?? 0), 0),
    );
  });
});
