/**
 * The API version reported by `GET /` and the OpenAPI document.
 *
 * @example
 * ```ts
 * API_VERSION; // '0.1.0'
 * ```
 */
export const API_VERSION = '0.1.0';
