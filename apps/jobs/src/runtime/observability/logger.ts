/**
 * The jobs' structured logs: one pino logger per process, JSON lines on stdout. The runtime takes it as an option
 * (a child per stage carries `job` and `stage`), so tests pass a logger of their own or none.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * The pino levels `LOG_LEVEL` accepts (`silent` turns logging off).
 *
 * @example
 * LOG_LEVELS.includes('debug'); // true
 */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * One of {@link LOG_LEVELS}.
 *
 * @example
 * const level: LogLevel = 'info';
 */
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The logger the runtime writes to (pino's): `logger.warn({ job, partition, err }, 'message')`.
 *
 * @example
 * const logger: JobsLogger = createJobsLogger('info');
 * logger.child({ job: 'revenue', stage: 'merge' }).info({ epoch: 7 }, 'claimed');
 */
export type JobsLogger = Logger;

/**
 * Creates the jobs' logger: JSON lines (pino) on stdout, or on `destination` (tests), named `@ecom/jobs`, with
 * connection strings redacted wherever a log line might carry them.
 *
 * @example
 * const logger = createJobsLogger('debug');
 * logger.info({ job: 'revenue', stage: 'partials', partition: 0, epoch: 3, nextOffset: '42' }, 'committed');
 */
export function createJobsLogger(level: LogLevel, destination?: DestinationStream): JobsLogger {
  return pino(
    {
      name: '@ecom/jobs',
      level,
      redact: { paths: ['DATABASE_URL', 'databaseUrl', 'config.databaseUrl'], censor: '[redacted]' },
    },
    destination,
  );
}

/**
 * A logger that writes nothing: the runtime's default when the caller passes none.
 *
 * @example
 * silentLogger().error('never written');
 */
export function silentLogger(): JobsLogger {
  return pino({ level: 'silent' });
}
