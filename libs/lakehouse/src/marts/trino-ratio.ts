/**
 * Exact rounded division in Trino. Trino's decimal division picks its own result scale (at least 6 digits) and
 * rounds there, so casting that to the mart's scale rounds twice and can differ from the exact quotient in the
 * last digit. Here the quotient is rounded once, half away from zero, from exact integer arithmetic.
 */

/**
 * `num / den` rounded half away from zero to `scale` digits, as `DECIMAL(38, scale)`; NULL when `den` is 0.
 * `num` and `den` may be any exact numbers with at most 4 fraction digits (money has 2, counts 0).
 *
 * @example
 * trinoRatio('sum(total_price)', 'count(*)', 2); // a DECIMAL(38,2) average order value, exact
 */
export function trinoRatio(num: string, den: string, scale: number): string {
  const n = `CAST(${num} AS DECIMAL(38, 4))`;
  const d = `CAST(NULLIF(${den}, 0) AS DECIMAL(38, 4))`;
  // round(|n| / |d|) = floor((2·|n|·10^s + |d|) / (2·|d|)); floor(x / y) = (x - mod(x, y)) / y, an exact integer.
  const x = `(2 * abs(${n}) * ${10 ** scale} + abs(${d}))`;
  const y = `(2 * abs(${d}))`;
  const unit = scale === 0 ? '1' : `DECIMAL '0.${'0'.repeat(scale - 1)}1'`;
  return `CAST(sign(${n}) * sign(${d}) * ((${x} - mod(${x}, ${y})) / ${y}) * ${unit} AS DECIMAL(38, ${scale}))`;
}
