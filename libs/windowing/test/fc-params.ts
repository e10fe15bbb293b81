/**
 * fast-check settings for a property spec: a fixed seed per spec (override every spec's with FC_SEED) and
 * FC_RUNS runs (default `runs`).
 */
export function fcParams(seed: number, runs = 300): { seed: number; numRuns: number } {
  return { seed: Number(process.env.FC_SEED ?? seed), numRuns: Number(process.env.FC_RUNS ?? runs) };
}
