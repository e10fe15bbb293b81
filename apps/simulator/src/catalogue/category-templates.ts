/** One product template of a category: base name, description and the VND price range (both ends inclusive). */
export interface ProductTemplate {
  readonly name: string;
  readonly description: string;
  readonly minPrice: number;
  readonly maxPrice: number;
}

/** A catalogue category: Vietnamese name and description, the brands sold in it, its product templates. */
export interface CategoryTemplate {
  readonly name: string;
  readonly description: string;
  readonly brands: readonly string[];
  readonly products: readonly ProductTemplate[];
}

const t = (name: string, description: string, minPrice: number, maxPrice: number): ProductTemplate => ({
  name,
  description,
  minPrice,
  maxPrice,
});

/**
 * The shop's categories, in order. The first 10 are the original generator's fixed list with its templates and price
 * ranges (seed-spec §4.3–4.4); the rest extend it, so `--categories 15` really gives 15. Brands belong to a category
 * (the original put "Zara" on laptops). Beyond this list, `categoryAt` adds numbered collections.
 *
 * @example
 * CATEGORY_TEMPLATES[0].name; // 'Điện tử'
 * CATEGORY_TEMPLATES[0].products[0]; // { name: 'Laptop Gaming', minPrice: 15000000, maxPrice: 25000000, ... }
 */
export const CATEGORY_TEMPLATES: readonly CategoryTemplate[] = [
  {
    name: 'Điện tử',
    description: 'Thiết bị điện tử và phụ kiện công nghệ',
    brands: ['Sony', 'Samsung', 'Apple', 'LG', 'Xiaomi', 'Asus', 'Dell'],
    products: [
      t('Laptop Gaming', 'Laptop gaming cấu hình cao', 15_000_000, 25_000_000),
      t('Smartphone', 'Điện thoại thông minh màn hình lớn', 5_000_000, 15_000_000),
      t('Tai nghe Bluetooth', 'Tai nghe không dây chống ồn', 500_000, 2_000_000),
      t('Máy tính bảng', 'Máy tính bảng học tập và giải trí', 3_000_000, 8_000_000),
      t('Smartwatch', 'Đồng hồ thông minh theo dõi sức khỏe', 2_000_000, 6_000_000),
    ],
  },
  {
    name: 'Thời trang',
    description: 'Quần áo, giày dép và phụ kiện thời trang',
    brands: ['Adidas', 'Nike', 'Zara', 'H&M', 'Uniqlo', 'Canifa', 'Routine'],
    products: [
      t('Áo thun', 'Áo thun cotton thoáng mát', 100_000, 300_000),
      t('Quần jeans', 'Quần jeans co giãn', 200_000, 500_000),
      t('Giày sneaker', 'Giày sneaker thời trang', 800_000, 2_000_000),
      t('Váy dự tiệc', 'Váy dự tiệc sang trọng', 500_000, 1_500_000),
      t('Túi xách', 'Túi xách da thời trang', 300_000, 1_000_000),
    ],
  },
  {
    name: 'Sách',
    description: 'Sách và tài liệu học tập',
    brands: ['NXB Trẻ', 'NXB Kim Đồng', 'Nhã Nam', 'Alpha Books', 'First News'],
    products: [
      t('Sách lập trình', 'Sách lập trình từ cơ bản đến nâng cao', 100_000, 300_000),
      t('Tiểu thuyết', 'Tiểu thuyết bán chạy', 50_000, 200_000),
      t('Sách kinh doanh', 'Sách kinh doanh và khởi nghiệp', 150_000, 400_000),
      t('Sách nấu ăn', 'Sách hướng dẫn nấu ăn', 80_000, 250_000),
    ],
  },
  {
    name: 'Nhà cửa & Gia đình',
    description: 'Đồ gia dụng và trang trí nội thất',
    brands: ['Sunhouse', 'Lock&Lock', 'Philips', 'Panasonic', 'IKEA'],
    products: [
      t('Bộ chăn ga', 'Bộ chăn ga gối cotton', 300_000, 800_000),
      t('Nồi cơm điện', 'Nồi cơm điện đa năng', 800_000, 2_000_000),
      t('Bàn làm việc', 'Bàn làm việc gỗ', 1_000_000, 3_000_000),
      t('Đèn trang trí', 'Đèn trang trí phòng khách', 200_000, 600_000),
    ],
  },
  {
    name: 'Thể thao',
    description: 'Dụng cụ thể thao và trang phục tập luyện',
    brands: ['Adidas', 'Nike', 'Puma', 'Mizuno', 'Decathlon'],
    products: [
      t('Giày chạy bộ', 'Giày chạy bộ êm ái', 1_000_000, 3_000_000),
      t('Quần áo thể thao', 'Bộ quần áo thể thao thấm hút mồ hôi', 300_000, 800_000),
      t('Bóng đá', 'Bóng đá tiêu chuẩn thi đấu', 200_000, 600_000),
      t('Tạ tay', 'Tạ tay tập gym tại nhà', 500_000, 1_500_000),
    ],
  },
  {
    name: 'Làm đẹp',
    description: 'Mỹ phẩm và chăm sóc sắc đẹp',
    brands: ['Innisfree', "L'Oréal", 'Maybelline', 'Cocoon', 'La Roche-Posay'],
    products: [
      t('Son môi', 'Son môi lâu trôi', 200_000, 800_000),
      t('Kem dưỡng da', 'Kem dưỡng ẩm cho da', 300_000, 1_000_000),
      t('Nước hoa', 'Nước hoa hương thơm quyến rũ', 500_000, 2_000_000),
      t('Sữa rửa mặt', 'Sữa rửa mặt dịu nhẹ', 150_000, 500_000),
    ],
  },
  {
    name: 'Ẩm thực',
    description: 'Thực phẩm và đồ uống',
    brands: ['Trung Nguyên', 'Highlands', 'Phúc Long', 'Marou', 'Vinamilk'],
    products: [
      t('Cà phê hạt', 'Cà phê hạt rang xay nguyên chất', 200_000, 600_000),
      t('Trà xanh', 'Trà xanh Thái Nguyên', 100_000, 400_000),
      t('Socola', 'Socola đen nguyên chất', 150_000, 500_000),
      t('Mứt trái cây', 'Mứt trái cây tự nhiên', 80_000, 300_000),
    ],
  },
  {
    name: 'Xe cộ',
    description: 'Phụ tùng và phụ kiện ô tô, xe máy',
    brands: ['Honda', 'Yamaha', 'Michelin', 'Castrol', '3M'],
    products: [
      t('Áo mưa xe máy', 'Áo mưa bộ cho người đi xe máy', 100_000, 300_000),
      t('Gương chiếu hậu', 'Gương chiếu hậu xe máy', 200_000, 800_000),
      t('Bộ đồ nghề sửa xe', 'Bộ dụng cụ sửa xe đa năng', 500_000, 1_500_000),
      t('Nước rửa xe', 'Nước rửa xe chuyên dụng', 100_000, 400_000),
    ],
  },
  {
    name: 'Giáo dục',
    description: 'Đồ chơi giáo dục và dụng cụ học tập',
    brands: ['Lego', 'Thiên Long', 'Hồng Hà', 'Fisher-Price', 'Deli'],
    products: [
      t('Đồ chơi xếp hình', 'Đồ chơi xếp hình phát triển tư duy', 200_000, 600_000),
      t('Sách tô màu', 'Sách tô màu cho bé', 50_000, 200_000),
      t('Bảng học chữ', 'Bảng học chữ cái thông minh', 300_000, 800_000),
      t('Đồ chơi khoa học', 'Bộ thí nghiệm khoa học cho trẻ em', 400_000, 1_200_000),
    ],
  },
  {
    name: 'Sức khỏe',
    description: 'Sản phẩm chăm sóc sức khỏe',
    brands: ['Omron', 'Microlife', 'Blackmores', 'DHC', 'Traphaco'],
    products: [
      t('Thực phẩm chức năng', 'Thực phẩm bổ sung vitamin', 200_000, 800_000),
      t('Máy đo huyết áp', 'Máy đo huyết áp điện tử', 500_000, 2_000_000),
      t('Nhiệt kế điện tử', 'Nhiệt kế điện tử đo nhanh', 300_000, 1_000_000),
      t('Khẩu trang y tế', 'Khẩu trang y tế 4 lớp', 50_000, 200_000),
    ],
  },
  {
    name: 'Điện gia dụng',
    description: 'Thiết bị điện gia dụng cho gia đình',
    brands: ['Panasonic', 'Sharp', 'Toshiba', 'Electrolux', 'Kangaroo'],
    products: [
      t('Tủ lạnh', 'Tủ lạnh inverter tiết kiệm điện', 6_000_000, 20_000_000),
      t('Máy giặt', 'Máy giặt cửa trước', 5_000_000, 15_000_000),
      t('Máy lọc không khí', 'Máy lọc không khí cho phòng ngủ', 2_000_000, 7_000_000),
      t('Quạt điều hòa', 'Quạt điều hòa hơi nước', 1_500_000, 4_000_000),
    ],
  },
  {
    name: 'Mẹ & Bé',
    description: 'Sản phẩm cho mẹ và bé',
    brands: ['Pigeon', 'Bobby', 'Huggies', 'Chicco', 'Comfort'],
    products: [
      t('Tã dán', 'Tã dán siêu thấm', 200_000, 500_000),
      t('Bình sữa', 'Bình sữa chống sặc', 150_000, 450_000),
      t('Xe đẩy em bé', 'Xe đẩy gấp gọn', 1_500_000, 5_000_000),
      t('Sữa bột', 'Sữa bột cho trẻ em', 300_000, 900_000),
    ],
  },
  {
    name: 'Văn phòng phẩm',
    description: 'Dụng cụ văn phòng và học sinh',
    brands: ['Thiên Long', 'Deli', 'Campus', 'Hồng Hà', 'Casio'],
    products: [
      t('Bút bi', 'Hộp bút bi mực đều', 30_000, 120_000),
      t('Sổ tay', 'Sổ tay bìa da', 50_000, 250_000),
      t('Máy tính cầm tay', 'Máy tính khoa học', 300_000, 800_000),
      t('Balo học sinh', 'Balo chống gù', 250_000, 900_000),
    ],
  },
  {
    name: 'Thú cưng',
    description: 'Thức ăn và phụ kiện cho thú cưng',
    brands: ['Royal Canin', 'Pedigree', 'Whiskas', 'Me-O', 'SmartHeart'],
    products: [
      t('Thức ăn cho chó', 'Thức ăn hạt cho chó', 150_000, 900_000),
      t('Thức ăn cho mèo', 'Pate và hạt cho mèo', 100_000, 700_000),
      t('Chuồng thú cưng', 'Chuồng gấp gọn cho thú cưng', 500_000, 2_000_000),
      t('Cát vệ sinh', 'Cát vệ sinh khử mùi', 80_000, 250_000),
    ],
  },
  {
    name: 'Du lịch',
    description: 'Vali, balo và phụ kiện du lịch',
    brands: ['Samsonite', 'American Tourister', 'Sakos', 'The North Face', 'Xiaomi'],
    products: [
      t('Vali kéo', 'Vali kéo khung nhôm', 1_200_000, 6_000_000),
      t('Balo du lịch', 'Balo du lịch chống nước', 400_000, 2_000_000),
      t('Gối kê cổ', 'Gối kê cổ cao su non', 100_000, 350_000),
      t('Lều cắm trại', 'Lều cắm trại 4 người', 800_000, 3_500_000),
    ],
  },
  {
    name: 'Trang sức',
    description: 'Trang sức và đồng hồ',
    brands: ['PNJ', 'DOJI', 'Casio', 'Citizen', 'Pandora'],
    products: [
      t('Nhẫn bạc', 'Nhẫn bạc đính đá', 300_000, 2_500_000),
      t('Dây chuyền vàng', 'Dây chuyền vàng 18K', 5_000_000, 30_000_000),
      t('Đồng hồ nam', 'Đồng hồ nam dây da', 1_500_000, 10_000_000),
      t('Bông tai', 'Bông tai bạc nữ', 200_000, 1_500_000),
    ],
  },
  {
    name: 'Máy ảnh',
    description: 'Máy ảnh, ống kính và phụ kiện quay chụp',
    brands: ['Canon', 'Nikon', 'Sony', 'Fujifilm', 'GoPro'],
    products: [
      t('Máy ảnh mirrorless', 'Máy ảnh mirrorless quay 4K', 15_000_000, 45_000_000),
      t('Ống kính', 'Ống kính góc rộng', 5_000_000, 25_000_000),
      t('Camera hành trình', 'Camera hành trình chống nước', 3_000_000, 10_000_000),
      t('Chân máy', 'Chân máy ảnh nhôm', 300_000, 1_500_000),
    ],
  },
  {
    name: 'Nhạc cụ',
    description: 'Nhạc cụ và thiết bị âm nhạc',
    brands: ['Yamaha', 'Casio', 'Roland', 'Fender', 'Taylor'],
    products: [
      t('Đàn guitar', 'Đàn guitar acoustic', 1_500_000, 12_000_000),
      t('Đàn piano điện', 'Đàn piano điện 88 phím', 8_000_000, 30_000_000),
      t('Ukulele', 'Đàn ukulele soprano', 400_000, 1_500_000),
      t('Loa bluetooth', 'Loa bluetooth công suất lớn', 800_000, 5_000_000),
    ],
  },
  {
    name: 'Vườn & Ngoại thất',
    description: 'Dụng cụ làm vườn và đồ ngoại thất',
    brands: ['Bosch', 'Gardena', 'Makita', 'Tolsen', 'Sunhouse'],
    products: [
      t('Bộ dụng cụ làm vườn', 'Bộ dụng cụ làm vườn 5 món', 200_000, 700_000),
      t('Máy cắt cỏ', 'Máy cắt cỏ chạy điện', 1_500_000, 6_000_000),
      t('Ghế ngoài trời', 'Ghế thư giãn ngoài trời', 600_000, 3_000_000),
      t('Chậu cây', 'Chậu cây gốm sứ', 80_000, 400_000),
    ],
  },
  {
    name: 'Đồ chơi',
    description: 'Đồ chơi trẻ em và mô hình',
    brands: ['Lego', 'Hasbro', 'Mattel', 'Bandai', 'Hot Wheels'],
    products: [
      t('Xe điều khiển', 'Xe ô tô điều khiển từ xa', 300_000, 1_500_000),
      t('Búp bê', 'Búp bê thời trang', 150_000, 800_000),
      t('Mô hình lắp ráp', 'Mô hình lắp ráp chi tiết', 400_000, 3_000_000),
      t('Board game', 'Trò chơi board game gia đình', 200_000, 900_000),
    ],
  },
];

/**
 * The category at `index` (0-based). Past the template list it repeats the list as numbered collections
 * ("Điện tử 2"), so there is no cap and names stay unique.
 *
 * @example
 * categoryAt(0).name; // 'Điện tử'
 * categoryAt(CATEGORY_TEMPLATES.length).name; // 'Điện tử 2'
 */
export function categoryAt(index: number): CategoryTemplate {
  const base = CATEGORY_TEMPLATES[index % CATEGORY_TEMPLATES.length] as CategoryTemplate;
  const round = Math.floor(index / CATEGORY_TEMPLATES.length);
  if (round === 0) return base;
  return {
    ...base,
    name: `${base.name} ${round + 1}`,
    description: `${base.description} (bộ sưu tập ${round + 1})`,
  };
}
