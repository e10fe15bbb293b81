import type { Rng } from '../random/rng.js';
import { seededFakers } from '../random/seeded-faker.js';
import { emailLocalPart } from './ascii-fold.js';
import { EMAIL_DOMAINS, PHONE_PREFIXES, STREETS, VIETNAM_CITIES } from './vietnam-places.js';

/** A customer before its password is hashed. */
export interface CustomerDraft {
  customer_id: number;
  first_name: string;
  last_name: string;
  email: string;
  address: string;
  phone_number: string;
  /** City of the address (shipments go there). */
  city: string;
  /** 5-digit postal code of the address. */
  zip_code: string;
}

/**
 * Customers 1..count: 80 % Vietnamese and 20 % English names (faker, seeded through `rng`), ASCII e-mails that embed
 * the id (so they are unique and pass the CHECK), Vietnamese mobile numbers (090–099 + 7 digits) and street
 * addresses in real cities. Customer `i` depends only on the seed and `i`.
 *
 * @example
 * generateCustomers(Rng.fromSeed(42).fork('customers'), 100)[0].email; // e.g. 'thuy.mai.lam1@gmail.com'
 */
export function generateCustomers(rng: Rng, count: number): CustomerDraft[] {
  const fakers = seededFakers(rng);
  const cityWeights = VIETNAM_CITIES.map((c) => c.weight);
  const rows: CustomerDraft[] = [];
  for (let i = 0; i < count; i++) {
    const customerId = i + 1;
    const faker = rng.chance(0.8) ? fakers.vi : fakers.en;
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const { city } = VIETNAM_CITIES[rng.weightedIndex(cityWeights)] as (typeof VIETNAM_CITIES)[number];
    const street = `${rng.int(1, 399)} ${rng.pick(STREETS)}`;
    rows.push({
      customer_id: customerId,
      first_name: firstName,
      last_name: lastName,
      email: `${emailLocalPart(firstName, lastName, customerId)}@${rng.pick(EMAIL_DOMAINS)}`,
      address: `${street}, ${rng.pick(city.districts)}, ${city.name}`,
      phone_number: `${rng.pick(PHONE_PREFIXES)}${rng.int(1_000_000, 9_999_999)}`,
      city: city.name,
      zip_code: `${city.postalPrefix}${String(rng.int(0, 999)).padStart(3, '0')}`,
    });
  }
  return rows;
}

/**
 * City and postal code of an address written by {@link generateCustomers} (`"12 Lê Lợi, Quận 1, TP. Hồ Chí Minh"`).
 * Unknown formats fall back to the last comma-separated part.
 *
 * @example
 * cityOfAddress('12 Lê Lợi, Quận 1, TP. Hồ Chí Minh'); // 'TP. Hồ Chí Minh'
 */
export function cityOfAddress(address: string | null): string {
  if (!address) return 'TP. Hồ Chí Minh';
  const last = address.split(',').pop()?.trim();
  return last && last.length <= 100 ? last : 'TP. Hồ Chí Minh';
}
