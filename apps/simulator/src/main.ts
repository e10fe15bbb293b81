import { CommanderError } from 'commander';
import { buildProgram } from './program.js';

/** Entry point: `npm run simulator -- <command> [options]`. */
async function main(): Promise<void> {
  try {
    await buildProgram((text) => process.stdout.write(`${text}\n`)).parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}

void main();
