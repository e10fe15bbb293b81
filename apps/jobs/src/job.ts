import type { JobHost } from './job-host.js';

/**
 * A stream job the `jobs` app can run: a name, a one-line description, and a start function that
 * returns a stop function. Jobs compose @ecom libs with infrastructure adapters.
 *
 * @example
 * const job: JobDefinition = {
 *   name: 'fraud-alerts',
 *   description: 'Scores orders with @ecom/fraud on event-time windows and emits alerts.',
 *   start: async () => async () => {},
 * };
 */
export interface JobDefinition {
  readonly name: string;
  readonly description: string;
  /** Starts the job; `host`: what the jobs started in the same process share (a pool, the metrics server). */
  start(host?: JobHost): Promise<() => Promise<void>>;
}
