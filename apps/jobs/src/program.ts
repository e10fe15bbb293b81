import { Command } from 'commander';
import type { JobDefinition } from './job.js';
import { createJobHost } from './job-host.js';
import type { RulesCommand } from './jobs/fraud/fraud-rules-command.js';

/**
 * The operations commands, injected (the real ones read the environment: see `ops-commands.ts`).
 *
 * @example
 * const none: JobsOps = {
 *   status: async () => 'No job has checkpoints yet.',
 *   peek: async () => 0,
 *   rules: async () => 'No fraud rules in fraud_rules.',
 * };
 */
export interface JobsOps {
  /** The status text of every job, or of one job and its stages. */
  status(job: string | undefined): Promise<string>;
  /** Writes up to `limit` records of `topic`; resolves to how many. */
  peek(
    topic: string,
    options: { fromBeginning: boolean; limit: number },
    write: (line: string) => void,
  ): Promise<number>;
  /** A `rules` command (the fraud rules: table `fraud_rules` and the rules topic); resolves to the text to print. */
  rules(command: RulesCommand): Promise<string>;
}

const noOps: JobsOps = {
  status: () => Promise.reject(new Error('status is not available in this build')),
  peek: () => Promise.reject(new Error('topics peek is not available in this build')),
  rules: () => Promise.reject(new Error('rules is not available in this build')),
};

/**
 * Builds the jobs command line over a registry of job definitions.
 *
 * @example
 * await buildProgram([], (line) => console.log(line)).parseAsync(['list'], { from: 'user' });
 */
export function buildProgram(
  jobs: readonly JobDefinition[],
  write: (text: string) => void,
  ops: JobsOps = noOps,
): Command {
  const program = new Command('jobs')
    .description('Runs the @ecom stream jobs.')
    .showHelpAfterError()
    .exitOverride();
  program
    .command('list')
    .description('List the jobs this build can run.')
    .action(() => {
      write(
        jobs.length ? jobs.map((j) => `${j.name}\t${j.description}`).join('\n') : 'No jobs are registered.',
      );
    });
  program
    .command('run')
    .description('Run jobs in this process until SIGINT/SIGTERM (they share one pg pool and metrics server).')
    .argument('<names...>', 'job names (see `jobs list`)')
    .action(async (names: string[]) => {
      const unknown = names.filter((name) => !jobs.some((j) => j.name === name));
      if (unknown.length > 0)
        throw new Error(
          `unknown job "${unknown.join('", "')}"; known jobs: ${jobs.map((j) => j.name).join(', ') || 'none'}`,
        );
      const selected = [...new Set(names)].map((name) => jobs.find((j) => j.name === name) as JobDefinition);
      const host = createJobHost();
      const stops: (() => Promise<void>)[] = [];
      try {
        for (const job of selected) stops.push(await job.start(host));
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
      } finally {
        for (const stop of stops.reverse()) await stop();
        await host.close();
      }
    });
  program
    .command('status')
    .description("Show each job's partitions (owner, epoch, next offset, lag, last commit) and its outbox.")
    .argument('[job]', 'one job and its stages (default: all)')
    .action(async (job: string | undefined) => {
      write(await ops.status(job));
    });
  const topics = program.command('topics').description('Inspect Kafka topics.');
  topics
    .command('peek')
    .description('Print records of a topic, decoded (CDC changes, results), one JSON line each.')
    .argument('<topic>', 'topic name')
    .option('--from-beginning', 'from the first record (else only new ones)', false)
    .option(
      '--limit <n>',
      'stop after n records',
      (v) => {
        const n = Number(v);
        if (!Number.isSafeInteger(n) || n < 1)
          throw new Error(`--limit must be a positive integer, got ${v}`);
        return n;
      },
      20,
    )
    .action(async (topic: string, options: { fromBeginning: boolean; limit: number }) => {
      await ops.peek(topic, options, write);
    });
  const rules = program
    .command('rules')
    .description('Edit the fraud rules (table fraud_rules; each change is published to the rules topic).');
  rules
    .command('list')
    .description('List the rules in fraud_rules.')
    .action(async () => write(await ops.rules({ action: 'list' })));
  rules
    .command('put')
    .description('Add or replace rules from a JSON file (one definition or an array), validated first.')
    .argument('<file>', 'JSON file of @ecom/fraud rule definitions')
    .action(async (file: string) => write(await ops.rules({ action: 'put', file })));
  for (const [action, description] of [
    ['pause', 'Pause a rule (its state is kept).'],
    ['resume', 'Resume a paused rule.'],
    ['delete', 'Delete a rule.'],
  ] as const)
    rules
      .command(action)
      .description(description)
      .argument('<id>', 'rule id')
      .action(async (id: string) => write(await ops.rules({ action, id })));
  return program;
}
