import { compileRule } from '../evaluate/compile-rule.js';
import type { RuleEvaluator } from '../evaluate/rule-evaluator.js';
import { FraudError } from '../errors.js';
import { parseRuleDefinition } from '../rules/parse-rule.js';
import type { RuleDefinition } from '../rules/rule-schema.js';

/** An evaluator that has these (optional) members. */
type With<K extends keyof RuleEvaluator> = RuleEvaluator & Required<Pick<RuleEvaluator, K>>;

/**
 * The detector's rules: definitions by id (insertion order), the active evaluators, and the retention they need.
 *
 * @example
 * const set = new RuleSet(3_600_000);
 * set.put({ id: 'v', kind: 'velocity' });
 * set.active.length; // 1
 */
export class RuleSet {
  private readonly byId = new Map<string, RuleEvaluator>();
  /** Active evaluators, in insertion order. */
  active: RuleEvaluator[] = [];
  /**
   * The active evaluators with a handler for each kind of event (insertion order): the per-event loops visit only
   * those.
   */
  orderRules: With<'onOrder'>[] = [];
  paymentRules: With<'onPayment'>[] = [];
  settleRules: With<'onSettle' | 'settleMs'>[] = [];
  customerRules: With<'onCustomer'>[] = [];
  /** Distinct settle delays of the active items-mode rules. */
  settleDelays: number[] = [];
  /** max(horizon, every rule's span), paused rules included (their state is kept). */
  retentionMs: number;

  constructor(private readonly horizonMs: number) {
    this.retentionMs = horizonMs;
  }

  /** Validates and adds or replaces a rule; a bad definition throws `FraudError` and changes nothing. */
  put(input: unknown): RuleDefinition {
    const def = parseRuleDefinition(input);
    const evaluator = compileRule(def);
    this.byId.set(def.id, evaluator);
    this.refresh();
    return def;
  }

  setState(id: string, state: 'active' | 'paused'): RuleDefinition {
    const ev = this.byId.get(id);
    if (ev === undefined) throw new FraudError('unknown_rule', `no rule ${id}`, { ruleId: id });
    if (ev.def.state === state) return ev.def;
    return this.put({ ...ev.def, state });
  }

  delete(id: string): boolean {
    const had = this.byId.delete(id);
    if (had) this.refresh();
    return had;
  }

  get(id: string): RuleEvaluator | undefined {
    return this.byId.get(id);
  }

  definitions(): RuleDefinition[] {
    return [...this.byId.values()].map((e) => e.def);
  }

  /** Whether a small-then-large rule's armed order expires (unknown rules: yes). */
  armedExpires = (ruleId: string): boolean => this.byId.get(ruleId)?.armedExpires ?? true;

  private refresh(): void {
    const all = [...this.byId.values()];
    this.active = all.filter((e) => e.def.state === 'active');
    this.orderRules = this.active.filter((e): e is With<'onOrder'> => e.onOrder !== undefined);
    this.paymentRules = this.active.filter((e): e is With<'onPayment'> => e.onPayment !== undefined);
    this.settleRules = this.active.filter(
      (e): e is With<'onSettle' | 'settleMs'> => e.onSettle !== undefined && e.settleMs !== undefined,
    );
    this.customerRules = this.active.filter((e): e is With<'onCustomer'> => e.onCustomer !== undefined);
    this.settleDelays = [
      ...new Set(this.active.flatMap((e) => (e.settleMs === undefined ? [] : [e.settleMs]))),
    ];
    this.retentionMs = Math.max(this.horizonMs, ...all.map((e) => e.spanMs));
  }
}
