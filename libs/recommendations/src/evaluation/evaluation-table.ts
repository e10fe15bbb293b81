import type { EvaluationResult } from './metrics.js';

/**
 * Formats evaluation results as a text table with each model's ratio to a baseline (by name).
 *
 * @example
 * console.log(evaluationTable(results, 'global popularity'));
 */
export function evaluationTable(results: readonly EvaluationResult[], baseline: string): string {
  const base = results.find((r) => r.recommender === baseline);
  const ratio = (v: number, b: number | undefined): string => (b ? `${(v / b).toFixed(2)}×` : '—');
  const rows = results.map((r) =>
    [
      r.recommender.padEnd(26),
      r.hitRate.toFixed(3).padStart(7),
      ratio(r.hitRate, base?.hitRate).padStart(7),
      r.ndcg.toFixed(3).padStart(8),
      ratio(r.ndcg, base?.ndcg).padStart(7),
    ].join(' '),
  );
  const k = results[0]?.k ?? 10;
  return [
    `${'model'.padEnd(26)} ${`HR@${k}`.padStart(7)} ${'ratio'.padStart(7)} ${`NDCG@${k}`.padStart(8)} ${'ratio'.padStart(7)}`,
    ...rows,
    `(${results[0]?.customers ?? 0} customers, leave-last-out; ratios to ${baseline})`,
  ].join('\n');
}
