/**
 * Probabilities of an order's fate: the payment fails (order cancelled), or the customer cancels after paying
 * (payment refunded); otherwise it ships and is delivered.
 *
 * @example
 * ORDER_OUTCOMES.paymentFailure; // 0.04
 */
export const ORDER_OUTCOMES = {
  paymentFailure: 0.04,
  cancelAfterPayment: 0.03,
} as const;

/**
 * Quantity a shopper puts in the cart for a new line: 1–5 like the original, but at most 2 for items from 1 M VND
 * and 1 from 5 M VND (nobody buys five gaming laptops in one click).
 *
 * @example
 * newLineQuantityRange(18_000_000); // [1, 1]
 */
export function newLineQuantityRange(unitPriceVnd: number): readonly [number, number] {
  if (unitPriceVnd >= 5_000_000) return [1, 1];
  if (unitPriceVnd >= 1_000_000) return [1, 2];
  return [1, 5];
}
