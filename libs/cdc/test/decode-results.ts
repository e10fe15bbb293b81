/**
 * Unwrapping decode results in specs: the event of a successful result, the change event, or the error of a
 * failed one. Anything else fails the test with what came instead.
 */
import type { DecodeError } from '../src/errors.js';
import type { ChangeEvent, DecodedEvent, DecodeResult } from '../src/types.js';

const describeError = (e: DecodeError) => `${e.code} ${e.message} @${e.path.join('.')} (${e.part})`;

/** The event of a successful result. */
export function eventOf(r: DecodeResult): DecodedEvent {
  if (!r.ok) throw new Error(`expected an event, got ${describeError(r.error)}`);
  return r.value;
}

/** The change event of a successful result. */
export function changeOf(r: DecodeResult): ChangeEvent {
  const e = eventOf(r);
  if (e.kind !== 'change') throw new Error(`expected a change event, got ${e.kind}`);
  return e;
}

/** The error of a failed result. */
export function errorOf(r: DecodeResult): DecodeError {
  if (r.ok) throw new Error(`expected a decode error, got a ${r.value.kind} event`);
  return r.error;
}
