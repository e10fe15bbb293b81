import type { Rng } from '../random/rng.js';
import { productSku } from './ascii-fold.js';
import { categoryAt, type CategoryTemplate } from './category-templates.js';

/** A category row to write (explicit id, so reruns are idempotent). */
export interface CategoryRow {
  category_id: number;
  name: string;
  description: string;
}

/** A product row to write. `price` is an exact decimal string of whole VND. */
export interface ProductRow {
  product_id: number;
  sku: string;
  name: string;
  description: string;
  price: string;
  stock: number;
  category_id: number;
  is_active: boolean;
}

/**
 * Categories 1..count, in the fixed template order (no cap: past the list they become numbered collections).
 *
 * @example
 * generateCategories(2); // [{ category_id: 1, name: 'Điện tử', ... }, { category_id: 2, name: 'Thời trang', ... }]
 */
export function generateCategories(count: number): CategoryRow[] {
  return Array.from({ length: count }, (_, i) => {
    const template = categoryAt(i);
    return { category_id: i + 1, name: template.name, description: template.description };
  });
}

/**
 * Products 1..count following the original's templates (seed-spec §4.4), with its fixes: brands fit the category,
 * SKUs are ASCII, zero-padded and unique (`DIE-000042`), prices are whole thousands of VND within the template's
 * range. Stock 10–100; 75 % active. Product `i` depends only on the seed, `i` and the category count.
 *
 * @example
 * generateProducts(Rng.fromSeed(42).fork('products'), 200, 15)[0].price; // e.g. '18350000.00'
 */
export function generateProducts(rng: Rng, count: number, categoryCount: number): ProductRow[] {
  if (categoryCount < 1 && count > 0) throw new RangeError('products need at least one category');
  const templates: CategoryTemplate[] = Array.from({ length: categoryCount }, (_, i) => categoryAt(i));
  const rows: ProductRow[] = [];
  for (let i = 0; i < count; i++) {
    const categoryIndex = rng.int(0, categoryCount - 1);
    const category = templates[categoryIndex] as CategoryTemplate;
    const template = rng.pick(category.products);
    const brand = rng.pick(category.brands);
    const thousands = rng.int(template.minPrice / 1000, template.maxPrice / 1000);
    const productId = i + 1;
    rows.push({
      product_id: productId,
      sku: productSku(category.name, productId),
      name: `${brand} ${template.name}`,
      description: template.description,
      price: `${thousands * 1000}.00`,
      stock: rng.int(10, 100),
      category_id: categoryIndex + 1,
      is_active: rng.int(0, 3) !== 0,
    });
  }
  return rows;
}
