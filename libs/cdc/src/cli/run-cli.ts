/**
 * The `cdc` command line (decoder part): `decode` and `field`. Pure apart from the injected I/O, so specs can run
 * it in-process; `main.ts` wires it to the real process.
 */
import { parseArgs } from 'node:util';
import { toCanonicalJson } from '../canonical-json.js';
import type { ConnectSchema } from '../connect-schema.js';
import { decodeConnectField } from '../decode-connect-field.js';
import { createDecoder } from '../decoder.js';
import { toCdcError } from '../errors.js';
import { parseLosslessJson } from '../lossless-json.js';
import type { SchemaRegistry } from '../schema-registry.js';
import type { TypeMap } from '../type-map.js';
import { CONNECTOR_USAGE, runConnectorCommand, type ConnectorCommandDeps } from './connector-command.js';

/**
 * The process pieces the CLI uses.
 *
 * @example
 * import { readFile } from 'node:fs/promises';
 * const out: string[] = [];
 * await runCli(['decode'], { stdin: async () => bytes, readFile, stdout: (t) => out.push(t), stderr: console.error });
 */
export interface CliIo {
  stdin(): Promise<Uint8Array>;
  readFile(path: string): Promise<Uint8Array>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Builds the schema registry for `decode --registry URL` (the HTTP adapter, wired in `main.ts`). */
  registry?: (url: string) => SchemaRegistry;
  /** Builds the Connect REST client and reads its env, for `connector …` (wired in `main.ts`). */
  connectors?: () => ConnectorCommandDeps;
}

/**
 * Help text of the CLI.
 *
 * @example
 * console.log(USAGE);
 */
export const USAGE = `usage:
  cdc decode [--registry URL] [--type-map FILE] [--key FILE] [--topic TOPIC] [--unwrapped]   < message-value
  cdc field --schema '<connect schema json>' --value '<json text>'
  cdc connector register|delete|status|list|restart [options]   (cdc connector --help)
decode/field print canonical JSON. On bad input they print {"error":{…}} and exit 2.`;

function errorJson(code: string, message: string, extra: Record<string, unknown> = {}): string {
  return toCanonicalJson({ error: { code, message, ...extra } }) + '\n';
}

/**
 * Runs the CLI and resolves to the exit code (0 ok, 2 bad input or usage).
 *
 * @example
 * const code = await runCli(['field', '--schema', '{"type":"int32","name":"io.debezium.time.Date"}', '--value', '17109'], io);
 * // io.stdout received '"2016-11-04"\n'; code === 0
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'decode') return await decode(rest, io);
    if (command === 'field') return field(rest, io);
    if (command === 'connector') return await connector(rest, io);
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(USAGE + '\n');
      return command === undefined ? 2 : 0;
    }
    io.stdout(errorJson('USAGE', `unknown command ${JSON.stringify(command)}`, { usage: USAGE }));
    return 2;
  } catch (e) {
    const err =
      e instanceof Error &&
      'code' in e &&
      typeof (e as { code: unknown }).code === 'string' &&
      (e as { code: string }).code.startsWith('ERR_PARSE_ARGS')
        ? { code: 'USAGE', message: e.message, path: [] }
        : toCdcError(e);
    io.stdout(errorJson(err.code, err.message, err.path.length ? { path: err.path } : {}));
    return 2;
  }
}

async function decode(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'type-map': { type: 'string' },
      key: { type: 'string' },
      topic: { type: 'string' },
      unwrapped: { type: 'boolean' },
      registry: { type: 'string' },
    },
    strict: true,
  });
  if (values.registry !== undefined && !io.registry) {
    io.stdout(
      errorJson('USAGE', '--registry needs a schema-registry adapter (wired by the cdc CLI entry point)'),
    );
    return 2;
  }
  const registry = values.registry === undefined ? undefined : io.registry!(values.registry);
  let typeMap: TypeMap | undefined;
  if (values['type-map'] !== undefined) {
    const text = new TextDecoder().decode(await io.readFile(values['type-map']));
    try {
      typeMap = JSON.parse(text) as TypeMap;
    } catch (e) {
      io.stdout(
        errorJson('USAGE', `--type-map ${values['type-map']} is not valid JSON: ${(e as Error).message}`),
      );
      return 2;
    }
  }
  const key = values.key === undefined ? null : await io.readFile(values.key);
  const decoder = createDecoder({
    registry,
    typeMap,
    unwrapped: values.unwrapped === true ? true : undefined,
  });
  const value = await io.stdin();
  const result = await decoder.decode({
    topic: values.topic ?? '',
    key,
    value: value.length === 0 ? null : value,
  });
  if (!result.ok) {
    const { code, message, path, part } = result.error;
    io.stdout(errorJson(code, message, { path, part }));
    return 2;
  }
  io.stdout(toCanonicalJson(result.value) + '\n');
  return 0;
}

function field(args: string[], io: CliIo): number {
  const { values } = parseArgs({
    args,
    options: { schema: { type: 'string' }, value: { type: 'string' } },
    strict: true,
  });
  if (values.schema === undefined || values.value === undefined) {
    io.stdout(errorJson('USAGE', 'field needs --schema and --value', { usage: USAGE }));
    return 2;
  }
  const schema = parseLosslessJson(values.schema) as unknown as ConnectSchema;
  const value = parseLosslessJson(values.value);
  io.stdout(toCanonicalJson(decodeConnectField(schema, value)) + '\n');
  return 0;
}

async function connector(args: string[], io: CliIo): Promise<number> {
  if (args.length === 0 || args[0] === '--help' || args[0] === 'help') {
    io.stdout(CONNECTOR_USAGE + '\n');
    return args.length === 0 ? 2 : 0;
  }
  if (!io.connectors) {
    io.stdout(
      errorJson(
        'USAGE',
        'connector commands need the Kafka Connect adapter (wired by the cdc CLI entry point)',
      ),
    );
    return 2;
  }
  const result = await runConnectorCommand(args, io.connectors);
  io.stdout(result.stdout);
  return result.exitCode;
}
