import { Command, Option } from 'commander';
import { DEFAULT_BCRYPT_COST } from './catalogue/hash-password.js';
import { intOption, seedOption } from './cli/options.js';
import { createProgress, type Progress } from './cli/progress.js';
import { runClear } from './commands/clear.command.js';
import { runDb } from './commands/db.command.js';
import { runGenerate, type GenerateOptions } from './commands/generate.command.js';
import { registerSimulateCommand } from './commands/simulate.command.js';
import { describeShopTables } from './commands/tables.command.js';
import { loadConfig } from './config.js';

/** What the commands need from the outside world (tests pass their own). */
export interface ProgramContext {
  /** Environment to read DATABASE_URL from (default `process.env`). */
  readonly env?: Record<string, string | undefined>;
  /** Progress reporter (default: a bar when stdout is a TTY and not CI). */
  readonly progress?: Progress;
}

/**
 * Builds the simulator's command line. `main.ts` parses `process.argv` with it; tests call
 * `buildProgram(out).parseAsync([...], { from: 'user' })` and read what was written to `out`.
 * DATABASE_URL is validated (zod) before any database command runs.
 *
 * @example
 * await buildProgram((line) => console.log(line)).parseAsync(['tables', '--json'], { from: 'user' });
 * await buildProgram(console.log, { env: { DATABASE_URL: url } }).parseAsync(['db', 'init'], { from: 'user' });
 */
export function buildProgram(write: (text: string) => void, context: ProgramContext = {}): Command {
  const env = context.env ?? process.env;
  const progress = (): Progress => context.progress ?? createProgress();
  const databaseUrl = (): string => loadConfig(env).databaseUrl;
  const program = new Command('simulator')
    .description('Creates the shop schema, generates a seeded catalogue and simulates shopper behaviour.')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (text) => write(text.trimEnd()) });
  program
    .command('tables')
    .description('List the shop tables the simulator writes (and CDC captures), with their columns.')
    .option('--json', 'print JSON instead of text')
    .action((opts: { json?: boolean }) => write(describeShopTables({ json: opts.json ?? false })));

  const db = program
    .command('db')
    .description('Create or recreate the shop schema with @ecom/domain migrations.');
  for (const action of ['init', 'reset'] as const) {
    db.command(action)
      .description(
        action === 'init'
          ? 'Apply pending migrations (idempotent).'
          : 'Drop every shop table (and its data) and recreate the schema.',
      )
      .action(async () => {
        const applied = await runDb(databaseUrl(), action);
        write(
          applied.length
            ? `db ${action}: applied ${applied.join(', ')}`
            : `db ${action}: schema is up to date`,
        );
      });
  }

  program
    .command('generate')
    .description('Write seeded master data: categories, products and customers (idempotent).')
    .option(
      '--categories <n>',
      'categories (no cap; past 20 they repeat as numbered collections)',
      intOption(0, 100_000),
      15,
    )
    .option('--products <n>', 'products', intOption(0, 10_000_000), 200)
    .option(
      '--customers <n>',
      'customers (password "password123", bcrypt-hashed)',
      intOption(0, 10_000_000),
      100,
    )
    .option('--seed <s>', 'seed of every random choice', seedOption, '42')
    .option('--clear', 'first truncate every shop table (dynamic data too), children first', false)
    .addOption(
      new Option('--bcrypt-cost <n>', 'bcrypt cost factor (4 is ~40x faster, for tests)')
        .argParser(intOption(4, 15))
        .default(DEFAULT_BCRYPT_COST),
    )
    .action(async (opts: GenerateOptions) => {
      const url = databaseUrl();
      const counts = await runGenerate(url, opts, progress());
      write(
        `generate (seed ${opts.seed})${counts.cleared ? ' after clearing all shop tables' : ''}: ` +
          `${opts.categories} categories, ${opts.products} products, ${opts.customers} customers ` +
          `(rows inserted or changed: ${counts.categories}/${counts.products}/${counts.customers})`,
      );
    });

  registerSimulateCommand(program, { write, databaseUrl, progress });

  program
    .command('clear')
    .description(
      'Delete dynamic data (orders, payments, shipments, carts, wishlists, events); master data stays.',
    )
    .option('--all', 'also delete customers, products and categories', false)
    .action(async (opts: { all: boolean }) => {
      const tables = await runClear(databaseUrl(), opts);
      write(`clear: truncated ${tables.join(', ')}`);
    });
  return program;
}
