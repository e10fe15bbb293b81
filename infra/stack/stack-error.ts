/**
 * A loud, typed failure of the local stack: names the service and carries the tail of its log.
 *
 * @example
 * ```ts
 * throw new StackError('kafka', 'port 19092 is taken by another process', logTail(`${cfg.stackDir}/kafka/kafka.log`));
 * ```
 */
export class StackError extends Error {
  override readonly name = 'StackError';

  constructor(
    readonly service: string,
    readonly reason: string,
    readonly logTail = '',
  ) {
    super(
      `[stack:${service}] ${reason}` +
        (logTail.trim() ? `\n----- last lines of the ${service} log -----\n${logTail.trimEnd()}\n-----` : ''),
    );
  }
}
