import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DeadLetter, DeadLetterQueue } from './dead-letters.js';

/**
 * One line of a dead-letter file: the record's key and value in base64 (`null` for none) and its headers as text
 * (`cdc.error.code`, `cdc.error.message`, …), with the time it was written.
 *
 * @example
 * const line: DeadLetterLine = { at: '2026-12-04T10:00:00.000Z', key: null, value: 'ew==', headers: { 'cdc.error.code': 'MALFORMED_JSON' } };
 */
export interface DeadLetterLine {
  readonly at: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: Readonly<Record<string, string>>;
}

const text = (v: unknown): string =>
  Buffer.isBuffer(v) ? v.toString('utf8') : Array.isArray(v) ? v.map(text).join(',') : String(v);

/**
 * The JSON-lines form of a dead letter ({@link DeadLetterLine}).
 *
 * @example
 * deadLetterLine({ key: null, value: Buffer.from('{'), headers: { 'cdc.error.code': 'MALFORMED_JSON' } }, new Date(0)).value; // 'ew=='
 */
export function deadLetterLine(letter: DeadLetter, at: Date = new Date()): DeadLetterLine {
  return {
    at: at.toISOString(),
    key: letter.key === null ? null : letter.key.toString('base64'),
    value: letter.value === null ? null : letter.value.toString('base64'),
    headers: Object.fromEntries(
      Object.entries(letter.headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, text(v)]])),
    ),
  };
}

/**
 * A {@link DeadLetterQueue} appending JSON lines ({@link DeadLetterLine}) to a file, for jobs run without Kafka (the
 * in-process source): `send` resolves once the lines are written and flushed to disk (`fsync`), so the runtime's
 * commit after it never loses one (a crash before the commit writes them again: at least once, as on Kafka). The
 * folder is created when missing; `close()` closes the file.
 *
 * @example
 * const dlq = await fileDeadLetterQueue('.ecom/dead-letters/revenue.dlq.jsonl');
 * await dlq.send([{ key: null, value: Buffer.from('{'), headers: { 'cdc.error.code': 'MALFORMED_JSON' } }]);
 * await dlq.close();
 */
export async function fileDeadLetterQueue(
  path: string,
): Promise<DeadLetterQueue & { close(): Promise<void> }> {
  await mkdir(dirname(path), { recursive: true });
  const file: FileHandle = await open(path, 'a');
  let queue = Promise.resolve();
  return {
    send(letters) {
      if (letters.length === 0) return Promise.resolve();
      const lines = letters.map((l) => `${JSON.stringify(deadLetterLine(l))}\n`).join('');
      const next = queue.then(async () => {
        await file.appendFile(lines, 'utf8');
        await file.sync();
      });
      queue = next.catch(() => undefined);
      return next;
    },
    async close() {
      await queue;
      await file.close();
    },
  };
}
