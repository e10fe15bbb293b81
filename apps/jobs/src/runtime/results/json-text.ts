/**
 * What may be stored as JSON: the subset of JavaScript values that survive `JSON.stringify`, PostgreSQL `jsonb` and
 * `JSON.parse` unchanged. Anything else would be dropped, turned into `null` or refused by PostgreSQL later, far
 * from the code that produced it.
 */

const MAX_DEPTH = 256;
// eslint-disable-next-line no-control-regex -- NUL is exactly what PostgreSQL refuses in text
const SUSPECT = /[\u0000\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why `text` cannot be stored in PostgreSQL (`text`, `json`, `jsonb`), or `null`: a NUL character or a lone UTF-16
 * surrogate.
 *
 * @example
 * textProblem('all'); // null
 * textProblem('a\u0000b'); // 'contains a NUL character'
 */
export function textProblem(text: string): string | null {
  if (!SUSPECT.test(text)) return null;
  if (text.includes('\u0000')) return 'contains a NUL character';
  return LONE_SURROGATE.test(text) ? 'contains a lone UTF-16 surrogate' : null;
}

function problemAt(value: unknown, path: string, depth: number): string | null {
  if (value === null || typeof value === 'boolean') return null;
  if (typeof value === 'number')
    return Number.isFinite(value) ? null : `${path} is ${String(value)}, not JSON`;
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem && `${path} ${problem}`;
  }
  if (value === undefined) return `${path} is undefined, not JSON`;
  if (typeof value !== 'object') return `${path} is a ${typeof value}, not JSON`;
  if (depth >= MAX_DEPTH) return `${path} is nested deeper than ${MAX_DEPTH} levels`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = problemAt(value[i], `${path}[${i}]`, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  // A plain object's prototype is `Object.prototype` of some realm (structuredClone builds main-realm objects,
  // which differ from a vm context's, e.g. under jest): that prototype has no prototype itself.
  if (proto !== null && Object.getPrototypeOf(proto) !== null) {
    return `${path} is a ${(value as object).constructor?.name ?? 'class instance'}, not a plain object`;
  }
  for (const [key, field] of Object.entries(value)) {
    const keyProblem = textProblem(key);
    if (keyProblem) return `${path} has a key that ${keyProblem}`;
    const problem = problemAt(field, `${path}.${key}`, depth + 1);
    if (problem) return problem;
  }
  return null;
}

/**
 * Why `value` is not storable JSON, naming the path (`value.items[2].price is NaN, not JSON`), or `null` when it is:
 * finite numbers, strings without NUL or lone surrogates, arrays and plain objects without `undefined`, at most 256
 * levels deep.
 *
 * @example
 * jsonProblem({ total_revenue: '10.00' }, 'value'); // null
 * jsonProblem({ avg: Number.NaN }, 'value'); // 'value.avg is NaN, not JSON'
 */
export function jsonProblem(value: unknown, path: string): string | null {
  return problemAt(value, path, 0);
}
