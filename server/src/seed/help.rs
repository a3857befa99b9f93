//! The demo's help centre: a small tree of categories and published
//! articles in both languages, the questions shoppers ask most (tracking,
//! shipping fees, payment, returns, refunds, exchanges, passwords, their
//! data). Loaded once: an article or category already there is left as
//! staff last saved it.
use super::Tx;
use crate::Result;

/// slug, parent slug, position, Chinese name, English name.
const CATEGORIES: &[(&str, Option<&str>, i32, &str, &str)] = &[
    ("shopping", None, 0, "购物指南", "Shopping"),
    (
        "orders-delivery",
        Some("shopping"),
        0,
        "订单与配送",
        "Orders and delivery",
    ),
    ("payment", Some("shopping"), 1, "支付", "Payment"),
    ("after-sales", None, 1, "售后服务", "After-sales"),
    (
        "returns-refunds",
        Some("after-sales"),
        0,
        "退货与退款",
        "Returns and refunds",
    ),
    (
        "exchange-repair",
        Some("after-sales"),
        1,
        "换货与维修",
        "Exchanges and repairs",
    ),
    ("account", None, 2, "账户与隐私", "Account and privacy"),
];

struct Article {
    slug: &'static str,
    category: &'static str,
    position: i32,
    title: (&'static str, &'static str),
    body: (&'static str, &'static str),
}

const ARTICLES: &[Article] = &[
    Article {
        slug: "track-order",
        category: "orders-delivery",
        position: 0,
        title: ("如何查看物流信息", "How do I track my order?"),
        body: (
            "订单发货后，我们会通过站内信和邮件通知你，并附上快递公司和运单号。\n\n查看物流的方法：\n- 打开“我的订单”，进入对应订单；\n- 在“物流信息”中查看运单号和最新进度；\n- 复制运单号，也可以到快递公司网站查询。\n\n如果发货三天后物流仍没有更新，请联系客服，我们会帮你向快递公司核实。",
            "When your order ships we tell you in your inbox and by e-mail, with the carrier and the tracking number.\n\nTo follow it:\n- open \"My orders\" and choose the order;\n- the tracking number and the latest progress are under \"Tracking\";\n- you can also look the number up on the carrier's website.\n\nIf the tracking has not moved three days after shipping, contact customer service and we will check with the carrier.",
        ),
    },
    Article {
        slug: "shipping-fees",
        category: "orders-delivery",
        position: 1,
        title: ("运费怎么算", "How much is shipping?"),
        body: (
            "运费在结算页显示，下单前即可看到：\n- 标准配送：满 99 元免运费，未满收取 10 元；\n- 加急配送：运费 25 元，通常次日送达。\n\n偏远地区可能多需要一到两天。",
            "The shipping fee is shown at checkout, before you order:\n- standard delivery is free from ¥99, otherwise ¥10;\n- express delivery costs ¥25 and usually arrives the next day.\n\nRemote areas may take one or two days longer.",
        ),
    },
    Article {
        slug: "payment-methods",
        category: "payment",
        position: 0,
        title: ("支持哪些付款方式", "Which payment methods can I use?"),
        body: (
            "结算时可以选择在线支付或货到付款。\n\n- 在线支付：下单后跳转到支付页面完成付款，付款成功后订单状态变为“已付款”；\n- 货到付款：收货时向快递员付款，部分地区和商品不支持。\n\n未付款的订单会在 30 分钟后自动取消，商品会退回库存。",
            "At checkout you can pay online or pay on delivery.\n\n- Online: after ordering you are taken to the payment page; once paid, the order shows \"Paid\".\n- Cash on delivery: pay the courier when the parcel arrives; not offered for every area or product.\n\nAn order left unpaid is cancelled after 30 minutes and its items go back into stock.",
        ),
    },
    Article {
        slug: "return-refund",
        category: "returns-refunds",
        position: 0,
        title: ("如何申请退货退款", "How do I return an item for a refund?"),
        body: (
            "签收后 7 天内，可以对订单中的商品申请退货退款。\n\n申请步骤：\n- 打开“我的订单”，进入对应订单，点击“申请售后”；\n- 选择“退货退款”和原因，必要时上传照片；\n- 商家同意后，按页面上的退货地址寄回商品，并填写运单号。\n\n商家收到退货并检查后，会按原支付方式退款。因商品质量问题退货，寄回运费由商家承担。",
            "You can ask to return an item for a refund within 7 days of delivery.\n\nHow:\n- open \"My orders\", choose the order and tap \"After-sales\";\n- choose \"Return and refund\" and a reason, adding photos if asked;\n- once the shop approves, send the item to the return address shown and enter the tracking number.\n\nWhen the shop has received and checked it, the refund goes back the way you paid. If the item was faulty, the shop pays the return shipping.",
        ),
    },
    Article {
        slug: "refund-time",
        category: "returns-refunds",
        position: 1,
        title: ("退款多久到账", "When will my refund arrive?"),
        body: (
            "退款按原支付方式退回，退款到账的时间取决于支付渠道：\n- 在线支付：通常 1–3 个工作日到账；\n- 货到付款的订单：退款会转到你提供的账户，通常 3–5 个工作日。\n\n退款发出后，订单和售后页面会显示“已退款”，你也会收到站内信和邮件通知。超过上述时间仍未到账，请联系客服并提供订单号。",
            "Refunds go back the way you paid, and how long they take depends on the channel:\n- online payments usually arrive within 1–3 working days;\n- for cash-on-delivery orders the refund goes to the account you give us, usually within 3–5 working days.\n\nOnce a refund is sent, the order and after-sales pages show \"Refunded\" and you get an inbox message and an e-mail. If it has not arrived after that, contact customer service with your order number.",
        ),
    },
    Article {
        slug: "exchange-repair",
        category: "exchange-repair",
        position: 0,
        title: (
            "如何申请换货或维修",
            "How do I ask for an exchange or a repair?",
        ),
        body: (
            "尺码或颜色不合适，可以在签收后 7 天内申请换货；商品在保修期内出现故障，可以申请维修。\n\n- 在订单页点击“申请售后”，选择“换货”并选好要换的款式，或选择“维修”并描述问题；\n- 按页面提示寄回商品；\n- 商家处理后会寄出新商品或修好的商品，并提供运单号。\n\n换货时如有差价，会在页面上说明由谁补付。",
            "If the size or colour is wrong you can ask for an exchange within 7 days of delivery; if the item develops a fault under warranty you can ask for a repair.\n\n- On the order page tap \"After-sales\", choose \"Exchange\" and the variant you want, or \"Repair\" and describe the fault;\n- send the item back as the page explains;\n- the shop sends the new or repaired item with a tracking number.\n\nIf the exchange costs more or less, the page says who pays the difference.",
        ),
    },
    Article {
        slug: "forgot-password",
        category: "account",
        position: 0,
        title: ("忘记密码怎么办", "I forgot my password"),
        body: (
            "在登录页点击“忘记密码”，输入注册邮箱，我们会发送一封重设密码的邮件。\n\n- 邮件中的链接一小时内有效，且只能使用一次；\n- 设置新密码后，其他设备上的登录会全部退出；\n- 没有收到邮件？请检查垃圾邮件，或稍后再试。",
            "On the sign-in page tap \"Forgot password\" and enter your e-mail address; we send you a message to reset your password.\n\n- The link works for one hour and only once;\n- setting a new password signs you out on every other device;\n- no message? Check your spam folder, or try again a little later.",
        ),
    },
    Article {
        slug: "my-data",
        category: "account",
        position: 1,
        title: (
            "如何导出或删除我的数据",
            "How do I export or delete my data?",
        ),
        body: (
            "在“账户 → 隐私设置”中，可以随时下载你的数据（JSON 或 CSV），也可以申请删除账户。\n\n申请删除后有一段冷静期，期间再次登录即可撤销；冷静期结束后，账户中的个人信息会被删除，订单记录按法律要求匿名保留。",
            "Under \"Account → Privacy\" you can download your data at any time (JSON or CSV) or ask for your account to be deleted.\n\nA deletion waits through a cooling-off period, during which signing in again cancels it; after that your personal information is erased, and your orders are kept anonymised as the law requires.",
        ),
    },
];

pub(super) async fn load_help(tx: &mut Tx<'_>) -> Result<()> {
    for (slug, parent, position, zh, en) in CATEGORIES {
        sqlx::query!(
            "INSERT INTO help_categories (parent_id, slug, name_zh, name_en, position)
             VALUES ((SELECT id FROM help_categories WHERE slug = $1), $2, $3, $4, $5)
             ON CONFLICT (slug) DO NOTHING",
            *parent,
            slug,
            zh,
            en,
            position,
        )
        .execute(&mut **tx)
        .await?;
    }
    for a in ARTICLES {
        sqlx::query!(
            "INSERT INTO help_articles (category_id, slug, title_zh, title_en, body_zh, body_en,
                                        published, position, updated_at)
             SELECT id, $2, $3, $4, $5, $6, true, $7, now() FROM help_categories WHERE slug = $1
             ON CONFLICT (slug) DO NOTHING",
            a.category,
            a.slug,
            a.title.0,
            a.title.1,
            a.body.0,
            a.body.1,
            a.position,
        )
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
