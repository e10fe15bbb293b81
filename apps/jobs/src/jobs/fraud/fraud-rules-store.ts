/**
 * The durable store of the fraud rules users edit (`npm run jobs -- rules …`): the Postgres table `fraud_rules`
 * (migration 7), and the compacted rules topic the running job reads (key = rule id, value = the definition's JSON,
 * a tombstone for a delete). Every change validates first, then, in one transaction, writes the row (the row lock
 * orders concurrent edits of a rule), publishes the change and waits for the broker's acknowledgement, and only
 * then commits: a failed publish rolls the row back. The one gap (the commit fails after the publish) leaves the
 * topic ahead of the table; every command is idempotent, so running it again makes them agree.
 */
import { FraudError, safeParseRuleDefinition, type RuleDefinition } from '@ecom/fraud';
import { inTransaction, type PgPool } from '../../runtime/postgres/pg-transaction.js';

/**
 * One rule change to publish on the rules topic (`definition` `null`: a tombstone).
 *
 * @example
 * const change: PublishedRuleChange = { id: 'velocity-1m', definition: null };
 */
export interface PublishedRuleChange {
  readonly id: string;
  readonly definition: RuleDefinition | null;
}

/**
 * Publishes rule changes to the rules topic and resolves once the broker acknowledged them (acks = all).
 *
 * @example
 * const none: RulePublisher = async () => undefined;
 */
export type RulePublisher = (changes: readonly PublishedRuleChange[]) => Promise<void>;

/**
 * The Kafka message of a rule change on the rules topic: key = rule id, value = the definition's JSON or `null`.
 *
 * @example
 * ruleChangeMessage({ id: 'hv', definition: null }); // { key: 'hv', value: null }
 */
export function ruleChangeMessage(change: PublishedRuleChange): { key: string; value: string | null } {
  return {
    key: change.id,
    value: change.definition === null ? null : JSON.stringify(change.definition),
  };
}

/**
 * One row of `fraud_rules`.
 *
 * @example
 * const row: StoredRule = { id: 'hv', state: 'active', definition: { id: 'hv', kind: 'high-value', state: 'active', params: { threshold: '1.00' } }, updatedAt: new Date(0) };
 */
export interface StoredRule {
  readonly id: string;
  readonly state: 'active' | 'paused';
  readonly definition: RuleDefinition;
  readonly updatedAt: Date;
}

/**
 * Validates rule definitions (one object or an array, as `rules put` reads them from a file) before anything is
 * written.
 *
 * @throws FraudError `invalid_rule` naming the rule id and its first zod issue (all of them in `issues`), or a
 *   repeated id; an empty list.
 *
 * @example
 * parseRuleFile({ id: 'hv', kind: 'high-value' })[0]?.params; // { threshold: '10000000.00' }
 */
export function parseRuleFile(content: unknown): RuleDefinition[] {
  const list = Array.isArray(content) ? content : [content];
  if (list.length === 0) throw new FraudError('invalid_rule', 'the file holds no rule', { raw: content });
  const seen = new Set<string>();
  return list.map((input) => {
    const r = safeParseRuleDefinition(input);
    if (!r.ok) throw r.error;
    if (seen.has(r.value.id))
      throw new FraudError('invalid_rule', `rule ${r.value.id} is defined twice`, { ruleId: r.value.id });
    seen.add(r.value.id);
    return r.value;
  });
}

const unknownRule = (id: string) =>
  new FraudError('unknown_rule', `no rule ${id} in fraud_rules`, { ruleId: id });

/**
 * The rules table and topic together (see the file comment).
 *
 * @example
 * import pg from 'pg';
 * const store = new FraudRulesStore(new pg.Pool(), async () => undefined);
 * await store.put([{ id: 'hv', kind: 'high-value', state: 'active', params: { threshold: '1.00' } }]);
 */
export class FraudRulesStore {
  constructor(
    private readonly pool: PgPool,
    private readonly publish: RulePublisher,
  ) {}

  /** Every rule, by id. */
  async list(): Promise<StoredRule[]> {
    const { rows } = await this.pool.query<{
      id: string;
      state: 'active' | 'paused';
      definition: RuleDefinition;
      updated_at: Date;
    }>('SELECT id, state, definition, updated_at FROM fraud_rules ORDER BY id');
    return rows.map((r) => ({ id: r.id, state: r.state, definition: r.definition, updatedAt: r.updated_at }));
  }

  /** Adds or replaces validated definitions (see {@link parseRuleFile}), all in one transaction. */
  async put(definitions: readonly RuleDefinition[]): Promise<void> {
    await inTransaction(this.pool, 'fraud rules: put', async (client) => {
      for (const d of definitions)
        await client.query(
          `INSERT INTO fraud_rules (id, definition, state) VALUES ($1, $2, $3)
           ON CONFLICT (id) DO UPDATE SET definition = EXCLUDED.definition, state = EXCLUDED.state`,
          [d.id, JSON.stringify(d), d.state],
        );
      await this.publish(definitions.map((definition) => ({ id: definition.id, definition })));
    });
  }

  /** Sets a rule's state (a pause or a resume); `FraudError` `unknown_rule` when the table has no such rule. */
  async setState(id: string, state: 'active' | 'paused'): Promise<RuleDefinition> {
    const changed = await inTransaction(this.pool, `fraud rules: ${state} ${id}`, async (client) => {
      const { rows } = await client.query<{ definition: RuleDefinition }>(
        'SELECT definition FROM fraud_rules WHERE id = $1 FOR UPDATE',
        [id],
      );
      const current = rows[0]?.definition;
      if (current === undefined) return null;
      const definition = { ...current, state } as RuleDefinition;
      await client.query('UPDATE fraud_rules SET definition = $2, state = $3 WHERE id = $1', [
        id,
        JSON.stringify(definition),
        state,
      ]);
      await this.publish([{ id, definition }]);
      return definition;
    });
    if (changed === null) throw unknownRule(id);
    return changed;
  }

  /** Deletes a rule (a tombstone on the topic); `FraudError` `unknown_rule` when the table has no such rule. */
  async delete(id: string): Promise<void> {
    const deleted = await inTransaction(this.pool, `fraud rules: delete ${id}`, async (client) => {
      const { rowCount } = await client.query('DELETE FROM fraud_rules WHERE id = $1', [id]);
      if (!rowCount) return false;
      await this.publish([{ id, definition: null }]);
      return true;
    });
    if (!deleted) throw unknownRule(id);
  }
}
