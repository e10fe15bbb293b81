import { Command } from 'commander';
import type { JobDefinition } from './job.js';

/**
 * Builds the jobs command line over a registry of job definitions.
 *
 * @example
 * await buildProgram([], (line) => console.log(line)).parseAsync(['list'], { from: 'user' });
 */
export function buildProgram(jobs: readonly JobDefinition[], write: (text: string) => void): Command {
  const program = new Command('jobs').description('Runs the @ecom stream jobs.').showHelpAfterError().exitOverride();
  program
    .command('list')
    .description('List the jobs this build can run.')
    .action(() => {
      write(jobs.length ? jobs.map((j) => `${j.name}\t${j.description}`).join('\n') : 'No jobs are registered.');
    });
  program
    .command('run')
    .description('Run one job until SIGINT/SIGTERM.')
    .argument('<name>', 'job name (see `jobs list`)')
    .action(async (name: string) => {
      const job = jobs.find((j) => j.name === name);
      if (!job) {
        throw new Error(`unknown job "${name}"; known jobs: ${jobs.map((j) => j.name).join(', ') || 'none'}`);
      }
      const stop = await job.start();
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await stop();
    });
  return program;
}
