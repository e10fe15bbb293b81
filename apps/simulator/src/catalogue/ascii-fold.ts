/**
 * Folds Vietnamese (and other Latin) text to plain ASCII: strips diacritics and maps đ/Đ to d/D.
 *
 * @example
 * asciiFold('Nguyễn Thị Đào'); // 'Nguyen Thi Dao'
 */
export function asciiFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/**
 * The SKU prefix of a category: its first three ASCII letters or digits, upper-cased ("Điện tử" → "DIE",
 * "Ẩm thực" → "AMT", "Xe cộ" → "XEC"). The original used the raw first three characters, giving "ẨM " and "XE ".
 *
 * @example
 * skuPrefix('Nhà cửa & Gia đình'); // 'NHA'
 */
export function skuPrefix(categoryName: string): string {
  const letters = asciiFold(categoryName)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  return (letters + 'XXX').slice(0, 3);
}

/**
 * A unique, ASCII, zero-padded SKU from the category and the product id (`^[A-Z0-9][A-Z0-9_-]{0,63}$`).
 *
 * @example
 * productSku('Điện tử', 42); // 'DIE-000042'
 */
export function productSku(categoryName: string, productId: number): string {
  return `${skuPrefix(categoryName)}-${String(productId).padStart(6, '0')}`;
}

/**
 * The local part of a customer's e-mail: ASCII-folded, lower-case, dot-separated name plus the customer id, so it
 * always passes the e-mail CHECK and never collides.
 *
 * @example
 * emailLocalPart('Thúy Mai', 'Lâm', 7); // 'thuy.mai.lam7'
 */
export function emailLocalPart(firstName: string, lastName: string, customerId: number): string {
  const clean = (s: string): string =>
    asciiFold(s)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '.')
      .replace(/^\.+|\.+$/g, '');
  const name = [clean(firstName), clean(lastName)].filter((part) => part !== '').join('.') || 'customer';
  return `${name}${customerId}`;
}
