import { Command } from 'commander';
import { describeShopTables } from './commands/tables.command.js';

/**
 * Builds the simulator's command line. `main.ts` parses `process.argv` with it; tests call
 * `buildProgram(out).parseAsync([...], { from: 'user' })` and read what was written to `out`.
 *
 * @example
 * await buildProgram((line) => console.log(line)).parseAsync(['tables', '--json'], { from: 'user' });
 */
export function buildProgram(write: (text: string) => void): Command {
  const program = new Command('simulator')
    .description('Creates the shop schema, generates a seeded catalogue and simulates shopper behaviour.')
    .showHelpAfterError()
    .exitOverride();
  program
    .command('tables')
    .description('List the shop tables the simulator writes (and CDC captures), with their columns.')
    .option('--json', 'print JSON instead of text')
    .action((opts: { json?: boolean }) => write(describeShopTables({ json: opts.json ?? false })));
  return program;
}
