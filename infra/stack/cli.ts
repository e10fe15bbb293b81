import { existsSync, readFileSync } from 'node:fs';
import { SERVICES, parseServiceList } from './service-registry.js';
import { SERVICE_NAMES, loadStackConfig } from './stack-config.js';
import { StackError } from './stack-error.js';
import { stackDown, stackFetch, stackStatus, stackUp } from './stack-runner.js';

const USAGE = `usage: npm run stack -- <command>
  fetch [--only …]                                       download and unpack what the services need; start nothing
  up [--only postgres,kafka,connect,registry,s3,trino]   start (or reuse) services and their dependencies
  down [--only …] [--purge]                              stop services (all by default); --purge deletes their data
  status                                                 JSON: endpoint, pid, health, RSS per service
  logs <service> [--lines N]                             print the tail of a service log
  compose                                                regenerate infra/compose.yaml`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (!v || v.startsWith('--')) throw new Error(`${name} needs a value`);
  return v;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const cfg = loadStackConfig();
  switch (command) {
    case 'up': {
      const only = option(args, '--only');
      const last = await stackUp(cfg, only ? parseServiceList(only) : SERVICE_NAMES);
      console.error(`stack up in ${(last.startMs / 1000).toFixed(1)} s (downloads/unpack ${(last.prepareMs / 1000).toFixed(1)} s)`);
      return 0;
    }
    case 'fetch': {
      const only = option(args, '--only');
      const ms = await stackFetch(cfg, only ? parseServiceList(only) : SERVICE_NAMES);
      console.error(`stack fetch done in ${(ms / 1000).toFixed(1)} s`);
      return 0;
    }
    case 'down': {
      const only = option(args, '--only');
      await stackDown(cfg, only ? parseServiceList(only) : SERVICE_NAMES, { purge: args.includes('--purge') });
      return 0;
    }
    case 'status':
      console.log(JSON.stringify(await stackStatus(cfg), null, 2));
      return 0;
    case 'logs': {
      const [name] = parseServiceList(args[0] ?? '');
      if (!name) throw new Error('logs needs a service name');
      const file = SERVICES[name].logFile(cfg);
      if (!existsSync(file)) throw new Error(`no log yet for ${name} (${file})`);
      const lines = Number(option(args, '--lines') ?? 200);
      console.log(readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n'));
      return 0;
    }
    case 'compose': {
      const { writeComposeFiles } = await import('./compose-file.js');
      console.error(`wrote ${writeComposeFiles(cfg).join(', ')}`);
      return 0;
    }
    default:
      console.error(USAGE);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof StackError ? err.message : `[stack] ${(err as Error).message}`);
    process.exit(1);
  },
);
