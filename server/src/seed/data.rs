//! The demo catalog: six departments, twenty sub-categories and five
//! products in each, all named in Chinese and English. Each sub-category
//! has its own materials and tag, so running shoes are not sold as wool.
use super::profile::Pair;

pub struct Leaf {
    pub slug: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// Base price in fen (CNY minor units).
    pub base_price: i64,
    /// (Chinese, English) values of the 材质 / Material attribute that its
    /// products draw from.
    pub materials: [Pair; 3],
    /// (Chinese, English) tag that every product of it carries.
    pub tag: Pair,
    /// (Chinese, English) product names.
    pub products: [(&'static str, &'static str); 5],
}

pub struct Department {
    pub slug: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub leaves: &'static [Leaf],
}

pub const CATALOG: &[Department] = &[
    Department {
        slug: "apparel",
        zh: "服饰",
        en: "Apparel",
        leaves: &[
            Leaf {
                slug: "down-jackets",
                zh: "羽绒服",
                en: "Down jackets",
                base_price: 59_900,
                materials: [
                    ("白鸭绒", "White duck down"),
                    ("白鹅绒", "White goose down"),
                    ("锦纶", "Nylon"),
                ],
                tag: ("保暖", "warm"),
                products: [
                    ("轻薄羽绒服", "Lightweight down jacket"),
                    ("连帽长款羽绒服", "Long hooded down jacket"),
                    ("立领短款羽绒服", "Stand-collar short down jacket"),
                    ("户外防风羽绒服", "Windproof outdoor down jacket"),
                    ("儿童保暖羽绒服", "Kids' warm down jacket"),
                ],
            },
            Leaf {
                slug: "t-shirts",
                zh: "T恤",
                en: "T-shirts",
                base_price: 7_900,
                materials: [("棉", "Cotton"), ("涤纶", "Polyester"), ("亚麻", "Linen")],
                tag: ("百搭", "versatile"),
                products: [
                    ("纯棉圆领T恤", "Cotton crew-neck T-shirt"),
                    ("宽松印花T恤", "Loose printed T-shirt"),
                    ("速干运动T恤", "Quick-dry sports T-shirt"),
                    ("亚麻短袖衬衫T恤", "Linen short-sleeve shirt tee"),
                    ("重磅纯色T恤", "Heavyweight plain T-shirt"),
                ],
            },
            Leaf {
                slug: "dresses",
                zh: "连衣裙",
                en: "Dresses",
                base_price: 25_900,
                materials: [
                    ("雪纺", "Chiffon"),
                    ("真丝", "Silk"),
                    ("棉麻", "Cotton-linen"),
                ],
                tag: ("优雅", "elegant"),
                products: [
                    ("碎花雪纺连衣裙", "Floral chiffon dress"),
                    ("针织修身连衣裙", "Knitted slim dress"),
                    ("真丝吊带连衣裙", "Silk slip dress"),
                    ("棉麻宽松连衣裙", "Loose cotton-linen dress"),
                    ("通勤衬衫连衣裙", "Commuter shirt dress"),
                ],
            },
            Leaf {
                slug: "sneakers",
                zh: "运动鞋",
                en: "Sneakers",
                base_price: 39_900,
                materials: [
                    ("网面", "Mesh"),
                    ("飞织", "Knit"),
                    ("超纤皮", "Microfibre leather"),
                ],
                tag: ("透气", "breathable"),
                products: [
                    ("轻便跑步鞋", "Lightweight running shoes"),
                    ("复古板鞋", "Retro skate shoes"),
                    ("透气网面运动鞋", "Breathable mesh sneakers"),
                    ("防滑登山鞋", "Non-slip hiking shoes"),
                    ("儿童魔术贴运动鞋", "Kids' hook-and-loop sneakers"),
                ],
            },
        ],
    },
    Department {
        slug: "electronics",
        zh: "数码",
        en: "Electronics",
        leaves: &[
            Leaf {
                slug: "headphones",
                zh: "耳机",
                en: "Headphones",
                base_price: 29_900,
                materials: [
                    ("蛋白皮", "Protein leather"),
                    ("铝合金", "Aluminium"),
                    ("硅胶", "Silicone"),
                ],
                tag: ("高音质", "hi-fi"),
                products: [
                    ("降噪头戴式耳机", "Noise-cancelling over-ear headphones"),
                    ("真无线蓝牙耳机", "True wireless earbuds"),
                    ("运动挂耳式耳机", "Sports ear-hook headphones"),
                    ("有线监听耳机", "Wired studio headphones"),
                    ("儿童护耳耳机", "Kids' volume-limited headphones"),
                ],
            },
            Leaf {
                slug: "smartwatches",
                zh: "智能手表",
                en: "Smartwatches",
                base_price: 99_900,
                materials: [
                    ("铝合金", "Aluminium"),
                    ("硅胶", "Silicone"),
                    ("不锈钢", "Stainless steel"),
                ],
                tag: ("智能", "smart"),
                products: [
                    ("运动健康智能手表", "Fitness smartwatch"),
                    ("长续航智能手环", "Long-battery smart band"),
                    ("儿童定位手表", "Kids' GPS watch"),
                    ("商务智能手表", "Business smartwatch"),
                    ("血氧监测手环", "Blood-oxygen tracking band"),
                ],
            },
            Leaf {
                slug: "phone-accessories",
                zh: "手机配件",
                en: "Phone accessories",
                base_price: 4_900,
                materials: [
                    ("TPU", "TPU"),
                    ("尼龙编织", "Braided nylon"),
                    ("铝合金", "Aluminium"),
                ],
                tag: ("便携", "portable"),
                products: [
                    ("氮化镓快充充电器", "GaN fast charger"),
                    ("磁吸无线充电宝", "Magnetic wireless power bank"),
                    ("编织数据线", "Braided charging cable"),
                    ("防摔手机壳", "Shockproof phone case"),
                    ("车载手机支架", "Car phone mount"),
                ],
            },
            Leaf {
                slug: "keyboards",
                zh: "键盘鼠标",
                en: "Keyboards & mice",
                base_price: 19_900,
                materials: [("ABS", "ABS"), ("PBT", "PBT"), ("铝合金", "Aluminium")],
                tag: ("办公", "office"),
                products: [
                    ("机械键盘", "Mechanical keyboard"),
                    ("静音无线鼠标", "Silent wireless mouse"),
                    ("蓝牙折叠键盘", "Foldable Bluetooth keyboard"),
                    ("人体工学鼠标", "Ergonomic mouse"),
                    ("键鼠套装", "Keyboard and mouse set"),
                ],
            },
        ],
    },
    Department {
        slug: "home",
        zh: "家居",
        en: "Home",
        leaves: &[
            Leaf {
                slug: "bedding",
                zh: "床品",
                en: "Bedding",
                base_price: 29_900,
                materials: [
                    ("纯棉", "Cotton"),
                    ("桑蚕丝", "Mulberry silk"),
                    ("法兰绒", "Flannel"),
                ],
                tag: ("亲肤", "skin-friendly"),
                products: [
                    ("全棉四件套", "Cotton bedding set of four"),
                    ("蚕丝被", "Silk-filled duvet"),
                    ("记忆棉枕头", "Memory-foam pillow"),
                    ("法兰绒毛毯", "Flannel blanket"),
                    ("乳胶床垫", "Latex mattress topper"),
                ],
            },
            Leaf {
                slug: "kitchen",
                zh: "厨具",
                en: "Kitchenware",
                base_price: 15_900,
                materials: [
                    ("不锈钢", "Stainless steel"),
                    ("铸铁", "Cast iron"),
                    ("陶瓷", "Ceramic"),
                ],
                tag: ("易清洗", "easy-clean"),
                products: [
                    ("不粘炒锅", "Non-stick wok"),
                    ("铸铁珐琅锅", "Enamelled cast-iron pot"),
                    ("不锈钢刀具套装", "Stainless knife set"),
                    ("竹制砧板", "Bamboo chopping board"),
                    ("陶瓷餐具套装", "Ceramic tableware set"),
                ],
            },
            Leaf {
                slug: "lighting",
                zh: "灯具",
                en: "Lighting",
                base_price: 12_900,
                materials: [
                    ("铝合金", "Aluminium"),
                    ("亚克力", "Acrylic"),
                    ("实木", "Solid wood"),
                ],
                tag: ("节能", "energy-saving"),
                products: [
                    ("护眼台灯", "Eye-care desk lamp"),
                    ("北欧落地灯", "Nordic floor lamp"),
                    ("智能吸顶灯", "Smart ceiling light"),
                    ("感应小夜灯", "Motion-sensor night light"),
                    ("露营氛围灯", "Camping mood lantern"),
                ],
            },
        ],
    },
    Department {
        slug: "beauty",
        zh: "美妆",
        en: "Beauty",
        leaves: &[
            Leaf {
                slug: "skincare",
                zh: "护肤",
                en: "Skincare",
                base_price: 16_900,
                materials: [
                    ("玻尿酸", "Hyaluronic acid"),
                    ("植物萃取", "Plant extract"),
                    ("神经酰胺", "Ceramide"),
                ],
                tag: ("保湿", "hydrating"),
                products: [
                    ("保湿精华液", "Hydrating serum"),
                    ("温和洁面乳", "Gentle facial cleanser"),
                    ("修护面霜", "Repair face cream"),
                    ("清爽防晒霜", "Light sunscreen"),
                    ("补水面膜", "Moisturising sheet masks"),
                ],
            },
            Leaf {
                slug: "makeup",
                zh: "彩妆",
                en: "Makeup",
                base_price: 13_900,
                materials: [
                    ("矿物粉", "Mineral powder"),
                    ("植物油", "Plant oil"),
                    ("蜂蜡", "Beeswax"),
                ],
                tag: ("持妆", "long-wear"),
                products: [
                    ("丝绒口红", "Velvet lipstick"),
                    ("持妆粉底液", "Long-wear foundation"),
                    ("防水睫毛膏", "Waterproof mascara"),
                    ("眼影盘", "Eyeshadow palette"),
                    ("定妆散粉", "Setting powder"),
                ],
            },
            Leaf {
                slug: "fragrance",
                zh: "香水",
                en: "Fragrance",
                base_price: 39_900,
                materials: [
                    ("精油", "Essential oil"),
                    ("天然香料", "Natural aromatics"),
                    ("大豆蜡", "Soy wax"),
                ],
                tag: ("香氛", "scented"),
                products: [
                    ("木质调香水", "Woody eau de parfum"),
                    ("花香淡香水", "Floral eau de toilette"),
                    ("柑橘古龙水", "Citrus cologne"),
                    ("香薰蜡烛", "Scented candle"),
                    ("车载香氛", "Car diffuser"),
                ],
            },
        ],
    },
    Department {
        slug: "sports",
        zh: "运动户外",
        en: "Sports & outdoors",
        leaves: &[
            Leaf {
                slug: "running",
                zh: "跑步装备",
                en: "Running gear",
                base_price: 9_900,
                materials: [
                    ("涤纶", "Polyester"),
                    ("氨纶", "Spandex"),
                    ("硅胶", "Silicone"),
                ],
                tag: ("轻便", "lightweight"),
                products: [
                    ("反光跑步腰包", "Reflective running belt"),
                    ("压缩运动紧身裤", "Compression running tights"),
                    ("运动水壶", "Sports water bottle"),
                    ("跑步臂包", "Running armband"),
                    ("吸汗运动头带", "Sweat-wicking headband"),
                ],
            },
            Leaf {
                slug: "camping",
                zh: "露营",
                en: "Camping",
                base_price: 49_900,
                materials: [
                    ("涤纶", "Polyester"),
                    ("铝合金", "Aluminium"),
                    ("牛津布", "Oxford cloth"),
                ],
                tag: ("户外", "outdoor"),
                products: [
                    ("自动速开帐篷", "Instant pop-up tent"),
                    ("轻量睡袋", "Lightweight sleeping bag"),
                    ("折叠露营椅", "Folding camp chair"),
                    ("便携卡式炉", "Portable gas stove"),
                    ("户外保温箱", "Outdoor cool box"),
                ],
            },
            Leaf {
                slug: "yoga",
                zh: "瑜伽健身",
                en: "Yoga & fitness",
                base_price: 8_900,
                materials: [
                    ("TPE", "TPE"),
                    ("天然橡胶", "Natural rubber"),
                    ("乳胶", "Latex"),
                ],
                tag: ("健身", "fitness"),
                products: [
                    ("防滑瑜伽垫", "Non-slip yoga mat"),
                    ("弹力阻力带", "Resistance bands"),
                    ("可调节哑铃", "Adjustable dumbbells"),
                    ("泡沫轴", "Foam roller"),
                    ("跳绳", "Skipping rope"),
                ],
            },
        ],
    },
    Department {
        slug: "food",
        zh: "食品饮料",
        en: "Food & drink",
        leaves: &[
            Leaf {
                slug: "tea",
                zh: "茶叶",
                en: "Tea",
                base_price: 12_800,
                materials: [
                    ("有机", "Organic"),
                    ("原叶", "Whole leaf"),
                    ("高山", "High-altitude"),
                ],
                tag: ("送礼", "gift"),
                products: [
                    ("西湖龙井", "West Lake Longjing green tea"),
                    ("云南普洱", "Yunnan pu-erh tea"),
                    ("武夷岩茶", "Wuyi rock oolong"),
                    ("茉莉花茶", "Jasmine tea"),
                    ("白毫银针", "Silver Needle white tea"),
                ],
            },
            Leaf {
                slug: "coffee",
                zh: "咖啡",
                en: "Coffee",
                base_price: 6_800,
                materials: [
                    ("阿拉比卡", "Arabica"),
                    ("中度烘焙", "Medium roast"),
                    ("深度烘焙", "Dark roast"),
                ],
                tag: ("提神", "energising"),
                products: [
                    ("云南小粒咖啡豆", "Yunnan arabica beans"),
                    ("冷萃咖啡液", "Cold brew concentrate"),
                    ("挂耳咖啡", "Drip-bag coffee"),
                    ("冻干速溶咖啡", "Freeze-dried instant coffee"),
                    ("手冲咖啡壶", "Pour-over kettle"),
                ],
            },
            Leaf {
                slug: "snacks",
                zh: "零食坚果",
                en: "Snacks & nuts",
                base_price: 3_900,
                materials: [
                    ("原味", "Original"),
                    ("低糖", "Low sugar"),
                    ("非油炸", "Not fried"),
                ],
                tag: ("解馋", "treat"),
                products: [
                    ("每日坚果", "Daily mixed nuts"),
                    ("手工牛轧糖", "Handmade nougat"),
                    ("麻辣牛肉干", "Spicy beef jerky"),
                    ("冻干草莓脆", "Freeze-dried strawberry crisps"),
                    ("海苔夹心脆", "Seaweed sandwich crisps"),
                ],
            },
        ],
    },
];

/// Demo accounts: (e-mail, display name, role). All share `DEMO_PASSWORD`.
pub const DEMO_USERS: &[(&str, &str, app::accounts::Role)] = &[
    ("shopper@agora.test", "李小明", app::accounts::Role::Shopper),
    (
        "admin@agora.test",
        "王管理",
        app::accounts::Role::SuperAdmin,
    ),
    (
        "ops@agora.test",
        "陈运营",
        app::accounts::Role::OperationsManager,
    ),
    (
        "catalog@agora.test",
        "赵编辑",
        app::accounts::Role::CatalogEditor,
    ),
    (
        "service@agora.test",
        "刘客服",
        app::accounts::Role::CustomerService,
    ),
];

pub const DEMO_PASSWORD: &str = "Agora-2026";
