import { moneySchema } from '@ecom/domain';
import { z } from 'zod';

/** A rule id: 1–64 characters, letters, digits, `.`, `_` and `-`, starting with a letter or digit (no `/`: alert ids use it). */
const ruleIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
  message: 'a rule id is 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit',
});

/** Minutes as a positive number whose span is a whole number of milliseconds (`0.5` = 30 s). */
const minutesSchema = z
  .number()
  .positive()
  .max(525_600)
  .refine(
    (m) => Number.isInteger(Math.round(m * 60_000)) && Math.abs(m * 60_000 - Math.round(m * 60_000)) < 1e-6,
    {
      message: 'the span must be a whole number of milliseconds',
    },
  );

const countSchema = (min: number) => z.number().int().min(min).max(1_000_000);

/**
 * Alert severities, lowest first.
 *
 * @example
 * SEVERITIES; // ['low', 'medium', 'high', 'critical']
 */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

/**
 * An alert severity.
 *
 * @example
 * const s: Severity = 'high';
 */
export type Severity = (typeof SEVERITIES)[number];

const common = {
  id: ruleIdSchema,
  state: z.enum(['active', 'paused']).default('active'),
  severity: z.enum(SEVERITIES).optional(),
};

const velocityParams = z
  .object({
    maxOrders: countSchema(0).default(5),
    windowMinutes: minutesSchema.default(1),
    window: z.enum(['look-back', 'tumbling']).default('look-back'),
  })
  .strict();

const highValueParams = z.object({ threshold: moneySchema.default('10000000.00') }).strict();

const repeatedParams = z
  .object({
    match: z.enum(['items', 'total']).default('items'),
    count: countSchema(2).default(3),
    windowMinutes: minutesSchema.default(10),
    settleSeconds: z.number().int().min(0).max(3600).default(5),
  })
  .strict();

const smallThenLargeParams = z
  .object({
    smallBelow: moneySchema.default('25000.00'),
    largeAbove: moneySchema.default('12500000.00'),
    withinMinutes: minutesSchema.nullable().default(1),
  })
  .strict();

const newAccountParams = z
  .object({
    threshold: moneySchema.default('5000000.00'),
    withinHours: z.number().positive().max(8760).default(24),
  })
  .strict();

const paymentHoppingParams = z
  .object({
    mode: z.enum(['distinct-methods', 'failed-payments']).default('distinct-methods'),
    count: countSchema(2).default(3),
    windowMinutes: minutesSchema.default(10),
  })
  .strict();

const aggregateParams = z
  .object({
    aggregate: z.enum(['sum', 'count', 'avg', 'min', 'max']),
    field: z.literal('total_price').default('total_price'),
    operator: z.enum(['>', '>=', '<', '<=', '=', '!=']),
    limit: moneySchema,
    windowMinutes: minutesSchema,
  })
  .strict();

/**
 * The zod schema of a rule definition: `{ id, kind, params, state?, severity? }`, discriminated on `kind`. Unknown
 * fields are rejected; missing params take the documented defaults.
 *
 * @example
 * const def = ruleDefinitionSchema.parse({ id: 'velocity-1m', kind: 'velocity', params: { maxOrders: 5 } });
 * def.params; // { maxOrders: 5, windowMinutes: 1, window: 'look-back' }
 */
export const ruleDefinitionSchema = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('velocity'), params: velocityParams.prefault({}) }).strict(),
  z.object({ ...common, kind: z.literal('high-value'), params: highValueParams.prefault({}) }).strict(),
  z.object({ ...common, kind: z.literal('repeated-orders'), params: repeatedParams.prefault({}) }).strict(),
  z
    .object({ ...common, kind: z.literal('small-then-large'), params: smallThenLargeParams.prefault({}) })
    .strict(),
  z
    .object({ ...common, kind: z.literal('new-account-high-value'), params: newAccountParams.prefault({}) })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('payment-method-hopping'),
      params: paymentHoppingParams.prefault({}),
    })
    .strict(),
  z.object({ ...common, kind: z.literal('aggregate'), params: aggregateParams }).strict(),
]);

/**
 * A validated rule definition (defaults filled in).
 *
 * @example
 * const def: RuleDefinition = { id: 'big', kind: 'high-value', state: 'active', params: { threshold: '10000000.00' } };
 */
export type RuleDefinition = z.output<typeof ruleDefinitionSchema>;

/**
 * A rule definition as written (JSON, before defaults).
 *
 * @example
 * const input: RuleDefinitionInput = { id: 'big', kind: 'high-value' };
 */
export type RuleDefinitionInput = z.input<typeof ruleDefinitionSchema>;

/**
 * The rule kinds.
 *
 * @example
 * const k: RuleKind = 'small-then-large';
 */
export type RuleKind = RuleDefinition['kind'];

/**
 * The definition of one kind.
 *
 * @example
 * const v: RuleOfKind<'velocity'> = { id: 'v', kind: 'velocity', state: 'active', params: { maxOrders: 5, windowMinutes: 1, window: 'tumbling' } };
 */
export type RuleOfKind<K extends RuleKind> = Extract<RuleDefinition, { kind: K }>;
