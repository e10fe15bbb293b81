/** What the detector feeds its two keyed operators (internal). */

/** Customer-keyed elements. */
export type CustomerEvent =
  | {
      readonly k: 'order';
      readonly id: number;
      readonly t: number;
      readonly total: string;
      readonly minor: bigint;
    }
  | { readonly k: 'items'; readonly orderId: number; readonly items: readonly ItemTuple[] }
  | {
      readonly k: 'payment';
      readonly id: number;
      readonly orderId: number;
      readonly t: number;
      readonly method: string;
      readonly amount: string;
      readonly failed: boolean;
    }
  | { readonly k: 'customer'; readonly createdAt: number };

/** `[order_item_id, product_id, quantity]`. */
export type ItemTuple = readonly [number, number, number];

/** Order-keyed elements of the order/items join. */
export type JoinEvent =
  | { readonly k: 'order'; readonly customerId: number; readonly t: number }
  | { readonly k: 'item'; readonly item: ItemTuple; readonly t: number };

/** Rounds `t` up to the next whole minute (clean-up timers: at most one per key per minute). */
export const roundUpToMinute = (t: number): number => Math.ceil(t / 60_000) * 60_000;
