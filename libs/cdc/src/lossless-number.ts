/**
 * A JSON number literal kept as text because a double cannot hold it exactly (e.g. `1.23456789123456789`).
 * Produced by {@link parseLosslessJson}; decimal decoders use its `text`.
 *
 * @example
 * const n = new LosslessNumber('1.23456789123456789');
 * n.toString() // '1.23456789123456789'
 */
export class LosslessNumber {
  constructor(readonly text: string) {}
  /** The nearest double. */
  valueOf(): number {
    return Number(this.text);
  }
  toString(): string {
    return this.text;
  }
  toJSON(): string {
    return this.text;
  }
}
