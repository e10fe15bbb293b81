import { BCRYPT_HASH_PATTERN, EMAIL_PATTERN, SKU_PATTERN, compareMoney } from '@ecom/domain';
import bcrypt from 'bcryptjs';
import { Rng } from '../random/rng.js';
import { asciiFold, emailLocalPart, productSku, skuPrefix } from './ascii-fold.js';
import { CATEGORY_TEMPLATES, categoryAt } from './category-templates.js';
import { generateCategories, generateProducts } from './generate-catalogue.js';
import { cityOfAddress, generateCustomers } from './generate-customers.js';
import { DEFAULT_PASSWORD, hashPassword } from './hash-password.js';

describe('catalogue', () => {
  it('starts with the original 10 categories and has no cap', () => {
    const names = generateCategories(45).map((c) => c.name);
    expect(names.slice(0, 10)).toEqual([
      'Điện tử',
      'Thời trang',
      'Sách',
      'Nhà cửa & Gia đình',
      'Thể thao',
      'Làm đẹp',
      'Ẩm thực',
      'Xe cộ',
      'Giáo dục',
      'Sức khỏe',
    ]);
    expect(new Set(names).size).toBe(45);
    expect(categoryAt(CATEGORY_TEMPLATES.length).name).toBe('Điện tử 2');
    expect(generateCategories(15).map((c) => c.category_id)).toEqual(
      Array.from({ length: 15 }, (_, i) => i + 1),
    );
  });

  it('keeps the original templates and price ranges', () => {
    const laptop = CATEGORY_TEMPLATES[0]?.products[0];
    expect(laptop).toMatchObject({ name: 'Laptop Gaming', minPrice: 15_000_000, maxPrice: 25_000_000 });
    expect(CATEGORY_TEMPLATES.slice(0, 10).flatMap((c) => c.products)).toHaveLength(42);
  });

  it('generates valid, deterministic products with category brands and in-range VND prices', () => {
    const products = generateProducts(Rng.fromSeed(42).fork('products'), 500, 15);
    expect(generateProducts(Rng.fromSeed(42).fork('products'), 500, 15)).toEqual(products);
    expect(generateProducts(Rng.fromSeed(42).fork('products'), 100, 15)).toEqual(products.slice(0, 100));
    expect(new Set(products.map((p) => p.sku)).size).toBe(500);
    for (const p of products) {
      expect(p.sku).toMatch(SKU_PATTERN);
      const category = categoryAt(p.category_id - 1);
      const template = category.products.find((t) => p.name.endsWith(` ${t.name}`));
      expect(template).toBeDefined();
      expect(category.brands.some((b) => p.name.startsWith(`${b} `))).toBe(true);
      expect(p.price).toMatch(/^\d+000\.00$/);
      expect(compareMoney(p.price, String(template?.minPrice))).toBeGreaterThanOrEqual(0);
      expect(compareMoney(p.price, String(template?.maxPrice))).toBeLessThanOrEqual(0);
      expect(p.stock).toBeGreaterThanOrEqual(10);
      expect(p.stock).toBeLessThanOrEqual(100);
    }
    const active = products.filter((p) => p.is_active).length / products.length;
    expect(active).toBeGreaterThan(0.65);
    expect(active).toBeLessThan(0.85);
  });

  it('folds Vietnamese to ASCII SKUs and e-mails', () => {
    expect(asciiFold('Nguyễn Thị Đào')).toBe('Nguyen Thi Dao');
    expect(skuPrefix('Ẩm thực')).toBe('AMT');
    expect(skuPrefix('Xe cộ')).toBe('XEC');
    expect(productSku('Điện tử', 42)).toBe('DIE-000042');
    expect(emailLocalPart('Thúy Mai', 'Lâm', 7)).toBe('thuy.mai.lam7');
  });

  it('generates deterministic customers with unique valid e-mails, VN phones and addresses', () => {
    const customers = generateCustomers(Rng.fromSeed(42).fork('customers'), 300);
    expect(generateCustomers(Rng.fromSeed(42).fork('customers'), 300)).toEqual(customers);
    expect(new Set(customers.map((c) => c.email)).size).toBe(300);
    for (const c of customers) {
      expect(c.email).toMatch(EMAIL_PATTERN);
      expect(c.phone_number).toMatch(/^09\d{8}$/);
      expect(cityOfAddress(c.address)).toBe(c.city);
      expect(c.zip_code).toMatch(/^\d{5}$/);
    }
  });

  it('hashes passwords with bcrypt, reproducibly from the seed', () => {
    const hash = hashPassword(DEFAULT_PASSWORD, 4, Rng.fromSeed(1));
    expect(hash).toMatch(BCRYPT_HASH_PATTERN);
    expect(hash.startsWith('$2b$04$')).toBe(true);
    expect(hashPassword(DEFAULT_PASSWORD, 4, Rng.fromSeed(1))).toBe(hash);
    expect(bcrypt.compareSync(DEFAULT_PASSWORD, hash)).toBe(true);
    expect(() => hashPassword(DEFAULT_PASSWORD, 3, Rng.fromSeed(1))).toThrow(RangeError);
  });
});
