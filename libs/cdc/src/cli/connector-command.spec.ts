import {
  ConnectRestError,
  type ConnectRestApi,
  type ConnectorStatus,
} from '../connector/connect-rest-api.js';
import { ConnectorSetupError } from '../connector/connector-setup-error.js';
import { SHOP_CDC_TABLES } from '../connector/shop-cdc-tables.js';
import { FakePublicationAdmin, publicTables, replicationOnlyFacts } from '../../test/publication-fakes.js';
import { runConnectorCommand, type ConnectorCommandDeps } from './connector-command.js';

/** An in-memory Kafka Connect for fast unit tests (the real one is exercised by connector.int.spec.ts). */
class FakeConnect implements ConnectRestApi {
  readonly configs = new Map<string, Record<string, string>>();
  states = new Map<string, ConnectorStatus>();
  restarts: string[] = [];
  private need(name: string) {
    if (!this.configs.has(name))
      throw new ConnectRestError('CONNECTOR_NOT_FOUND', `connector "${name}" not found`, { status: 404 });
  }
  async listConnectors() {
    return [...this.configs.keys()];
  }
  async putConnectorConfig(name: string, config: Record<string, string>) {
    const created = !this.configs.has(name);
    this.configs.set(name, config);
    return { created };
  }
  async getConnectorConfig(name: string) {
    this.need(name);
    return this.configs.get(name)!;
  }
  async getConnectorStatus(name: string) {
    this.need(name);
    return (
      this.states.get(name) ?? {
        name,
        connector: { state: 'RUNNING', worker_id: 'w:1' },
        tasks: [{ id: 0, state: 'RUNNING', worker_id: 'w:1' }],
      }
    );
  }
  async deleteConnector(name: string) {
    this.need(name);
    this.configs.delete(name);
  }
  async restartConnector(name: string) {
    this.need(name);
    this.restarts.push(name);
  }
}

const setup = (postgres?: FakePublicationAdmin) => {
  const api = new FakeConnect();
  const deps: ConnectorCommandDeps = {
    api,
    connectUrl: 'http://connect',
    apicurioUrl: 'http://registry/apis/registry/v2',
    database: { hostname: 'db', port: 5432, user: 'cdc', dbname: 'shop' },
    ...(postgres ? { postgres: () => postgres } : {}),
  };
  const run = async (...argv: string[]) => {
    const r = await runConnectorCommand(argv, () => deps);
    return { code: r.exitCode, out: JSON.parse(r.stdout) as Record<string, any> };
  };
  return { api, run };
};

describe('cdc connector (fake Connect)', () => {
  test('register creates, then updates; list and status report RUNNING', async () => {
    const { api, run } = setup();
    const first = await run('register', '--format', 'avro', '--decimal', 'string', '--topic-prefix', 'shop');
    expect(first.code).toBe(0);
    expect(first.out).toMatchObject({
      connector: 'ecommerce-cdc-postgres',
      action: 'created',
      slot: 'shop_slot',
      publication: 'shop_publication',
      format: 'avro',
    });
    expect(first.out['tables']).toHaveLength(10);
    const config = api.configs.get('ecommerce-cdc-postgres')!;
    expect(config['decimal.handling.mode']).toBe('string');
    expect(config['value.converter.apicurio.registry.url']).toBe('http://registry/apis/registry/v2');
    expect(config['database.hostname']).toBe('db');
    expect(first.out['note']).toBeUndefined();
    const again = await run('register');
    expect(again.out['action']).toBe('updated');
    // The default format embeds the schema in every message: the output says what that costs and the alternatives.
    expect(again.out['format']).toBe('json');
    expect(again.out['note']).toMatch(/--format avro.*json-schemaless/);
    expect((await run('list')).out).toEqual({
      connectUrl: 'http://connect',
      connectors: [{ name: 'ecommerce-cdc-postgres', state: 'RUNNING', tasks: ['RUNNING'] }],
    });
    expect((await run('status')).code).toBe(0);
  });

  test('--dry-run prints the config without calling Connect', async () => {
    const { api, run } = setup();
    const r = await run(
      'register',
      '--dry-run',
      '--unwrap',
      '--heartbeat-ms',
      '5000',
      '--tables',
      'orders,order_items',
    );
    expect(r.code).toBe(0);
    expect(r.out['config']['table.include.list']).toBe('public.orders,public.order_items');
    expect(r.out['config']['heartbeat.interval.ms']).toBe('5000');
    expect(api.configs.size).toBe(0);
  });

  test('status of a FAILED task exits 1 with the first lines of the trace and a restart hint', async () => {
    const { api, run } = setup();
    await run('register');
    api.states.set('ecommerce-cdc-postgres', {
      name: 'ecommerce-cdc-postgres',
      connector: { state: 'RUNNING', worker_id: 'w:1' },
      tasks: [
        {
          id: 0,
          state: 'FAILED',
          worker_id: 'w:1',
          trace: 'org.apache.kafka.connect.errors.ConnectException: slot in use\n\tat a\n\tat b\n\tat c',
        },
      ],
    });
    const r = await run('status');
    expect(r.code).toBe(1);
    expect(r.out['tasks'][0]).toMatchObject({
      state: 'FAILED',
      error: expect.stringContaining('slot in use'),
    });
    expect(r.out['tasks'][0].error.split('\n')).toHaveLength(3);
    expect(r.out['hint']).toContain('connector restart');
    expect((await run('restart')).code).toBe(0);
    expect(api.restarts).toEqual(['ecommerce-cdc-postgres']);
  });

  test('delete says what stays behind in Postgres and how to drop it', async () => {
    const { run } = setup();
    await run('register');
    const r = await run('delete');
    expect(r.code).toBe(0);
    expect(r.out['leftInPostgres']['sql']).toEqual([
      "SELECT pg_drop_replication_slot('ecommerce_cdc_slot');",
      'DROP PUBLICATION IF EXISTS ecommerce_cdc_publication;',
    ]);
  });

  test('unknown connector: exit 1, CONNECTOR_NOT_FOUND with a hint', async () => {
    const { run } = setup();
    for (const sub of ['status', 'delete', 'restart']) {
      const r = await run(sub, '--name', 'nope');
      expect(r.code).toBe(1);
      expect(r.out['error']).toMatchObject({
        code: 'CONNECTOR_NOT_FOUND',
        hint: expect.stringContaining('connector list'),
      });
    }
  });

  test('a bad option exits 2 naming it; an unknown subcommand exits 2', async () => {
    const { run } = setup();
    const bad = await run('register', '--decimal', 'float');
    expect(bad.code).toBe(2);
    expect(bad.out['error']).toMatchObject({
      code: 'INVALID_CONNECTOR_OPTION',
      option: 'decimalHandlingMode',
    });
    expect((await run('explode')).code).toBe(2);
  });

  test('a bad env value exits 2 and names the key', async () => {
    const r = await runConnectorCommand(['list'], () => {
      throw Object.assign(new Error('env CONNECT_URL: Invalid URL'), {
        code: 'INVALID_ENV',
        key: 'CONNECT_URL',
      });
    });
    expect(r.exitCode).toBe(2);
    expect(JSON.parse(r.stdout).error).toEqual({
      code: 'INVALID_ENV',
      key: 'CONNECT_URL',
      message: 'env CONNECT_URL: Invalid URL',
    });
  });

  test('Connect unreachable → CONNECT_UNREACHABLE with a start hint', async () => {
    const r = await runConnectorCommand(['list'], () => ({
      api: {
        listConnectors: () => Promise.reject(new ConnectRestError('CONNECT_UNREACHABLE', 'GET failed')),
      } as unknown as ConnectRestApi,
      connectUrl: 'http://x',
      apicurioUrl: 'http://y',
      database: { hostname: 'h', port: 1, user: 'u', dbname: 'd' },
    }));
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout).error).toMatchObject({
      code: 'CONNECT_UNREACHABLE',
      hint: expect.stringContaining('stack'),
    });
  });
});

describe('cdc connector register: the publication step before registering (fake Postgres)', () => {
  const shop = publicTables(...SHOP_CDC_TABLES);
  const newcomer = () => replicationOnlyFacts(shop, { role: { name: 'cdc' } });
  const CONNECTOR = 'ecommerce-cdc-postgres';

  test('through DATABASE_URL: the owner creates the publication and grants SELECT, then the connector is registered', async () => {
    const admin = new FakePublicationAdmin('DATABASE_URL', newcomer());
    const { api, run } = setup(admin);
    const r = await run('register');
    expect(r.code).toBe(0);
    expect(admin.requests).toEqual([
      { role: 'cdc', publication: 'ecommerce_cdc_publication', tables: shop, snapshot: true },
    ]);
    expect(admin.executed).toHaveLength(1);
    expect(admin.executed[0]![0]).toMatch(
      /^CREATE PUBLICATION "ecommerce_cdc_publication" FOR TABLE "public"\."customers", /,
    );
    expect(admin.executed[0]!.slice(1)).toEqual(
      SHOP_CDC_TABLES.map((t) => `GRANT SELECT ON "public"."${t}" TO "cdc"; -- the snapshot reads it`),
    );
    expect(r.out).toMatchObject({
      action: 'created',
      postgres: { checkedVia: 'DATABASE_URL', role: 'cdc', publication: 'create', ran: admin.executed[0] },
    });
    expect(api.configs.get(CONNECTOR)!['publication.autocreate.mode']).toBe('filtered');
    expect(admin.closed).toBe(1);
  });

  test('without DATABASE_URL: refuses before registering (exit 1) and prints the SQL to run', async () => {
    const admin = new FakePublicationAdmin('CDC_DATABASE_URL', newcomer());
    const { api, run } = setup(admin);
    const r = await run('register');
    expect(r.code).toBe(1);
    expect(r.out['error']).toMatchObject({
      code: 'INSUFFICIENT_PRIVILEGE',
      message: expect.stringContaining('DATABASE_URL'),
      sql: expect.arrayContaining([expect.stringMatching(/^CREATE PUBLICATION /)]),
      next: expect.stringContaining('register'),
    });
    expect(r.out['error'].sql).toHaveLength(11);
    expect(api.configs.size).toBe(0);
    expect(admin.executed).toEqual([]);
    expect(admin.closed).toBe(1);
  });

  test('snapshot mode never: no grants asked for', async () => {
    const admin = new FakePublicationAdmin('DATABASE_URL', newcomer());
    const { run } = setup(admin);
    expect((await run('register', '--snapshot-mode', 'never', '--tables', 'orders')).code).toBe(0);
    expect(admin.requests[0]).toMatchObject({ tables: publicTables('orders'), snapshot: false });
  });

  test('a CDC connection this host cannot reach: registers anyway, with a warning', async () => {
    const admin = new FakePublicationAdmin('CDC_DATABASE_URL', newcomer());
    admin.unreachable = true;
    const { api, run } = setup(admin);
    const r = await run('register');
    expect(r.code).toBe(0);
    expect(r.out['warning']).toContain('DATABASE_URL');
    expect(api.configs.has(CONNECTOR)).toBe(true);
  });

  test('an owner connection that cannot be reached, or a plan refusal: exit 1, nothing registered', async () => {
    const owner = new FakePublicationAdmin('DATABASE_URL', newcomer());
    owner.unreachable = true;
    const down = setup(owner);
    const r = await down.run('register');
    expect(r.code).toBe(1);
    expect(r.out['error']).toMatchObject({ code: 'POSTGRES_UNREACHABLE' });
    expect(down.api.configs.size).toBe(0);

    const missing = newcomer();
    const empty = setup(
      new FakePublicationAdmin('DATABASE_URL', {
        ...missing,
        tables: missing.tables.map((t) => ({ ...t, exists: false })),
      }),
    );
    const m = await empty.run('register');
    expect(m.code).toBe(1);
    expect(m.out['error']).toMatchObject({ code: 'CDC_TABLES_MISSING' });
    expect(empty.api.configs.size).toBe(0);
  });

  test('--dry-run does not touch Postgres', async () => {
    const admin = new FakePublicationAdmin('DATABASE_URL', newcomer());
    const { run } = setup(admin);
    expect((await run('register', '--dry-run')).code).toBe(0);
    expect(admin.requests).toEqual([]);
  });

  test('a setup error is typed', () => {
    expect(new ConnectorSetupError('POSTGRES_UNREACHABLE', 'x').retriable).toBe(true);
    expect(new ConnectorSetupError('INSUFFICIENT_PRIVILEGE', 'x').retriable).toBe(false);
  });
});
