import { WindowingError } from '../errors.js';
import { assertInteger, describe } from '../time.js';
import { CountTrigger } from './count-trigger.js';
import { EventTimeTrigger } from './event-time-trigger.js';
import { PurgingTrigger } from './purging-trigger.js';
import type { Trigger } from './trigger.js';
import type { TriggerSpec } from './trigger-spec.js';

const FIELDS: Record<string, readonly string[]> = {
  'event-time': ['type', 'earlyEveryMs', 'earlyEveryElements'],
  count: ['type', 'count'],
  purging: ['type', 'trigger'],
};

/**
 * Validates a {@link TriggerSpec} (it may come from JSON config) and builds the trigger.
 *
 * @example
 * createTrigger({ type: 'purging', trigger: { type: 'event-time' } });
 * createTrigger({ type: 'continuous' } as never); // throws WindowingError('UNKNOWN_TRIGGER')
 */
export function createTrigger(spec: TriggerSpec): Trigger {
  if (spec === null || typeof spec !== 'object' || typeof (spec as { type?: unknown }).type !== 'string') {
    throw new WindowingError('UNKNOWN_TRIGGER', `trigger must be an object with a string "type", got ${describe(spec)}`);
  }
  const fields = FIELDS[spec.type];
  if (!fields) {
    throw new WindowingError(
      'UNKNOWN_TRIGGER',
      `unknown trigger type ${describe(spec.type)}; expected one of ${Object.keys(FIELDS).join(', ')}`,
    );
  }
  for (const field of Object.keys(spec)) {
    if (!fields.includes(field)) {
      throw new WindowingError('INVALID_TRIGGER', `unknown field "${field}" in ${spec.type} trigger config`);
    }
  }
  switch (spec.type) {
    case 'event-time': {
      const everyMs = spec.earlyEveryMs === undefined ? 0 : assertInteger(spec.earlyEveryMs, 'earlyEveryMs', 'INVALID_TRIGGER', 1);
      const everyElements =
        spec.earlyEveryElements === undefined ? 0 : assertInteger(spec.earlyEveryElements, 'earlyEveryElements', 'INVALID_TRIGGER', 1);
      return new EventTimeTrigger(everyMs, everyElements);
    }
    case 'count':
      return new CountTrigger(assertInteger(spec.count, 'count trigger count', 'INVALID_TRIGGER', 1));
    case 'purging': {
      const inner = createTrigger(spec.trigger);
      if (inner.purging) throw new WindowingError('INVALID_TRIGGER', 'purging trigger wraps another purging trigger');
      return new PurgingTrigger(inner);
    }
  }
}
