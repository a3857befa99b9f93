//! What varies by department in the demo catalog: the second option
//! (size, edition, …) and brands. Materials and tags vary by sub-category
//! and live with it in `data.rs`. Every label is bilingual.

pub type Pair = (&'static str, &'static str);

pub struct Profile {
    /// The option beside colour, with its two values.
    pub option: Pair,
    pub values: [Pair; 2],
    pub brands: [Pair; 3],
}

pub const COLOURS: [Pair; 4] = [
    ("黑色", "Black"),
    ("米白", "Ivory"),
    ("藏青", "Navy"),
    ("雾蓝", "Mist blue"),
];

pub const REVIEWS: [(i16, &str); 8] = [
    (5, "质量很好，和描述一致，物流也快。"),
    (4, "整体不错，性价比高，就是包装可以再好一点。"),
    (
        5,
        "Exactly as described and arrived quickly. Would buy again.",
    ),
    (3, "还可以，颜色比图片稍深。"),
    (4, "Good value for the price; the fit is slightly large."),
    (5, "第二次购买了，家人都很喜欢。"),
    (2, "做工一般，有点失望。"),
    (5, "Lovely quality. <b>Highly</b> recommended!"),
];

pub fn profile(department: &str) -> Profile {
    match department {
        "apparel" | "sports" => Profile {
            option: ("尺码", "Size"),
            values: [("M", "M"), ("L", "L")],
            brands: [("山野", "Shanye"), ("北纬", "North Line"), ("素衣", "Suyi")],
        },
        "electronics" => Profile {
            option: ("版本", "Edition"),
            values: [("标准版", "Standard"), ("Pro 版", "Pro")],
            brands: [
                ("声学坊", "Acoustica"),
                ("极光", "Aurora"),
                ("小芯", "Chiplet"),
            ],
        },
        "home" => Profile {
            option: ("规格", "Size"),
            values: [("标准", "Standard"), ("加大", "Large")],
            brands: [("栖居", "Nestwell"), ("木言", "Woodword"), ("暖光", "Glow")],
        },
        "beauty" => Profile {
            option: ("容量", "Volume"),
            values: [("30ml", "30 ml"), ("50ml", "50 ml")],
            brands: [
                ("花间", "Petalia"),
                ("清研", "Clearlab"),
                ("沐光", "Lumiere"),
            ],
        },
        _ => Profile {
            option: ("规格", "Pack"),
            values: [("单盒", "Single box"), ("礼盒装", "Gift box")],
            brands: [
                ("茶山", "Teahill"),
                ("晨焙", "Morning Roast"),
                ("馋嘴", "Nibble"),
            ],
        },
    }
}
