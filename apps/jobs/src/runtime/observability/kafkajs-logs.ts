/**
 * kafkajs' own logs (joins, rebalances, connection errors) through the jobs' pino logger instead of the console.
 */
import { logLevel, type logCreator } from 'kafkajs';
import type { JobsLogger } from './logger.js';

/**
 * A kafkajs `logCreator` writing to `logger`: each entry at its level, its message as the log message, its
 * namespace as `kafkajs` and its extra fields (broker, group id, error…) as they are.
 *
 * @example
 * import { Kafka } from 'kafkajs';
 * import { createJobsLogger } from './logger.js';
 * const logger = createJobsLogger('info');
 * const kafka = new Kafka({ brokers: ['127.0.0.1:19092'], logCreator: kafkaLogCreator(logger), logLevel: kafkaLogLevel(logger) });
 */
export function kafkaLogCreator(logger: JobsLogger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const fields: Record<string, unknown> = { ...log, kafkajs: namespace };
      delete fields['message'];
      delete fields['timestamp'];
      delete fields['logger'];
      if (level === logLevel.ERROR) logger.error(fields, log.message);
      else if (level === logLevel.WARN) logger.warn(fields, log.message);
      else if (level === logLevel.INFO) logger.info(fields, log.message);
      else logger.debug(fields, log.message);
    };
}

/**
 * The kafkajs level matching the logger's: `DEBUG` when it writes debug lines, else `INFO` (pino filters the rest).
 *
 * @example
 * import { createJobsLogger } from './logger.js';
 * kafkaLogLevel(createJobsLogger('debug')); // logLevel.DEBUG
 */
export function kafkaLogLevel(logger: JobsLogger): logLevel {
  return logger.isLevelEnabled('debug') ? logLevel.DEBUG : logLevel.INFO;
}
