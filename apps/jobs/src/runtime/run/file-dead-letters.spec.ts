// The dead-letter file of jobs run without Kafka: JSON lines with base64 bytes and text headers, appended in order.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deadLetterLine, fileDeadLetterQueue, type DeadLetterLine } from './file-dead-letters.js';

describe('fileDeadLetterQueue', () => {
  it('appends each letter as a JSON line (base64 key and value, text headers), creating the folder', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'dlq-')), 'nested', 'revenue.dlq.jsonl');
    const dlq = await fileDeadLetterQueue(path);
    await dlq.send([
      { key: Buffer.from('k'), value: Buffer.from('{'), headers: { 'cdc.error.code': 'MALFORMED_JSON' } },
    ]);
    await dlq.send([]);
    await Promise.all([
      dlq.send([{ key: null, value: null, headers: { a: Buffer.from('x'), b: ['1', '2'] } }]),
      dlq.send([{ key: null, value: Buffer.from('z'), headers: {} }]),
    ]);
    await dlq.close();
    const lines = readFileSync(path, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as DeadLetterLine);
    expect(lines.map(({ at: _at, ...rest }) => rest)).toEqual([
      { key: 'aw==', value: 'ew==', headers: { 'cdc.error.code': 'MALFORMED_JSON' } },
      { key: null, value: null, headers: { a: 'x', b: '1,2' } },
      { key: null, value: 'eg==', headers: {} },
    ]);
  });

  it('stamps the time it was written', () => {
    expect(deadLetterLine({ key: null, value: null, headers: {} }, new Date(0)).at).toBe(
      '1970-01-01T00:00:00.000Z',
    );
  });
});
