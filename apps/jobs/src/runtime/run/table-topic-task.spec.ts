import { MIN_TIMESTAMP } from '@ecom/windowing';
import { tableTopicChange, TableTopicTask } from './table-topic-task.js';

const partition = { source: 'fraud_rules', partition: 0 };

async function batch(
  task: TableTopicTask,
  records: { key: string | null; value: string | null }[],
  from: number,
) {
  for (const [i, r] of records.entries()) await task.process({ ...r, offset: String(from + i) });
  return task.finish({ partition, records: [], nextOffset: String(from + records.length) }).forward;
}

describe('TableTopicTask', () => {
  it('forwards each record unparsed (a tombstone as null), then its watermark once, and never dead-letters', async () => {
    const task = new TableTopicTask('fraud', partition);
    task.restore(null);
    const out = await batch(
      task,
      [
        { key: 'r1', value: '{' },
        { key: 'r1', value: null },
      ],
      0,
    );
    expect(out.map((r) => r.partial?.value ?? r.watermark)).toEqual([
      { key: 'r1', value: '{', offset: '0' },
      { key: 'r1', value: null, offset: '1' },
      MIN_TIMESTAMP,
    ]);
    expect(out.map((r) => [r.from, ...r.seq])).toEqual([
      ['fraud_rules:0', '2', 0],
      ['fraud_rules:0', '2', 1],
      ['fraud_rules:0', '2', 2],
    ]);
    expect(out[0]?.partial).toMatchObject({ topic: 'fraud_rules', id: { job: 'fraud', key: 'r1' } });
    expect((await batch(task, [{ key: 'r2', value: '{}' }], 2)).map((r) => r.watermark)).toEqual([undefined]);
  });

  it('after a restore from its checkpoint, a replayed batch gets the same sequences (the merge drops them)', async () => {
    const first = new TableTopicTask('fraud', partition);
    first.restore(null);
    await batch(first, [{ key: 'a', value: '1' }], 0);
    const checkpoint = first.snapshot();
    const sent = await batch(first, [{ key: 'b', value: '2' }], 1);
    const again = new TableTopicTask('fraud', partition);
    again.restore(checkpoint);
    const replayed = await batch(again, [{ key: 'b', value: '2' }], 1);
    expect(replayed.filter((r) => r.partial)).toEqual(sent);
  });

  it('reads a forwarded change back, and nothing else', () => {
    expect(tableTopicChange({ key: null, value: 'x', offset: '0' })).toEqual({
      key: null,
      value: 'x',
      offset: '0',
    });
    expect(tableTopicChange({ key: 'k', value: 1, offset: '0' })).toBeNull();
    expect(tableTopicChange(null)).toBeNull();
  });
});
