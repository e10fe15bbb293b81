import { PAYMENT_METHODS, multiplyMoney, sumMoney, type CustomerEventType } from '@ecom/domain';
import type { Rng } from '../random/rng.js';
import { MAX_RHYTHM, rhythmAt } from './daily-rhythm.js';
import { EventQueue } from './event-queue.js';
import { planFraudScenarios, type FraudOptions } from './fraud-scenarios.js';
import { ORDER_OUTCOMES, newLineQuantityRange } from './order-outcomes.js';
import type { ShopState, SimCustomer, SimProduct } from './shop-state.js';
import type { FraudTag, SimEvent, SimOp, SimOrder, SimOrderLine } from './sim-ops.js';
import type { TimingProfile } from './timing-profile.js';
import { ACTIONS, type Action, type ActionWeights } from './weights.js';

const DAY_MS = 86_400_000;
const LOW_STOCK = 5;
const LEAVE_PROBABILITY = 0.04;
/** Chance that a view after a cart addition goes to a bundle partner of the product added. */
const BUNDLE_FOLLOW = 0.6;
/** Chance that a view stays in the category being browsed. */
const STAY_IN_CATEGORY = 0.7;

/** How sessions arrive: `slots` concurrent shoppers (live), or a daily-rhythm Poisson process (historical). */
export type Arrivals =
  | { readonly kind: 'slots'; readonly shoppers: number }
  | { readonly kind: 'daily'; readonly sessionsPerDay: number };

/** Options of {@link SimulationEngine}. */
export interface EngineOptions {
  /** First instant of the simulation (epoch ms). */
  readonly start: number;
  /** End (exclusive): nothing happens at or after it. */
  readonly end: number;
  readonly arrivals: Arrivals;
  readonly profile: TimingProfile;
  readonly weights: ActionWeights;
  /** Mean think time (ms, exponential) instead of the profile's uniform range: set by `--rate`. */
  readonly meanThinkMs?: number;
  readonly fraud?: FraudOptions;
}

interface Session {
  readonly id: string;
  readonly customer: SimCustomer;
  readonly viewed: number[];
  category: number | undefined;
  /** The product last added to the cart (its bundle partners are viewed next, mostly). */
  lastCarted: number | undefined;
  steps: number;
  readonly maxSteps: number;
  readonly slot: number | undefined;
}

type Task = (at: number) => void;

/** What a run produced, by kind. */
export interface EngineStats {
  sessions: number;
  events: number;
  orders: number;
  fraudOrders: number;
  updates: number;
  restocks: number;
}

/**
 * A deterministic discrete-event simulation of shoppers. All randomness comes from one {@link Rng}; time is virtual
 * (epoch ms), so the same seed, arguments and starting state give the same operations, whether a live writer replays
 * them at wall-clock pace or a bulk writer back-dates them.
 *
 * Sessions follow a funnel: they start by browsing or viewing, add viewed products to the cart or wishlist, may remove
 * cart lines, and end after placing an order (as in the original) or when the shopper leaves. Actions are chosen with
 * the given weights among those that make sense (no order with an empty cart). An order consumes the cart lines it
 * can fill from stock; its payment and shipment then move through their lifecycles over time. When the state has
 * `ShopTastes`, what a shopper browses and views follows their tastes (category affinities, price band, bundle
 * partners of what they just carted); the mix of actions stays the weights'.
 *
 * @example
 * const start = Date.parse('2026-01-01T00:00:00Z');
 * const end = start + 30 * 86_400_000;
 * const engine = new SimulationEngine(state, rng, { start, end, arrivals: { kind: 'daily', sessionsPerDay: 300 }, profile: HISTORICAL_PROFILE, weights: DEFAULT_WEIGHTS });
 * for (const op of engine.run()) writer.add(op);
 */
export class SimulationEngine {
  readonly stats: EngineStats = {
    sessions: 0,
    events: 0,
    orders: 0,
    fraudOrders: 0,
    updates: 0,
    restocks: 0,
  };
  /** Non-fatal notes (e.g. a fraud scenario that did not fit). */
  readonly warnings: string[] = [];
  private readonly queue = new EventQueue<Task>();
  private readonly out: SimOp[] = [];
  private readonly pendingRestock = new Set<number>();

  constructor(
    private readonly state: ShopState,
    private readonly rng: Rng,
    private readonly options: EngineOptions,
  ) {}

  /**
   * Runs the simulation, yielding operations in time order.
   *
   * @example
   * const ops = [...engine.run()];
   */
  *run(): Generator<SimOp> {
    const { start, end, arrivals } = this.options;
    if (this.state.customers.length > 0 && this.state.hasActiveProducts) {
      if (arrivals.kind === 'slots') {
        const [, maxThink] = this.options.profile.think;
        for (let slot = 0; slot < arrivals.shoppers; slot++) {
          this.queue.push(start + this.rng.float(0, maxThink), (at) => this.startSession(at, slot));
        }
      } else if (arrivals.sessionsPerDay > 0) {
        this.scheduleArrival(start, arrivals.sessionsPerDay);
      }
    } else if (this.state.customers.length === 0) {
      this.warnings.push('no customers: run `generate` first');
    } else {
      this.warnings.push('no active products: run `generate` first');
    }
    if (this.options.fraud) {
      const scenarios = planFraudScenarios(
        this.state,
        this.rng.fork('fraud'),
        { start, end },
        this.options.fraud,
        {
          placeOrder: (at, customer, sessionId, lines, fraud) =>
            this.placeOrder(at, customer, sessionId, lines, [], fraud),
          schedule: (at, task) => this.queue.push(at, task),
          ensureStock: (at, product, quantity) => this.ensureStock(at, product, quantity),
        },
      );
      this.warnings.push(...scenarios.warnings);
    }
    for (;;) {
      const next = this.queue.pop();
      if (!next || next.at >= end) break;
      next.value(next.at);
      if (this.out.length > 0) {
        yield* this.out;
        this.out.length = 0;
      }
    }
  }

  private scheduleArrival(from: number, sessionsPerDay: number): void {
    const candidateGap = DAY_MS / (sessionsPerDay * MAX_RHYTHM);
    const at = from + this.rng.exponential(candidateGap);
    this.queue.push(at, (now) => {
      if (this.rng.next() < rhythmAt(now) / MAX_RHYTHM) this.startSession(now, undefined);
      this.scheduleArrival(now, sessionsPerDay);
    });
  }

  private think(): number {
    const mean = this.options.meanThinkMs;
    if (mean !== undefined) return this.rng.exponential(mean);
    const [min, max] = this.options.profile.think;
    return this.rng.float(min, max);
  }

  private startSession(at: number, slot: number | undefined): void {
    const session: Session = {
      id: this.rng.uuid(),
      customer: this.rng.pick(this.state.customers),
      viewed: [],
      category: undefined,
      lastCarted: undefined,
      steps: 0,
      maxSteps: this.rng.int(3, 30),
      slot,
    };
    this.stats.sessions++;
    this.step(at, session);
  }

  private step(at: number, session: Session): void {
    const action = this.chooseAction(session);
    const ordered = this.perform(at, session, action);
    session.steps++;
    if (ordered || session.steps >= session.maxSteps || this.rng.chance(LEAVE_PROBABILITY)) {
      if (session.slot !== undefined) {
        const slot = session.slot;
        this.queue.push(at + this.think(), (next) => this.startSession(next, slot));
      }
      return;
    }
    this.queue.push(at + this.think(), (next) => this.step(next, session));
  }

  private chooseAction(session: Session): Action {
    const cart = this.state.cartOf(session.customer.customerId);
    const wishlist = this.state.wishlistOf(session.customer.customerId);
    const feasible: Record<Action, boolean> = {
      view_product: true,
      browse_category: true,
      add_to_cart: session.viewed.length > 0,
      add_to_wishlist: session.viewed.some((id) => !wishlist.has(id)),
      remove_from_cart: cart.size > 0,
      place_order: this.orderableLines(session.customer.customerId).length > 0,
    };
    const weights = ACTIONS.map((a) => (feasible[a] ? this.options.weights[a] : 0));
    if (!weights.some((w) => w > 0)) return 'view_product';
    return ACTIONS[this.rng.weightedIndex(weights)] as Action;
  }

  private event(
    at: number,
    type: CustomerEventType,
    session: { id: string; customer: SimCustomer },
    extra: Partial<SimEvent> = {},
  ): SimEvent {
    this.stats.events++;
    return { at, type, customerId: session.customer.customerId, sessionId: session.id, ...extra };
  }

  private perform(at: number, session: Session, action: Action): boolean {
    const customerId = session.customer.customerId;
    switch (action) {
      case 'browse_category': {
        const categoryId = this.state.sampleCategory(this.rng, this.state.tastes?.of(customerId));
        session.category = categoryId;
        this.out.push({
          kind: 'event',
          at,
          event: this.event(at, 'browse_category', session, { categoryId }),
        });
        return false;
      }
      case 'add_to_cart': {
        const product = this.recentlyViewed(session);
        if (!product || product.stock <= 0) return this.view(at, session);
        const cart = this.state.cartOf(customerId);
        const current = cart.get(product.productId);
        const [min, max] = newLineQuantityRange(Number(product.price));
        const added = current === undefined ? this.rng.int(min, max) : this.rng.int(1, 3);
        const quantity = Math.max(1, Math.min((current ?? 0) + added, product.stock));
        cart.set(product.productId, quantity);
        session.lastCarted = product.productId;
        const event = this.event(at, 'add_to_cart', session, {
          productId: product.productId,
          quantity: added,
        });
        this.out.push({ kind: 'cart_set', at, customerId, productId: product.productId, quantity, event });
        return false;
      }
      case 'add_to_wishlist': {
        const wishlist = this.state.wishlistOf(customerId);
        const candidates = session.viewed.filter((id) => !wishlist.has(id));
        const productId = this.rng.pick(candidates);
        wishlist.add(productId);
        const event = this.event(at, 'add_to_wishlist', session, { productId });
        this.out.push({ kind: 'wishlist_add', at, customerId, productId, event });
        return false;
      }
      case 'remove_from_cart': {
        const cart = this.state.cartOf(customerId);
        const productId = this.rng.pick([...cart.keys()]);
        const quantity = cart.get(productId) as number;
        const event = this.event(at, 'remove_from_cart', session, { productId, quantity: 1 });
        if (quantity > 1) {
          cart.set(productId, quantity - 1);
          this.out.push({ kind: 'cart_set', at, customerId, productId, quantity: quantity - 1, event });
        } else {
          cart.delete(productId);
          this.out.push({ kind: 'cart_delete', at, customerId, productId, event });
        }
        return false;
      }
      case 'place_order': {
        const lines = this.orderableLines(customerId);
        if (lines.length === 0) return this.view(at, session);
        this.placeOrder(
          at,
          session.customer,
          session.id,
          lines,
          lines.map((l) => l.productId),
        );
        return true;
      }
      case 'view_product':
        return this.view(at, session);
    }
  }

  private view(at: number, session: Session): false {
    const product = this.pickViewed(session);
    if (!product) return false;
    session.viewed.push(product.productId);
    if (session.viewed.length > 10) session.viewed.shift();
    this.out.push({
      kind: 'event',
      at,
      event: this.event(at, 'view_product', session, { productId: product.productId }),
    });
    return false;
  }

  /**
   * The product a view shows. Without tastes: popularity, 70 % from the browsed category. With tastes: a bundle
   * partner of the product just carted (60 %), else a category (the browsed one 70 %, else by affinity) and in it a
   * product by popularity times the fit to the customer's price band.
   */
  private pickViewed(session: Session): SimProduct | undefined {
    const taste = this.state.tastes?.of(session.customer.customerId);
    const fromCategory = session.category !== undefined && this.rng.chance(STAY_IN_CATEGORY);
    if (!taste) return this.state.sampleProduct(this.rng, fromCategory ? session.category : undefined);
    if (session.lastCarted !== undefined) {
      const partners = (this.state.tastes?.partnersOf(session.lastCarted) ?? [])
        .map((id) => this.state.products.get(id))
        .filter((p): p is SimProduct => p !== undefined && p.isActive);
      session.lastCarted = undefined;
      if (partners.length > 0 && this.rng.chance(BUNDLE_FOLLOW)) return this.rng.pick(partners);
    }
    const categoryId =
      fromCategory && session.category !== undefined
        ? session.category
        : this.state.sampleCategory(this.rng, taste);
    return this.state.sampleForTaste(this.rng, taste, categoryId);
  }

  private recentlyViewed(session: Session): SimProduct | undefined {
    const ids = session.viewed;
    const id = this.rng.chance(0.6) ? ids[ids.length - 1] : this.rng.pick(ids);
    return id === undefined ? undefined : this.state.products.get(id);
  }

  /** Cart lines an order can fill now: active products, quantity capped by stock. */
  private orderableLines(customerId: number): SimOrderLine[] {
    const lines: SimOrderLine[] = [];
    for (const [productId, quantity] of this.state.cartOf(customerId)) {
      const product = this.state.products.get(productId);
      if (!product || !product.isActive || product.stock <= 0) continue;
      lines.push({ productId, quantity: Math.min(quantity, product.stock), price: product.price });
    }
    return lines.sort((a, b) => a.productId - b.productId);
  }

  private ensureStock(at: number, product: SimProduct, quantity: number): void {
    if (product.stock >= quantity) return;
    const add = quantity - product.stock + this.rng.int(20, 50);
    product.stock += add;
    this.stats.restocks++;
    this.out.push({ kind: 'restock', at, productId: product.productId, quantity: add });
  }

  private placeOrder(
    at: number,
    customer: SimCustomer,
    sessionId: string,
    lines: readonly SimOrderLine[],
    cartProductIds: readonly number[],
    fraud?: FraudTag,
  ): SimOrder {
    const cart = this.state.cartOf(customer.customerId);
    for (const productId of cartProductIds) cart.delete(productId);
    for (const line of lines) {
      const product = this.state.products.get(line.productId) as SimProduct;
      product.stock -= line.quantity;
      if (product.stock < LOW_STOCK) this.scheduleRestock(at, product);
    }
    const order: SimOrder = {
      orderId: this.state.takeOrderId(),
      customerId: customer.customerId,
      sessionId,
      lines,
      total: sumMoney(lines.map((l) => multiplyMoney(l.price, l.quantity))),
      paymentMethod: this.rng.pick(PAYMENT_METHODS),
      reference: this.rng.string(6, '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'),
      address: customer.address,
      city: customer.city,
      zipCode: customer.zipCode,
      cartProductIds,
      ...(fraud ? { fraud } : {}),
    };
    this.stats.orders++;
    if (fraud) this.stats.fraudOrders++;
    const quantity = lines.reduce((n, l) => n + l.quantity, 0);
    const event = this.event(
      at,
      'place_order',
      { id: sessionId, customer },
      { orderId: order.orderId, quantity },
    );
    this.out.push({ kind: 'place_order', at, order, event });
    this.scheduleLifecycle(at, order, { id: sessionId, customer });
    return order;
  }

  private delay(range: readonly [number, number]): number {
    return this.rng.float(range[0], range[1]);
  }

  private scheduleLifecycle(
    placedAt: number,
    order: SimOrder,
    session: { id: string; customer: SimCustomer },
  ): void {
    const { profile } = this.options;
    const base = { orderId: order.orderId, customerId: order.customerId };
    const restock = (): void => {
      for (const line of order.lines)
        (this.state.products.get(line.productId) as SimProduct).stock += line.quantity;
    };
    this.queue.push(placedAt + this.delay(profile.payment), (paidAt) => {
      this.stats.updates++;
      const paymentEvent = this.event(paidAt, 'payment', session, { orderId: order.orderId });
      if (this.rng.chance(ORDER_OUTCOMES.paymentFailure)) {
        restock();
        this.out.push({
          kind: 'order_update',
          at: paidAt,
          update: { ...base, order: 'cancelled', payment: 'failed', restock: order.lines },
          event: paymentEvent,
        });
        return;
      }
      this.out.push({
        kind: 'order_update',
        at: paidAt,
        update: { ...base, order: 'paid', payment: 'completed' },
        event: paymentEvent,
      });
      this.queue.push(paidAt + this.delay(profile.shipping), (shippedAt) => {
        this.stats.updates++;
        if (this.rng.chance(ORDER_OUTCOMES.cancelAfterPayment)) {
          restock();
          const refund = this.event(shippedAt, 'payment', session, { orderId: order.orderId });
          this.out.push({
            kind: 'order_update',
            at: shippedAt,
            update: { ...base, order: 'cancelled', payment: 'refunded', restock: order.lines },
            event: refund,
          });
          return;
        }
        const shipEvent = this.event(shippedAt, 'shipment_update', session, { orderId: order.orderId });
        this.out.push({
          kind: 'order_update',
          at: shippedAt,
          update: { ...base, order: 'shipped', shipment: 'in_transit' },
          event: shipEvent,
        });
        this.queue.push(shippedAt + this.delay(profile.delivery), (deliveredAt) => {
          this.stats.updates++;
          const deliverEvent = this.event(deliveredAt, 'shipment_update', session, {
            orderId: order.orderId,
          });
          this.out.push({
            kind: 'order_update',
            at: deliveredAt,
            update: { ...base, order: 'delivered', shipment: 'delivered' },
            event: deliverEvent,
          });
        });
      });
    });
  }

  private scheduleRestock(at: number, product: SimProduct): void {
    if (this.pendingRestock.has(product.productId)) return;
    this.pendingRestock.add(product.productId);
    this.queue.push(at + this.delay(this.options.profile.restock), (restockAt) => {
      this.pendingRestock.delete(product.productId);
      const quantity = this.rng.int(30, 100);
      product.stock += quantity;
      this.stats.restocks++;
      this.out.push({ kind: 'restock', at: restockAt, productId: product.productId, quantity });
    });
  }
}
