//! Product pictures drawn here as SVG: one drawing per kind of product (a
//! quilted down jacket, a running shoe, a tent, a gas stove, …), chosen by
//! what the product's name says it is, painted in the colour the picture
//! stands for, on a soft background whose tint comes from the product's
//! slug. Deterministic, so loading the demo twice stores the same bytes under
//! the same hash.
//!
//! Each sub-category's main drawing, in greys, is the placeholder of a
//! product that has no pictures yet (see `placeholder_svg`).
use sha2::{Digest, Sha256};

mod drawings;
use drawings::*;

/// Side of the rendered original, in pixels.
pub const SIDE: u32 = 960;

/// Colour option names (Chinese, English) and the paint they stand for, so a
/// 黑色 variant is shown black. Covers the demo's colours, the ones
/// `generate-catalog` uses, and common others.
const PAINTS: &[(&str, &str, &str)] = &[
    ("黑色", "black", "#1e1f22"),
    ("米白", "ivory", "#eee7d6"),
    ("藏青", "navy", "#1f2c4c"),
    ("雾蓝", "mist blue", "#8ea7c1"),
    ("砖红", "brick red", "#a5452f"),
    ("橄榄绿", "olive", "#6b7142"),
    ("白色", "white", "#f5f5f2"),
    ("灰色", "grey", "#8c8d90"),
    ("深灰", "dark grey", "#4a4b4f"),
    ("红色", "red", "#c62f2f"),
    ("酒红", "burgundy", "#7b1e30"),
    ("粉色", "pink", "#eaa5b5"),
    ("橙色", "orange", "#e07a2c"),
    ("黄色", "yellow", "#e8c140"),
    ("绿色", "green", "#3f8a4e"),
    ("军绿", "army green", "#4b5320"),
    ("蓝色", "blue", "#2f62b3"),
    ("天蓝", "sky blue", "#7fb8e0"),
    ("紫色", "purple", "#7d5ba6"),
    ("棕色", "brown", "#7a5233"),
    ("咖啡色", "coffee", "#6f4e37"),
    ("卡其", "khaki", "#c3ab7e"),
    ("驼色", "camel", "#b98e5d"),
    ("银色", "silver", "#c7c9cc"),
    ("金色", "gold", "#c9a94f"),
];

/// A colour name we have no paint for is drawn in a neutral grey rather
/// than in some colour it is not.
const UNKNOWN_PAINT: &str = "#9a9b9e";

/// The paint for a colour option value, by its Chinese or English name.
pub fn colour_hex(name: &str) -> &'static str {
    let name = name.trim();
    PAINTS
        .iter()
        .find(|(zh, en, _)| *zh == name || en.eq_ignore_ascii_case(name))
        .map_or(UNKNOWN_PAINT, |p| p.2)
}

type Rgb = (u8, u8, u8);

fn parse_hex(hex: &str) -> Rgb {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0x9a9b9e);
    ((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

fn to_hex((r, g, b): Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// `a` moved towards `b` by `t` (0..1).
fn mix(a: Rgb, b: Rgb, t: f32) -> Rgb {
    let m = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t).round() as u8;
    (m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// Relative luminance, 0 (black) to 1 (white).
fn luminance((r, g, b): Rgb) -> f32 {
    (0.2126 * f32::from(r) + 0.7152 * f32::from(g) + 0.0722 * f32::from(b)) / 255.0
}

/// The three tones a drawing uses: the item's colour, its seams and
/// outlines (darker on light items, lighter on dark ones, so a black jacket
/// still shows its quilting), and a second tone for collars, cushions, etc.
struct Paint {
    fill: String,
    line: String,
    tone: String,
}

impl Paint {
    fn of(hex: &str) -> Self {
        let fill = parse_hex(hex);
        let dark = luminance(fill) < 0.35;
        let (black, white) = ((0, 0, 0), (255, 255, 255));
        let line = if dark {
            mix(fill, white, 0.38)
        } else {
            mix(fill, black, 0.38)
        };
        let tone = if dark {
            mix(fill, white, 0.16)
        } else {
            mix(fill, black, 0.12)
        };
        Paint {
            fill: to_hex(fill),
            line: to_hex(line),
            tone: to_hex(tone),
        }
    }

    /// Greys for the placeholder: clearly a drawing, clearly not a product.
    fn placeholder() -> Self {
        Paint {
            fill: "#dedad2".into(),
            line: "#aaa59b".into(),
            tone: "#e9e6e0".into(),
        }
    }

    /// Fills in a drawing's `$F` (fill), `$L` (line) and `$T` (tone).
    fn apply(&self, drawing: &str) -> String {
        drawing
            .replace("$F", &self.fill)
            .replace("$L", &self.line)
            .replace("$T", &self.tone)
    }
}

/// What a product is, as far as its picture goes: each kind has one drawing,
/// so a stove and a tent of the same sub-category no longer look alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    DownJacket,
    TShirt,
    Dress,
    RunningShoe,
    SkateShoe,
    MeshSneaker,
    HikingShoe,
    KidsShoe,
    OverEarHeadphones,
    Earbuds,
    EarHook,
    StudioHeadphones,
    KidsHeadphones,
    FitnessWatch,
    SmartBand,
    KidsWatch,
    BusinessWatch,
    OxygenBand,
    Charger,
    PowerBank,
    Cable,
    PhoneCase,
    CarMount,
    Keyboard,
    Mouse,
    FoldingKeyboard,
    ErgoMouse,
    KeyboardSet,
    Bed,
    Duvet,
    Pillow,
    Blanket,
    Topper,
    Wok,
    Pot,
    KnifeSet,
    ChoppingBoard,
    Tableware,
    DeskLamp,
    FloorLamp,
    CeilingLight,
    NightLight,
    Lantern,
    Serum,
    Cleanser,
    FaceCream,
    Sunscreen,
    SheetMask,
    Lipstick,
    Foundation,
    Mascara,
    Palette,
    Powder,
    Perfume,
    Candle,
    CarDiffuser,
    RunningBelt,
    Tights,
    WaterBottle,
    Armband,
    Headband,
    Tent,
    SleepingBag,
    CampChair,
    GasStove,
    CoolBox,
    YogaMat,
    ResistanceBands,
    Dumbbell,
    FoamRoller,
    SkippingRope,
    TeaCaddy,
    TeaCake,
    CoffeeBeans,
    ColdBrew,
    DripBag,
    InstantCoffee,
    Kettle,
    Nuts,
    Nougat,
    Jerky,
    StrawberryCrisps,
    SeaweedCrisps,
}

/// Words in a product's English name (lower case) that say what it is. The
/// first match wins, so a phrase goes before any shorter word inside it
/// ("keyboard and mouse" before "mechanical keyboard", "pu-erh" before "tea").
const NAMED: &[(&str, Kind)] = &[
    ("down jacket", Kind::DownJacket),
    ("dress", Kind::Dress),
    ("t-shirt", Kind::TShirt),
    ("shirt tee", Kind::TShirt),
    ("running shoe", Kind::RunningShoe),
    ("skate shoe", Kind::SkateShoe),
    ("mesh sneaker", Kind::MeshSneaker),
    ("hiking shoe", Kind::HikingShoe),
    ("hook-and-loop", Kind::KidsShoe),
    ("over-ear", Kind::OverEarHeadphones),
    ("earbuds", Kind::Earbuds),
    ("ear-hook", Kind::EarHook),
    ("studio headphones", Kind::StudioHeadphones),
    ("volume-limited", Kind::KidsHeadphones),
    ("fitness smartwatch", Kind::FitnessWatch),
    ("smart band", Kind::SmartBand),
    ("gps watch", Kind::KidsWatch),
    ("business smartwatch", Kind::BusinessWatch),
    ("blood-oxygen", Kind::OxygenBand),
    ("charger", Kind::Charger),
    ("power bank", Kind::PowerBank),
    ("cable", Kind::Cable),
    ("phone case", Kind::PhoneCase),
    ("phone mount", Kind::CarMount),
    ("keyboard and mouse", Kind::KeyboardSet),
    ("foldable", Kind::FoldingKeyboard),
    ("mechanical keyboard", Kind::Keyboard),
    ("ergonomic mouse", Kind::ErgoMouse),
    ("wireless mouse", Kind::Mouse),
    ("bedding set", Kind::Bed),
    ("duvet", Kind::Duvet),
    ("pillow", Kind::Pillow),
    ("blanket", Kind::Blanket),
    ("mattress", Kind::Topper),
    ("wok", Kind::Wok),
    ("cast-iron pot", Kind::Pot),
    ("knife", Kind::KnifeSet),
    ("chopping board", Kind::ChoppingBoard),
    ("tableware", Kind::Tableware),
    ("desk lamp", Kind::DeskLamp),
    ("floor lamp", Kind::FloorLamp),
    ("ceiling light", Kind::CeilingLight),
    ("night light", Kind::NightLight),
    ("lantern", Kind::Lantern),
    ("serum", Kind::Serum),
    ("cleanser", Kind::Cleanser),
    ("face cream", Kind::FaceCream),
    ("sunscreen", Kind::Sunscreen),
    ("sheet mask", Kind::SheetMask),
    ("lipstick", Kind::Lipstick),
    ("foundation", Kind::Foundation),
    ("mascara", Kind::Mascara),
    ("eyeshadow", Kind::Palette),
    ("setting powder", Kind::Powder),
    ("eau de", Kind::Perfume),
    ("cologne", Kind::Perfume),
    ("candle", Kind::Candle),
    ("car diffuser", Kind::CarDiffuser),
    ("running belt", Kind::RunningBelt),
    ("tights", Kind::Tights),
    ("water bottle", Kind::WaterBottle),
    ("armband", Kind::Armband),
    ("headband", Kind::Headband),
    ("pop-up tent", Kind::Tent),
    ("sleeping bag", Kind::SleepingBag),
    ("camp chair", Kind::CampChair),
    ("gas stove", Kind::GasStove),
    ("cool box", Kind::CoolBox),
    ("yoga mat", Kind::YogaMat),
    ("resistance band", Kind::ResistanceBands),
    ("dumbbell", Kind::Dumbbell),
    ("foam roller", Kind::FoamRoller),
    ("skipping rope", Kind::SkippingRope),
    ("pu-erh", Kind::TeaCake),
    ("oolong", Kind::TeaCaddy),
    ("tea", Kind::TeaCaddy),
    ("beans", Kind::CoffeeBeans),
    ("cold brew", Kind::ColdBrew),
    ("drip-bag", Kind::DripBag),
    ("instant coffee", Kind::InstantCoffee),
    ("kettle", Kind::Kettle),
    ("nuts", Kind::Nuts),
    ("nougat", Kind::Nougat),
    ("jerky", Kind::Jerky),
    ("strawberry", Kind::StrawberryCrisps),
    ("seaweed", Kind::SeaweedCrisps),
];

/// The kind an English product name names, if any word of `NAMED` is in it.
fn kind_of_name(name: &str) -> Option<Kind> {
    let name = name.to_lowercase();
    NAMED
        .iter()
        .find(|(word, _)| name.contains(word))
        .map(|&(_, kind)| kind)
}

/// The main kind of a sub-category, by its slug: what a product of it shows
/// when its name says nothing we know, and what its placeholder shows.
fn leaf_kind(category: &str) -> Option<Kind> {
    Some(match category {
        "down-jackets" => Kind::DownJacket,
        "t-shirts" => Kind::TShirt,
        "dresses" => Kind::Dress,
        "sneakers" => Kind::RunningShoe,
        "headphones" => Kind::OverEarHeadphones,
        "smartwatches" => Kind::FitnessWatch,
        "phone-accessories" => Kind::PhoneCase,
        "keyboards" => Kind::Keyboard,
        "bedding" => Kind::Bed,
        "kitchen" => Kind::Pot,
        "lighting" => Kind::DeskLamp,
        "skincare" => Kind::Serum,
        "makeup" => Kind::Lipstick,
        "fragrance" => Kind::Perfume,
        "running" => Kind::RunningBelt,
        "camping" => Kind::Tent,
        "yoga" => Kind::YogaMat,
        "tea" => Kind::TeaCaddy,
        "coffee" => Kind::CoffeeBeans,
        "snacks" => Kind::Nuts,
        _ => return None,
    })
}

/// A kind's drawing. Two kinds are built from shared parts: studio
/// headphones are the over-ear pair with a coiled cable, the kids' pair wears
/// ears and stars.
fn kind_drawing(kind: Kind) -> String {
    let fixed = match kind {
        Kind::DownJacket => DOWN_JACKET,
        Kind::TShirt => T_SHIRT,
        Kind::Dress => DRESS,
        Kind::RunningShoe => SNEAKER,
        Kind::SkateShoe => SKATE_SHOE,
        Kind::MeshSneaker => MESH_SNEAKER,
        Kind::HikingShoe => HIKING_SHOE,
        Kind::KidsShoe => KIDS_SHOE,
        Kind::OverEarHeadphones => HEADPHONES,
        Kind::Earbuds => EARBUDS,
        Kind::EarHook => EAR_HOOK,
        Kind::StudioHeadphones => return [HEADPHONES, COILED_CABLE].concat(),
        Kind::KidsHeadphones => return [CAT_EARS, HEADPHONES, KID_STARS].concat(),
        Kind::FitnessWatch => SMARTWATCH,
        Kind::SmartBand => SMART_BAND,
        Kind::KidsWatch => KIDS_WATCH,
        Kind::BusinessWatch => BUSINESS_WATCH,
        Kind::OxygenBand => OXYGEN_BAND,
        Kind::Charger => CHARGER,
        Kind::PowerBank => POWER_BANK,
        Kind::Cable => CABLE,
        Kind::PhoneCase => PHONE_CASE,
        Kind::CarMount => CAR_MOUNT,
        Kind::Keyboard => return keyboard(),
        Kind::Mouse => MOUSE,
        Kind::FoldingKeyboard => FOLDING_KEYBOARD,
        Kind::ErgoMouse => ERGO_MOUSE,
        Kind::KeyboardSet => KEYBOARD_SET,
        Kind::Bed => BEDDING,
        Kind::Duvet => DUVET,
        Kind::Pillow => PILLOW,
        Kind::Blanket => BLANKET,
        Kind::Topper => TOPPER,
        Kind::Wok => WOK,
        Kind::Pot => POT,
        Kind::KnifeSet => KNIFE_SET,
        Kind::ChoppingBoard => CHOPPING_BOARD,
        Kind::Tableware => TABLEWARE,
        Kind::DeskLamp => DESK_LAMP,
        Kind::FloorLamp => FLOOR_LAMP,
        Kind::CeilingLight => CEILING_LIGHT,
        Kind::NightLight => NIGHT_LIGHT,
        Kind::Lantern => LANTERN,
        Kind::Serum => SERUM,
        Kind::Cleanser => CLEANSER,
        Kind::FaceCream => FACE_CREAM,
        Kind::Sunscreen => SUNSCREEN,
        Kind::SheetMask => SHEET_MASK,
        Kind::Lipstick => LIPSTICK,
        Kind::Foundation => FOUNDATION,
        Kind::Mascara => MASCARA,
        Kind::Palette => PALETTE,
        Kind::Powder => POWDER,
        Kind::Perfume => PERFUME,
        Kind::Candle => CANDLE,
        Kind::CarDiffuser => CAR_DIFFUSER,
        Kind::RunningBelt => RUNNING_BELT,
        Kind::Tights => TIGHTS,
        Kind::WaterBottle => WATER_BOTTLE,
        Kind::Armband => ARMBAND,
        Kind::Headband => HEADBAND,
        Kind::Tent => TENT,
        Kind::SleepingBag => SLEEPING_BAG,
        Kind::CampChair => CAMP_CHAIR,
        Kind::GasStove => GAS_STOVE,
        Kind::CoolBox => COOL_BOX,
        Kind::YogaMat => YOGA_MAT,
        Kind::ResistanceBands => RESISTANCE_BANDS,
        Kind::Dumbbell => DUMBBELL,
        Kind::FoamRoller => FOAM_ROLLER,
        Kind::SkippingRope => SKIPPING_ROPE,
        Kind::TeaCaddy => TEA_CADDY,
        Kind::TeaCake => TEA_CAKE,
        Kind::CoffeeBeans => COFFEE_BAG,
        Kind::ColdBrew => COLD_BREW,
        Kind::DripBag => DRIP_BAG,
        Kind::InstantCoffee => INSTANT_JAR,
        Kind::Kettle => KETTLE,
        Kind::Nuts => SNACK_POUCH,
        Kind::Nougat => NOUGAT,
        Kind::Jerky => JERKY,
        Kind::StrawberryCrisps => STRAWBERRY,
        Kind::SeaweedCrisps => SEAWEED,
    };
    fixed.to_string()
}

/// The drawing for a sub-category, by its slug (None for slugs the demo
/// does not have): its main kind's.
fn drawing(category: &str) -> Option<String> {
    leaf_kind(category).map(kind_drawing)
}

/// The English name of the demo product whose slug is `key`, if it is one:
/// `seed::items` names the n-th product of a sub-category `{category}-{n}`.
fn demo_name(category: &str, key: &str) -> Option<&'static str> {
    let n: usize = key
        .strip_prefix(category)?
        .strip_prefix('-')?
        .parse()
        .ok()?;
    let leaf = super::data::CATALOG
        .iter()
        .flat_map(|dept| dept.leaves)
        .find(|leaf| leaf.slug == category)?;
    leaf.products.get(n.checked_sub(1)?).map(|names| names.1)
}

/// The kind of the product with slug `key`, told by its name.
fn product_kind(category: &str, key: &str) -> Option<Kind> {
    demo_name(category, key).and_then(kind_of_name)
}

/// What a product's picture shows: its own kind of thing, else its
/// sub-category's main drawing, else a picture frame.
fn product_drawing(category: &str, key: &str) -> String {
    product_kind(category, key)
        .or_else(|| leaf_kind(category))
        .map_or_else(|| PICTURE_FRAME.to_string(), kind_drawing)
}

/// Departments that have a pictogram (`app::catalog::department_glyph`
/// answers every other slug with the food one, which would be wrong here).
const DEPARTMENTS: [&str; 6] = ["apparel", "electronics", "home", "beauty", "sports", "food"];

fn department_drawing(department: &str) -> Option<String> {
    DEPARTMENTS.contains(&department).then(|| {
        format!(
            r#"<g transform="translate(152 140) scale(14)"><path d="{}" fill="$L" fill-rule="evenodd"/></g>"#,
            app::catalog::department_glyph(department)
        )
    })
}

/// The whole picture around a painted drawing. `grey` drains the colour
/// from the drawing's fixed parts too (a lipstick's red), for placeholders.
fn frame(background: (&str, &str), glow: (u32, u32), tilt: i32, grey: bool, item: &str) -> String {
    let filter = if grey { r#" filter="url(#grey)""# } else { "" };
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 640" width="640" height="640"><defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="{top}"/><stop offset="1" stop-color="{bottom}"/></linearGradient><filter id="grey"><feColorMatrix type="saturate" values="0"/></filter></defs><rect width="640" height="640" fill="url(#bg)"/><circle cx="{gx}" cy="{gy}" r="70" fill="#ffffff" opacity=".35"/><ellipse cx="320" cy="532" rx="210" ry="22" fill="#000000" opacity=".1"/><g transform="rotate({tilt} 320 320)" stroke-linejoin="round" stroke-linecap="round"{filter}>{item}</g></svg>"##,
        top = background.0,
        bottom = background.1,
        gx = glow.0,
        gy = glow.1,
    )
}

/// The SVG of one product picture: the product's drawing in `colour`.
fn product_svg(category: &str, colour: &str, key: &str) -> String {
    let seed = Sha256::digest(key.as_bytes());
    let hue = u16::from_be_bytes([seed[0], seed[1]]) % 360;
    // A slight turn and a moved highlight make every product's picture its
    // own without changing what it shows.
    let tilt = i32::from(seed[2] % 7) - 3;
    let glow = (
        120 + u32::from(seed[3]) % 400,
        90 + u32::from(seed[4]) % 100,
    );
    let hex = colour_hex(colour);
    // Light items get a deeper background so an ivory jacket still stands out.
    let light = luminance(parse_hex(hex)) > 0.7;
    let (l1, l2) = if light { (82, 74) } else { (95, 87) };
    let top = format!("hsl({hue},22%,{l1}%)");
    let bottom = format!("hsl({hue},18%,{l2}%)");
    let item = product_drawing(category, key);
    frame(
        (&top, &bottom),
        glow,
        tilt,
        false,
        &Paint::of(hex).apply(&item),
    )
}

/// The picture for a product of sub-category `category` in `colour` (an
/// option value such as 黑色) as PNG. `key` is the product's slug: it varies
/// the background so each product's picture is its own, and a demo product's
/// slug also picks the drawing of what that product is.
pub fn product_png(category: &str, colour: &str, key: &str) -> Vec<u8> {
    let svg = product_svg(category, colour, key);
    let tree = resvg::usvg::Tree::from_data(svg.as_bytes(), &resvg::usvg::Options::default())
        .expect("the demo SVG is well-formed");
    let mut pixmap = resvg::tiny_skia::Pixmap::new(SIDE, SIDE).expect("non-zero size");
    let scale = SIDE as f32 / 640.0;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().expect("PNG encoding of a pixmap")
}

/// What a product without pictures shows: the drawing of the first category
/// on `path` (its own category first, then up to its department) that has
/// one, else its department's pictogram, else a plain picture frame, in
/// greys. `path` lists category slugs from the product's own up to the top.
pub fn placeholder_svg(path: &[String]) -> String {
    let item = path
        .iter()
        .find_map(|slug| drawing(slug))
        .or_else(|| path.last().and_then(|top| department_drawing(top)))
        .unwrap_or_else(|| PICTURE_FRAME.to_string());
    frame(
        ("#f3f1ec", "#e7e4dd"),
        (470, 150),
        0,
        true,
        &Paint::placeholder().apply(&item),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_painted_as_named() {
        assert_eq!(colour_hex("黑色"), "#1e1f22");
        assert_eq!(colour_hex("Ivory"), "#eee7d6");
        assert_eq!(colour_hex("不存在的颜色"), UNKNOWN_PAINT);
        // Seams stay visible on black and on ivory alike.
        let black = Paint::of(colour_hex("黑色"));
        assert!(luminance(parse_hex(&black.line)) > luminance(parse_hex(&black.fill)));
        let ivory = Paint::of(colour_hex("米白"));
        assert!(luminance(parse_hex(&ivory.line)) < luminance(parse_hex(&ivory.fill)));
    }

    #[test]
    fn every_demo_sub_category_has_its_own_drawing() {
        let mut seen = Vec::new();
        for dept in super::super::CATALOG {
            for leaf in dept.leaves {
                let d =
                    drawing(leaf.slug).unwrap_or_else(|| panic!("no drawing for {}", leaf.slug));
                assert!(!seen.contains(&d), "{} repeats a drawing", leaf.slug);
                seen.push(d);
            }
        }
    }

    /// Products of one sub-category that are the same kind of thing and so
    /// share a drawing; any other two products of a sub-category must not.
    const ALIKE: &[&[&str]] = &[
        &[
            "Lightweight down jacket",
            "Long hooded down jacket",
            "Stand-collar short down jacket",
            "Windproof outdoor down jacket",
            "Kids' warm down jacket",
        ],
        &[
            "Cotton crew-neck T-shirt",
            "Loose printed T-shirt",
            "Quick-dry sports T-shirt",
            "Linen short-sleeve shirt tee",
            "Heavyweight plain T-shirt",
        ],
        &[
            "Floral chiffon dress",
            "Knitted slim dress",
            "Silk slip dress",
            "Loose cotton-linen dress",
            "Commuter shirt dress",
        ],
        &[
            "Woody eau de parfum",
            "Floral eau de toilette",
            "Citrus cologne",
        ],
        // Loose leaf in a caddy; the pu-erh is a pressed cake.
        &[
            "West Lake Longjing green tea",
            "Wuyi rock oolong",
            "Jasmine tea",
            "Silver Needle white tea",
        ],
    ];

    #[test]
    fn each_product_shows_its_own_kind_of_thing() {
        let items = super::super::items();
        for a in &items {
            let kind = product_kind(a.leaf, &a.slug);
            assert!(kind.is_some(), "{} ({}) names no kind", a.slug, a.names.1);
            assert_eq!(
                kind,
                kind_of_name(a.names.1),
                "{} is found by its slug",
                a.slug
            );
            let drawn = product_drawing(a.leaf, &a.slug);
            for b in items.iter().filter(|b| b.leaf == a.leaf && b.no > a.no) {
                let same = drawn == product_drawing(b.leaf, &b.slug);
                let alike = ALIKE
                    .iter()
                    .any(|group| group.contains(&a.names.1) && group.contains(&b.names.1));
                assert_eq!(
                    same, alike,
                    "{} and {}: same drawing {same}, same kind {alike}",
                    a.names.1, b.names.1
                );
            }
        }
    }

    #[test]
    fn every_product_picture_is_well_formed() {
        for item in super::super::items() {
            for colour in ["黑色", "米白"] {
                let svg = product_svg(item.leaf, colour, &item.slug);
                assert!(
                    !svg.contains('$'),
                    "{}: every paint token is filled in",
                    item.slug
                );
                let parsed =
                    resvg::usvg::Tree::from_data(svg.as_bytes(), &resvg::usvg::Options::default());
                assert!(parsed.is_ok(), "{} in {colour} parses", item.slug);
            }
        }
    }

    #[test]
    fn unknown_products_fall_back_to_their_sub_category() {
        assert_eq!(
            demo_name("camping", "camping-4"),
            Some("Portable gas stove")
        );
        assert_eq!(product_kind("camping", "camping-4"), Some(Kind::GasStove));
        assert_eq!(demo_name("camping", "camping-9"), None);
        assert_eq!(demo_name("camping", "camping-0"), None);
        assert_eq!(demo_name("camping", "tea-1"), None);
        assert_eq!(product_drawing("camping", "camping-9"), TENT);
        assert_eq!(product_drawing("new-leaf", "new-leaf-1"), PICTURE_FRAME);
    }

    #[test]
    fn placeholders_fall_back_from_category_to_department_to_frame() {
        let own = placeholder_svg(&["tea".to_string(), "food".to_string()]);
        assert!(own.contains("#5f8f3e"), "the tea caddy's leaf");
        let dept = placeholder_svg(&["new-leaf".to_string(), "apparel".to_string()]);
        assert!(dept.contains(app::catalog::department_glyph("apparel")));
        let nothing: Vec<String> = Vec::new();
        let none = placeholder_svg(&nothing);
        assert!(none.contains(r#"<circle cx="250" cy="268""#));
        assert!(!none.contains('$'), "every paint token is filled in");
    }
}
