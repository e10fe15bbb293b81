/**
 * The `WindowingError` code `f` throws, undefined when it returns, or a "not a WindowingError" line for any other
 * throw (so a test comparing codes fails visibly on a TypeError).
 */
import { WindowingError } from '../src/index.js';

export function errorCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof WindowingError ? e.code : `not a WindowingError: ${String(e)}`;
  }
  return undefined;
}
