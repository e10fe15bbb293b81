import { existsSync, readFileSync } from 'node:fs';

/**
 * The last `lines` lines of a log file ('' when it does not exist).
 *
 * @example
 * ```ts
 * console.error(logTail('.stack/kafka/kafka.log', 40));
 * ```
 */
export function logTail(file: string, lines = 40): string {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  return text.split('\n').slice(-lines - 1).join('\n');
}
