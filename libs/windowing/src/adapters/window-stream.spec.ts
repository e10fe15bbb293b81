import { sum, tumbling, windowStream, type StreamInput } from '../index.js';

describe('windowStream (async-iterable adapter)', () => {
  it('yields results and late elements, and flushes at the end', async () => {
    async function* source(): AsyncGenerator<StreamInput<string, number>> {
      yield { type: 'element', key: 'a', value: 1, timestamp: 10 };
      yield { type: 'watermark', watermark: 999 };
      yield { type: 'element', key: 'a', value: 2, timestamp: 20 };
      yield { type: 'element', key: 'a', value: 3, timestamp: 1500 };
      yield { type: 'tick' };
    }
    const out = [];
    for await (const o of windowStream(source(), { assigner: tumbling({ size: 1000 }), aggregate: sum() })) out.push(o);
    expect(out.map((o) => (o.type === 'result' ? `r${o.result.value}@${o.result.timestamp}` : o.type === 'late' ? `late${o.element.value}` : o.type))).toEqual([
      'r1@999',
      'late2',
      'r3@1999',
    ]);
  });
});
