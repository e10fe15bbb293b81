/** Why the simulator refused to run: bad configuration or options (exit code 2). */
export type SimulatorErrorCode = 'invalid_config' | 'invalid_option' | 'missing_data';

/**
 * A typed, user-facing error. `main.ts` prints its message and exits with `exitCode` (2 for bad input).
 *
 * @example
 * throw new SimulatorError('invalid_config', 'DATABASE_URL is required');
 */
export class SimulatorError extends Error {
  override readonly name = 'SimulatorError';
  /** Process exit code `main.ts` uses. */
  readonly exitCode: number;

  constructor(
    readonly code: SimulatorErrorCode,
    message: string,
    options: { cause?: unknown; exitCode?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.exitCode = options.exitCode ?? 2;
  }
}

/**
 * Whether `error` is a {@link SimulatorError} (optionally with the given code).
 *
 * @example
 * if (isSimulatorError(err, 'invalid_config')) process.exit(err.exitCode);
 */
export function isSimulatorError(error: unknown, code?: SimulatorErrorCode): error is SimulatorError {
  return error instanceof SimulatorError && (code === undefined || error.code === code);
}
