/**
 * `cdc connector register|delete|status|list|restart`: pure apart from the injected Connect REST port.
 */
import { parseArgs } from 'node:util';
import {
  ConnectRestError,
  type ConnectRestApi,
  type ConnectorStatus,
} from '../connector/connect-rest-api.js';
import { ConnectorConfigError } from '../connector/connector-config-error.js';
import { ConnectorSetupError } from '../connector/connector-setup-error.js';
import type { PublicationAdmin } from '../connector/publication-admin.js';
import { preparePublication, type PublicationSetup } from '../connector/prepare-publication.js';
import {
  debeziumConnectorConfig,
  DEFAULT_CONNECTOR_NAME,
  type ConnectorFormat,
  type DebeziumConnectorOptions,
  type DecimalHandlingMode,
} from '../connector/debezium-connector-config.js';

/**
 * What the connector commands need from the outside: the Connect REST API and the validated settings.
 *
 * @example
 * const connectUrl = 'http://127.0.0.1:18083';
 * const deps: ConnectorCommandDeps = {
 *   api: new KafkaConnectClient({ url: connectUrl }), // wired in main.ts
 *   connectUrl,
 *   database: { hostname: '127.0.0.1', port: 55432, user: 'ecom_cdc', dbname: 'ecom' },
 *   apicurioUrl: 'http://127.0.0.1:18081/apis/ccompat/v7',
 *   postgres: () =>
 *     createPublicationAdmin({ driver: async () => (await import('pg')).default, url: 'postgres://postgres@127.0.0.1:55432/ecom', via: 'DATABASE_URL' }),
 * };
 */
export interface ConnectorCommandDeps {
  api: ConnectRestApi;
  connectUrl: string;
  database: DebeziumConnectorOptions['database'];
  apicurioUrl: string;
  /**
   * The PostgreSQL connection `register` checks the publication and the snapshot grants with before it registers
   * (the tables' owner through `DATABASE_URL`, who may fix them, else the CDC role itself). Absent: no check.
   */
  postgres?: () => PublicationAdmin;
}

/**
 * Help text of `cdc connector`.
 *
 * @example
 * console.log(CONNECTOR_USAGE);
 */
export const CONNECTOR_USAGE = `usage:
  cdc connector register [--name N] [--topic-prefix P] [--format json|json-schemaless|avro] [--unwrap]
                         [--decimal precise|double|string] [--heartbeat-ms MS] [--tables a,b] [--slot S]
                         [--publication P] [--transaction-metadata] [--snapshot-mode M] [--dry-run]
  cdc connector status  [--name N]
  cdc connector restart [--name N]
  cdc connector delete  [--name N]
  cdc connector list
env: CONNECT_URL (default http://127.0.0.1:18083), CDC_DATABASE_URL (Postgres as the Connect worker sees it,
default postgres://ecom_cdc@127.0.0.1:55432/ecom), APICURIO_URL (default http://127.0.0.1:18081/apis/registry/v2),
DATABASE_URL (optional, the tables' owner: register creates the publication and grants SELECT through it when the
CDC role may not; without it, register refuses and prints the SQL to run)`;

/**
 * Output and exit code of one connector command.
 *
 * @example
 * const { exitCode, stdout }: ConnectorCommandResult = await runConnectorCommand(['list'], () => deps);
 */
export interface ConnectorCommandResult {
  exitCode: number;
  stdout: string;
}

const pretty = (x: unknown) => JSON.stringify(x, null, 2) + '\n';

/**
 * Runs a connector subcommand. Exit codes: 0 ok, 1 Connect failed, the connector is FAILED or `register` refused
 * (a `ConnectorSetupError`, with the SQL to run), 2 usage, bad option or bad env (`INVALID_ENV`, naming the key).
 * Before `register` puts the config, it checks the publication and the snapshot grants through `deps.postgres`.
 *
 * @example
 * const { exitCode, stdout } = await runConnectorCommand(['status'], () => deps);
 */
export async function runConnectorCommand(
  argv: string[],
  depsFactory: () => ConnectorCommandDeps,
): Promise<ConnectorCommandResult> {
  const [sub, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      'topic-prefix': { type: 'string' },
      format: { type: 'string' },
      unwrap: { type: 'boolean' },
      decimal: { type: 'string' },
      'heartbeat-ms': { type: 'string' },
      tables: { type: 'string' },
      slot: { type: 'string' },
      publication: { type: 'string' },
      'transaction-metadata': { type: 'boolean' },
      'snapshot-mode': { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
    strict: true,
  });
  const name = values.name ?? DEFAULT_CONNECTOR_NAME;
  if (!['register', 'delete', 'status', 'list', 'restart'].includes(sub ?? '')) {
    return {
      exitCode: 2,
      stdout: pretty({
        error: {
          code: 'USAGE',
          message: `unknown connector command ${JSON.stringify(sub)}`,
          usage: CONNECTOR_USAGE,
        },
      }),
    };
  }
  try {
    const deps = depsFactory();
    if (sub === 'register') {
      const heartbeat = values['heartbeat-ms'] === undefined ? undefined : Number(values['heartbeat-ms']);
      const { config } = debeziumConnectorConfig({
        database: deps.database,
        name,
        topicPrefix: values['topic-prefix'],
        format: values.format as ConnectorFormat | undefined,
        unwrap: values.unwrap,
        decimalHandlingMode: values.decimal as DecimalHandlingMode | undefined,
        heartbeatIntervalMs: heartbeat,
        tables: values.tables?.split(',').map((t) => t.trim()),
        slotName: values.slot,
        publicationName: values.publication,
        transactionMetadata: values['transaction-metadata'],
        snapshotMode: values['snapshot-mode'] as DebeziumConnectorOptions['snapshotMode'],
        apicurioUrl: deps.apicurioUrl,
      });
      if (values['dry-run']) return { exitCode: 0, stdout: pretty({ name, config }) };
      const checked = deps.postgres ? await publicationStep(deps.postgres(), config) : {};
      const { created } = await deps.api.putConnectorConfig(name, config);
      return {
        exitCode: 0,
        stdout: pretty({
          connector: name,
          action: created ? 'created' : 'updated',
          connectUrl: deps.connectUrl,
          topics: `${config['topic.prefix']}.<schema>.<table>`,
          tables: config['table.include.list']!.split(','),
          slot: config['slot.name'],
          publication: config['publication.name'],
          ...checked,
          format: values.format ?? 'json',
          ...((values.format ?? 'json') === 'json' ? { note: EMBEDDED_SCHEMA_NOTE } : {}),
          next: `npm run cdc -- connector status --name ${name}`,
        }),
      };
    }
    if (sub === 'list') {
      const names = await deps.api.listConnectors();
      const statuses = await Promise.all(
        names.map((n) => deps.api.getConnectorStatus(n).catch(() => undefined)),
      );
      return {
        exitCode: 0,
        stdout: pretty({
          connectUrl: deps.connectUrl,
          connectors: names.map((n, i) => ({
            name: n,
            state: statuses[i]?.connector.state ?? 'UNKNOWN',
            tasks: statuses[i]?.tasks.map((t) => t.state) ?? [],
          })),
        }),
      };
    }
    if (sub === 'status') return statusOutput(await deps.api.getConnectorStatus(name));
    if (sub === 'restart') {
      await deps.api.restartConnector(name);
      return {
        exitCode: 0,
        stdout: pretty({
          connector: name,
          action: 'restart requested',
          next: `npm run cdc -- connector status --name ${name}`,
        }),
      };
    }
    // delete: show what stays behind in Postgres (the original's troubleshooting, as output).
    const config = await deps.api.getConnectorConfig(name);
    await deps.api.deleteConnector(name);
    const slot = config['slot.name'] ?? 'debezium';
    const publication = config['publication.name'] ?? 'dbz_publication';
    return {
      exitCode: 0,
      stdout: pretty({
        connector: name,
        action: 'deleted',
        leftInPostgres: {
          slot,
          publication,
          note: 'the replication slot keeps WAL until dropped; drop both if the connector will not come back',
          sql: [`SELECT pg_drop_replication_slot('${slot}');`, `DROP PUBLICATION IF EXISTS ${publication};`],
        },
        leftInKafka: `topics ${config['topic.prefix'] ?? '?'}.* and the connector offsets in the worker's offset topic`,
      }),
    };
  } catch (e) {
    const badConfig = e instanceof ConnectorConfigError || (e as { code?: unknown })?.code === 'INVALID_ENV';
    return { exitCode: badConfig ? 2 : 1, stdout: pretty({ error: describeError(e, name) }) };
  }
}

/**
 * Said when a connector is registered with `--format json` (JsonConverter with `schemas.enable=true`, the default):
 * every message then repeats its whole Connect schema.
 */
const EMBEDDED_SCHEMA_NOTE =
  'json embeds the Connect schema in every key and value (the orders value: ~4.4 KB instead of ~0.7 KB); @ecom/cdc ' +
  'decodes it at about 0.6x the rate of json-schemaless (npm run bench -- decode.bench). For throughput use ' +
  '--format avro, or --format json-schemaless with a typeMap for exact decimals and timestamps.';

/**
 * Before registering: the publication and the snapshot grants (see `preparePublication`). A CDC connection that
 * cannot be reached from here (Connect may reach Postgres under another host name) only gives a warning.
 */
async function publicationStep(
  admin: PublicationAdmin,
  config: Record<string, string>,
): Promise<{ postgres: PublicationSetup } | { warning: string }> {
  try {
    return {
      postgres: await preparePublication(admin, {
        role: config['database.user'] ?? '',
        publication: config['publication.name'] ?? '',
        tables: (config['table.include.list'] ?? '').split(',').map((t) => {
          const [schema = '', table = ''] = t.split('.');
          return { schema, table };
        }),
        snapshot: !['never', 'no_data'].includes(config['snapshot.mode'] ?? 'initial'),
      }),
    };
  } catch (e) {
    if (!(e instanceof ConnectorSetupError && e.code === 'POSTGRES_UNREACHABLE' && !admin.canExecute))
      throw e;
    return {
      warning:
        `could not check the publication and the snapshot grants through ${admin.via} (${e.message}); ` +
        `if the task fails or no snapshot arrives, set DATABASE_URL to the tables' owner and register again`,
    };
  } finally {
    await admin.close().catch(() => undefined);
  }
}

function statusOutput(status: ConnectorStatus): ConnectorCommandResult {
  const failed = [status.connector, ...status.tasks].some((s) => s.state === 'FAILED');
  const firstLine = (trace?: string) => trace?.split('\n').slice(0, 3).join('\n');
  return {
    exitCode: failed ? 1 : 0,
    stdout: pretty({
      connector: status.name,
      state: status.connector.state,
      worker: status.connector.worker_id,
      ...(status.connector.trace ? { error: firstLine(status.connector.trace) } : {}),
      tasks: status.tasks.map((t) => ({
        id: t.id,
        state: t.state,
        worker: t.worker_id,
        ...(t.trace ? { error: firstLine(t.trace) } : {}),
      })),
      ...(failed
        ? { hint: `fix the cause above, then: npm run cdc -- connector restart --name ${status.name}` }
        : {}),
    }),
  };
}

function describeError(e: unknown, name: string): Record<string, unknown> {
  if (e instanceof ConnectRestError) {
    const hint =
      e.code === 'CONNECTOR_NOT_FOUND'
        ? `no connector named ${JSON.stringify(name)}; see: npm run cdc -- connector list`
        : e.code === 'CONNECT_UNREACHABLE'
          ? 'start it with: npm run stack -- up --only connect (or set CONNECT_URL)'
          : undefined;
    return {
      code: e.code,
      message: e.message,
      ...(e.status ? { status: e.status } : {}),
      ...(hint ? { hint } : {}),
    };
  }
  if (e instanceof ConnectorConfigError) return { code: e.code, option: e.option, message: e.message };
  if (e instanceof ConnectorSetupError)
    return {
      code: e.code,
      message: e.message,
      ...(e.sql.length ? { sql: e.sql } : {}),
      next: 'then run the same register command again',
    };
  const { code, key } = (e ?? {}) as { code?: unknown; key?: unknown };
  return {
    code: typeof code === 'string' ? code : 'ERROR',
    ...(typeof key === 'string' ? { key } : {}),
    message: (e as Error)?.message ?? String(e),
  };
}
