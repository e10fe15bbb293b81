// `jobs rules list | put | pause | resume | delete` against a REAL PostgreSQL (a migrated temporary database: the
// `fraud_rules` table of migration 7) and the stack's REAL Kafka (a compacted rules topic of this run): each change
// is in the table and on the topic; a bad file is refused with the rule id and the zod issue, and writes nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithPostgres, createTempDatabase, type TempDatabase } from '@ecom/domain/testing';
import { isFraudError } from '@ecom/fraud';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import pg from 'pg';
// The workspace's one stack starter for integration specs (libs/cdc/test, not published): reused, not copied.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { STACK, startStack } from '../../../../../libs/cdc/test/stack-services.js';
import { buildProgram } from '../../program.js';
import { opsFromEnv } from '../../ops-commands.js';
import { readTopic } from '../../runtime/testing/kafka-topics.js';

jest.setTimeout(120_000);

describeWithPostgres({ describe, it }, 'jobs rules against PostgreSQL and Kafka', () => {
  const topic = `fraud_rules.cli${Date.now()}`;
  const dir = mkdtempSync(join(tmpdir(), 'ecom-rules-'));
  let temp: TempDatabase;
  let pool: pg.Pool;
  let kafka: Kafka;
  let admin: Admin;
  let env: Record<string, string>;

  /** Runs `jobs rules …` as main.ts does; resolves to its output. */
  async function rules(...args: string[]): Promise<string> {
    const out: string[] = [];
    await buildProgram([], (t) => out.push(t), opsFromEnv(env)).parseAsync(['rules', ...args], {
      from: 'user',
    });
    return out.join('\n');
  }

  const file = (name: string, content: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  const table = async () =>
    (await pool.query<{ id: string; state: string }>('SELECT id, state FROM fraud_rules ORDER BY id')).rows;

  beforeAll(async () => {
    startStack(['kafka']);
    temp = await createTempDatabase({ prefix: 'ecom_jobs_rules', migrate: true });
    pool = new pg.Pool({ connectionString: temp.url, max: 2 });
    kafka = new Kafka({ brokers: [STACK.kafkaBroker], logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    await admin.connect();
    env = { DATABASE_URL: temp.url, KAFKA_BROKERS: STACK.kafkaBroker, FRAUD_RULES_TOPIC: topic };
  });

  afterAll(async () => {
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin?.disconnect();
    await pool?.end();
    await temp?.drop();
  });

  it('put, pause, resume and delete write the table and publish each change to the compacted topic', async () => {
    expect(await rules('list')).toBe('No fraud rules in fraud_rules.');
    const put = await rules(
      'put',
      file('two.json', [
        { id: 'velocity-1m', kind: 'velocity' },
        { id: 'hv', kind: 'high-value', params: { threshold: '5000000.00' } },
      ]),
    );
    expect(put).toBe('put velocity-1m (velocity, active)\nput hv (high-value, active)');
    expect(await rules('pause', 'hv')).toBe('hv is paused');
    expect(await rules('resume', 'hv')).toBe('hv is active');
    expect(await rules('pause', 'hv')).toBe('hv is paused');
    expect(await rules('delete', 'velocity-1m')).toBe('deleted velocity-1m');
    expect(await table()).toEqual([{ id: 'hv', state: 'paused' }]);
    expect((await rules('list')).split('\n')).toEqual([
      'id\tstate\tkind\tparams',
      'hv\tpaused\thigh-value\t{"threshold":"5000000.00"}',
    ]);

    const config = await admin.describeConfigs({
      resources: [{ type: 2, name: topic, configNames: ['cleanup.policy'] }],
      includeSynonyms: false,
    });
    expect(config.resources[0]?.configEntries[0]?.configValue).toBe('compact');
    const records = await readTopic(kafka, admin, topic);
    expect(records.map((r) => [r.key, r.value === 'null' ? null : JSON.parse(r.value).state])).toEqual([
      ['velocity-1m', 'active'],
      ['hv', 'active'],
      ['hv', 'paused'],
      ['hv', 'active'],
      ['hv', 'paused'],
      ['velocity-1m', null], // the tombstone
    ]);
    expect(JSON.parse(records[1]?.value ?? '')).toEqual({
      id: 'hv',
      kind: 'high-value',
      state: 'active',
      params: { threshold: '5000000.00' },
    });
  });

  it('refuses a bad file with the rule id and the zod issue, writing nothing', async () => {
    const before = await table();
    const ends = await admin.fetchTopicOffsets(topic);
    const bad = file('bad.json', [
      { id: 'ok', kind: 'velocity' },
      { id: 'v2', kind: 'velocity', params: { maxOrders: -1 } },
    ]);
    const error = await rules('put', bad).catch((e: unknown) => e);
    expect(isFraudError(error, 'invalid_rule')).toBe(true);
    expect((error as Error).message).toMatch(/^rule v2 is invalid: params\.maxOrders: /);
    await expect(rules('put', file('torn.json', '[{'))).rejects.toThrow(/cannot read JSON/);
    await expect(rules('put', file('empty.json', []))).rejects.toThrow(/holds no rule/);
    expect(await table()).toEqual(before);
    expect(await admin.fetchTopicOffsets(topic)).toEqual(ends);
  });

  it('pause and delete of an unknown id fail with unknown_rule', async () => {
    for (const action of ['pause', 'delete']) {
      const error = await rules(action, 'nope').catch((e: unknown) => e);
      expect(isFraudError(error, 'unknown_rule')).toBe(true);
      expect((error as Error).message).toBe('no rule nope in fraud_rules');
    }
  });

  it('names the missing key', async () => {
    const saved = env;
    env = { DATABASE_URL: temp.url };
    try {
      await expect(rules('pause', 'hv')).rejects.toMatchObject({ keys: ['KAFKA_BROKERS'] });
    } finally {
      env = saved;
    }
  });
});
