/**
 * Placeholders the TSDoc examples of libs/windowing use without declaring them: a running operator (per-customer
 * sums of order amounts), its inputs and a trigger's view of it. Real types, so a wrong name or call shape in an
 * example still fails `examples:check`.
 */
import type {
  StreamInput,
  WindowOperator,
  WindowOperatorSnapshot,
  WindowStreamOptions,
} from '@ecom/windowing';
import type { TestEvent, WindowedSpec } from '@ecom/windowing/testing';
import type { Pane } from '../../libs/windowing/src/operator/pane.js';
import type { TriggerContext, TriggerResult } from '../../libs/windowing/src/triggers/trigger.js';

/** The host's console: the library has no dependencies (not even Node's types), its examples print results. */
export declare const console: {
  log(...data: unknown[]): void;
  error(...data: unknown[]): void;
};
/** A running operator, and a new one built with the same options (after a restart). */
export declare const operator: WindowOperator<string, number, number>;
export declare const fresh: WindowOperator<string, number, number>;
/** A snapshot the operator took, and a JSON text read back from storage. */
export declare const snapshot: WindowOperatorSnapshot;
export declare const text: string;
/** A stream of elements and watermarks, and the options of `windowStream` over it. */
export declare const source: AsyncIterable<StreamInput<string, number>>;
export declare const options: WindowStreamOptions<string, number, number>;
/** A scripted run for `runWindowed`. */
export declare const events: TestEvent<string, number>[];
export declare const spec: WindowedSpec<string, number, number>;
/** Inside a trigger: its context, the pane it decides on, and what it returned. */
export declare const ctx: TriggerContext;
export declare const pane: Pane<string>;
export declare const result: TriggerResult;
/** The operator's actions on a trigger result. */
export declare function emit(): void;
export declare function clear(): void;
