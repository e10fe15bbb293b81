import { CommanderError } from 'commander';
import { JOBS } from './jobs.registry.js';
import { opsFromEnv } from './ops-commands.js';
import { buildProgram } from './program.js';

/** Entry point: `npx nx run jobs:start -- <command>`. */
async function main(): Promise<void> {
  try {
    await buildProgram(JOBS, (text) => process.stdout.write(`${text}\n`), opsFromEnv()).parseAsync(
      process.argv,
    );
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}

void main();
