import { CommanderError } from 'commander';
import { isSimulatorError } from './errors.js';
import { buildProgram } from './program.js';

/** Entry point: `npm run simulator -- <command> [options]`. Bad configuration or options exit with code 2. */
async function main(): Promise<void> {
  try {
    await buildProgram((text) => process.stdout.write(`${text}\n`)).parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
    if (isSimulatorError(err)) {
      console.error(`error: ${err.message}`);
      process.exit(err.exitCode);
    }
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  }
}

void main();
