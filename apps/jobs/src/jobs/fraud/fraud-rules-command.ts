/**
 * `npm run jobs -- rules list | put <file> | pause <id> | resume <id> | delete <id>`: the fraud rules in the
 * `fraud_rules` table (`DATABASE_URL`) and their changes on the rules topic (`KAFKA_BROKERS`, `FRAUD_RULES_TOPIC`,
 * created compacted when missing), through {@link FraudRulesStore}. `put` reads and validates the whole file before
 * it connects to anything.
 */
import { readFile } from 'node:fs/promises';
import { FraudError, type RuleDefinition } from '@ecom/fraud';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { loadJobsConfig } from '../../runtime/config/jobs-config.js';
import { loadKafkaConfig } from '../../runtime/config/kafka-config.js';
import { ensureTopic } from '../../runtime/run/ensure-topic.js';
import { fraudRulesTopic } from './fraud-rules-file.js';
import { FraudRulesStore, parseRuleFile, ruleChangeMessage, type StoredRule } from './fraud-rules-store.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * One `rules` command.
 *
 * @example
 * const command: RulesCommand = { action: 'pause', id: 'velocity-1m' };
 */
export type RulesCommand =
  | { readonly action: 'list' }
  | { readonly action: 'put'; readonly file: string }
  | { readonly action: 'pause' | 'resume' | 'delete'; readonly id: string };

/** The `rules list` table: id, state, kind, params (JSON), one rule a line. */
function formatRules(rules: readonly StoredRule[]): string {
  if (rules.length === 0) return 'No fraud rules in fraud_rules.';
  return [
    'id\tstate\tkind\tparams',
    ...rules.map((r) => `${r.id}\t${r.state}\t${r.definition.kind}\t${JSON.stringify(r.definition.params)}`),
  ].join('\n');
}

async function readRuleFile(file: string): Promise<RuleDefinition[]> {
  let content: unknown;
  try {
    content = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new FraudError('invalid_rule', `cannot read JSON from ${file}: ${String(e)}`, { raw: file });
  }
  return parseRuleFile(content);
}

/**
 * Runs one `rules` command over the environment; resolves to the text to print.
 *
 * @throws FraudError `invalid_rule` (rule id and zod issue) for a bad file, `unknown_rule` for an id the table does
 *   not have; JobsConfigError naming a missing or bad key; JobRuntimeError when Postgres or Kafka fail (nothing is
 *   written then).
 *
 * @example
 * await runRulesCommand({ action: 'list' }, { DATABASE_URL: 'postgres://postgres@127.0.0.1:55432/ecom' });
 */
export async function runRulesCommand(command: RulesCommand, env: Env): Promise<string> {
  const definitions = command.action === 'put' ? await readRuleFile(command.file) : [];
  const config = loadJobsConfig(env);
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 1 });
  try {
    if (command.action === 'list') return formatRules(await new FraudRulesStore(pool, noPublish).list());
    const kafkaConfig = loadKafkaConfig(env);
    const topic = fraudRulesTopic(env);
    const kafka = new Kafka({
      clientId: kafkaConfig.kafkaClientId,
      brokers: [...kafkaConfig.kafkaBrokers],
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await ensureTopic(admin, topic, 1, { compacted: true });
    } finally {
      await admin.disconnect();
    }
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      const store = new FraudRulesStore(pool, async (changes) => {
        await producer.send({ topic, acks: -1, messages: changes.map(ruleChangeMessage) });
      });
      switch (command.action) {
        case 'put':
          await store.put(definitions);
          return definitions.map((d) => `put ${d.id} (${d.kind}, ${d.state})`).join('\n');
        case 'delete':
          await store.delete(command.id);
          return `deleted ${command.id}`;
        default: {
          const state = command.action === 'pause' ? 'paused' : 'active';
          await store.setState(command.id, state);
          return `${command.id} is ${state}`;
        }
      }
    } finally {
      await producer.disconnect();
    }
  } finally {
    await pool.end();
  }
}

const noPublish = async (): Promise<void> => undefined;
