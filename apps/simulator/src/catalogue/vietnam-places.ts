/** A Vietnamese city with some of its districts and the first digits of its 5-digit postal codes. */
export interface VietnamCity {
  readonly name: string;
  readonly districts: readonly string[];
  readonly postalPrefix: string;
}

/**
 * Cities customers live in, weighted towards the big two like real e-commerce traffic (weights sum to 1).
 *
 * @example
 * VIETNAM_CITIES[0].city.name; // 'TP. Hồ Chí Minh'
 */
export const VIETNAM_CITIES: readonly { readonly city: VietnamCity; readonly weight: number }[] = [
  {
    weight: 0.34,
    city: {
      name: 'TP. Hồ Chí Minh',
      postalPrefix: '70',
      districts: ['Quận 1', 'Quận 3', 'Quận 7', 'Bình Thạnh', 'Gò Vấp', 'Tân Bình', 'Thủ Đức'],
    },
  },
  {
    weight: 0.28,
    city: {
      name: 'Hà Nội',
      postalPrefix: '10',
      districts: ['Hoàn Kiếm', 'Ba Đình', 'Đống Đa', 'Cầu Giấy', 'Hai Bà Trưng', 'Thanh Xuân'],
    },
  },
  {
    weight: 0.08,
    city: {
      name: 'Đà Nẵng',
      postalPrefix: '50',
      districts: ['Hải Châu', 'Thanh Khê', 'Sơn Trà', 'Ngũ Hành Sơn'],
    },
  },
  {
    weight: 0.07,
    city: { name: 'Hải Phòng', postalPrefix: '18', districts: ['Hồng Bàng', 'Lê Chân', 'Ngô Quyền'] },
  },
  {
    weight: 0.06,
    city: { name: 'Cần Thơ', postalPrefix: '94', districts: ['Ninh Kiều', 'Bình Thủy', 'Cái Răng'] },
  },
  {
    weight: 0.05,
    city: { name: 'Biên Hòa', postalPrefix: '76', districts: ['Tân Phong', 'Trảng Dài', 'Long Bình'] },
  },
  {
    weight: 0.04,
    city: { name: 'Nha Trang', postalPrefix: '65', districts: ['Lộc Thọ', 'Vĩnh Hòa', 'Phước Long'] },
  },
  {
    weight: 0.04,
    city: { name: 'Huế', postalPrefix: '49', districts: ['Phú Hội', 'Vĩnh Ninh', 'Thuận Hòa'] },
  },
  {
    weight: 0.04,
    city: { name: 'Vũng Tàu', postalPrefix: '78', districts: ['Phường 1', 'Thắng Tam', 'Rạch Dừa'] },
  },
];

/**
 * Street names used in generated addresses.
 *
 * @example
 * STREETS.includes('Lê Lợi'); // true
 */
export const STREETS: readonly string[] = [
  'Lê Lợi',
  'Nguyễn Huệ',
  'Trần Hưng Đạo',
  'Hai Bà Trưng',
  'Lý Thường Kiệt',
  'Điện Biên Phủ',
  'Nguyễn Trãi',
  'Lê Duẩn',
  'Võ Văn Tần',
  'Pasteur',
  'Phan Đình Phùng',
  'Nguyễn Thị Minh Khai',
  'Cách Mạng Tháng Tám',
  'Trường Chinh',
  'Hoàng Diệu',
  'Bạch Đằng',
  'Quang Trung',
  'Lê Thánh Tôn',
  'Hùng Vương',
  'Nguyễn Văn Linh',
];

/**
 * Vietnamese mobile prefixes (the original's 090–099).
 *
 * @example
 * PHONE_PREFIXES[0]; // '090'
 */
export const PHONE_PREFIXES: readonly string[] = [
  '090',
  '091',
  '092',
  '093',
  '094',
  '095',
  '096',
  '097',
  '098',
  '099',
];

/**
 * E-mail domains (the original's four).
 *
 * @example
 * EMAIL_DOMAINS[0]; // 'gmail.com'
 */
export const EMAIL_DOMAINS: readonly string[] = ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com'];
