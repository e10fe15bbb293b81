import cliProgress from 'cli-progress';

/** A progress reporter: a bar on an interactive terminal, silent otherwise. */
export interface Progress {
  start(label: string, total: number): void;
  update(done: number): void;
  stop(): void;
}

const silent: Progress = { start: () => undefined, update: () => undefined, stop: () => undefined };

/**
 * Whether to draw progress bars: only when stdout is a TTY and not in CI.
 *
 * @example
 * wantsProgressBar(process.stdout, process.env); // false under jest or in CI
 */
export function wantsProgressBar(
  stdout: { isTTY?: boolean },
  env: Record<string, string | undefined>,
): boolean {
  return stdout.isTTY === true && !env['CI'];
}

/**
 * A progress reporter for the current process (a cli-progress bar on stderr when {@link wantsProgressBar}).
 *
 * @example
 * const progress = createProgress();
 * progress.start('customers', 100); progress.update(50); progress.stop();
 */
export function createProgress(enabled = wantsProgressBar(process.stdout, process.env)): Progress {
  if (!enabled) return silent;
  let bar: cliProgress.SingleBar | undefined;
  return {
    start(label, total) {
      bar?.stop();
      bar = new cliProgress.SingleBar(
        { format: `${label.padEnd(16)} [{bar}] {percentage}% | {value}/{total}`, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
    },
    update(done) {
      bar?.update(done);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
