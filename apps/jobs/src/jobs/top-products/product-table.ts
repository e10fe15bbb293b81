/**
 * The products and categories topics as tables (a Kafka Streams KTable each): the latest version per primary key,
 * a delete removes it. Only the fields the output carries are kept, so a change of anything else (stock, price,
 * description) is no change at all.
 */
import type { ProductFacts } from './record-changes.js';

/**
 * The product fields one output row carries; `null` for a product (or category) the topics have not delivered.
 *
 * @example
 * const unknown: ProductInfo = { product_name: null, category_id: null, category_name: null };
 */
export interface ProductInfo {
  readonly product_name: string | null;
  readonly category_id: number | null;
  readonly category_name: string | null;
}

/**
 * Latest product (name, category) and category name by id.
 *
 * @example
 * const table = new ProductTable();
 * table.setProduct(7, { name: 'Phone X', categoryId: 3 }); // true: the rows of product 7 change
 * table.setCategory(3, 'Phones');
 * table.info(7); // { product_name: 'Phone X', category_id: 3, category_name: 'Phones' }
 */
export class ProductTable {
  readonly products = new Map<number, ProductFacts>();
  readonly categories = new Map<number, string>();

  /** Upserts (or with `undefined` deletes) a product; whether its name or category changed. */
  setProduct(id: number, product: ProductFacts | undefined): boolean {
    const old = this.products.get(id);
    if (product === undefined) return this.products.delete(id);
    this.products.set(id, product);
    return old?.name !== product.name || old.categoryId !== product.categoryId;
  }

  /** Upserts (or with `undefined` deletes) a category's name; whether it changed. */
  setCategory(id: number, name: string | undefined): boolean {
    const old = this.categories.get(id);
    if (name === undefined) return this.categories.delete(id);
    this.categories.set(id, name);
    return old !== name;
  }

  /** The product's output fields as the table holds them now. */
  info(productId: number): ProductInfo {
    const product = this.products.get(productId);
    if (product === undefined) return { product_name: null, category_id: null, category_name: null };
    const category_name = this.categories.get(product.categoryId) ?? null;
    return { product_name: product.name, category_id: product.categoryId, category_name };
  }

  /** The product's category id, `null` while the product is unknown. */
  categoryOf(productId: number): number | null {
    return this.products.get(productId)?.categoryId ?? null;
  }
}
