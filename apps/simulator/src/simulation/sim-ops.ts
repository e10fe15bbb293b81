import type {
  CustomerEventType,
  Money,
  OrderStatus,
  PaymentMethod,
  PaymentStatus,
  ShipmentStatus,
} from '@ecom/domain';

/** One `customer_events` row the simulation appends (times are epoch milliseconds). */
export interface SimEvent {
  readonly at: number;
  readonly type: CustomerEventType;
  readonly customerId: number;
  readonly sessionId: string;
  readonly productId?: number;
  readonly categoryId?: number;
  /** Simulation order id (the writer maps it to the database id). */
  readonly orderId?: number;
  readonly quantity?: number;
}

/** A line of a planned order. `price` is the unit price at order time. */
export interface SimOrderLine {
  readonly productId: number;
  readonly quantity: number;
  readonly price: Money;
}

/** The fraud pattern an injected order belongs to. */
export type FraudPattern = 'burst' | 'high_value' | 'repeated';

/** Marks an order as injected fraud (ground truth). */
export interface FraudTag {
  readonly pattern: FraudPattern;
  readonly scenarioId: string;
  readonly scenarioSize: number;
}

/** Everything one order transaction writes: the order, its items, a pending payment and a preparing shipment. */
export interface SimOrder {
  readonly orderId: number;
  readonly customerId: number;
  readonly sessionId: string;
  readonly lines: readonly SimOrderLine[];
  readonly total: Money;
  readonly paymentMethod: PaymentMethod;
  /** Random suffix of the transaction id and tracking number (the writer adds the order id, so they are unique). */
  readonly reference: string;
  readonly address: string;
  readonly city: string;
  readonly zipCode: string | null;
  /** Cart lines (product ids) the order consumes. */
  readonly cartProductIds: readonly number[];
  readonly fraud?: FraudTag;
}

/** A status change of an order, its payment and/or shipment (one transaction). */
export interface SimOrderUpdate {
  readonly orderId: number;
  readonly customerId: number;
  readonly order?: OrderStatus;
  readonly payment?: PaymentStatus;
  readonly shipment?: ShipmentStatus;
  /** Items going back to stock (cancellations). */
  readonly restock?: readonly SimOrderLine[];
}

/**
 * One database change of the simulation, in time order. Every shopper action carries its `customer_events` row.
 *
 * @example
 * const op: SimOp = { kind: 'event', at: Date.now(), event: { at: Date.now(), type: 'view_product', customerId: 1, sessionId: rng.uuid(), productId: 3 } };
 */
export type SimOp =
  | { readonly kind: 'event'; readonly at: number; readonly event: SimEvent }
  | {
      readonly kind: 'cart_set';
      readonly at: number;
      readonly customerId: number;
      readonly productId: number;
      readonly quantity: number;
      readonly event: SimEvent;
    }
  | {
      readonly kind: 'cart_delete';
      readonly at: number;
      readonly customerId: number;
      readonly productId: number;
      readonly event: SimEvent;
    }
  | {
      readonly kind: 'wishlist_add';
      readonly at: number;
      readonly customerId: number;
      readonly productId: number;
      readonly event: SimEvent;
    }
  | { readonly kind: 'place_order'; readonly at: number; readonly order: SimOrder; readonly event: SimEvent }
  | {
      readonly kind: 'order_update';
      readonly at: number;
      readonly update: SimOrderUpdate;
      readonly event?: SimEvent;
    }
  | { readonly kind: 'restock'; readonly at: number; readonly productId: number; readonly quantity: number };
