/**
 * Placeholders the TSDoc examples of infra/ use without declaring them. Real types, so a wrong name or call shape
 * in an example still fails `examples:check`.
 */
import type { StackConfig } from '../../infra/stack/stack-config.js';

/** The stack's configuration, as `loadStackConfig()` returns it. */
export declare const cfg: StackConfig;
/** The pid of a service's process. */
export declare const pid: number;
/** A service's HTTP endpoint. */
export declare const url: string;
