/**
 * A jobs logger that keeps its JSON lines in memory, for tests that assert what was logged.
 */
import { createJobsLogger, type JobsLogger, type LogLevel } from '../observability/logger.js';

/**
 * One parsed pino line: `level` (30 info, 40 warn, 50 error), `msg`, the bound and logged fields, `err` serialized.
 *
 * @example
 * const line: LogLine = { level: 40, msg: 'tick failed', err: { message: 'connection terminated' } };
 */
export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly err?: { readonly message: string; readonly type?: string; readonly code?: string };
  readonly [field: string]: unknown;
}

/**
 * A logger at `level` and the lines it wrote so far.
 *
 * @example
 * const { logger, lines } = memoryLogger();
 * logger.warn({ job: 'revenue' }, 'tick failed');
 * lines[0]?.msg; // 'tick failed'
 */
export function memoryLogger(level: LogLevel = 'debug'): { logger: JobsLogger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = createJobsLogger(level, {
    write: (line: string) => void lines.push(JSON.parse(line) as LogLine),
  });
  return { logger, lines };
}
