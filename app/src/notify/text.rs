//! The words of a message: a subject and a body per event and language
//! from `locales/<lang>/mail.json`, filled with the message's variables.
//! Read only on the server, so no template adds to the WASM bundle. The
//! e-mail's text and HTML parts and the inbox entry are all written from
//! the same lines, so they never say different things.
use super::Event;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::OnceLock;

type Templates = HashMap<String, HashMap<String, String>>;

fn parse(json: &str) -> Templates {
    // Checked by the tests below: a template file that does not parse
    // never reaches a build that passes them.
    serde_json::from_str::<Map<String, Value>>(json)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(k, v)| {
            let fields = v.as_object()?;
            let strings = fields
                .iter()
                .filter_map(|(f, s)| Some((f.clone(), s.as_str()?.to_string())))
                .collect();
            Some((k, strings))
        })
        .collect()
}

fn templates(locale: &str) -> &'static Templates {
    static ZH: OnceLock<Templates> = OnceLock::new();
    static EN: OnceLock<Templates> = OnceLock::new();
    if locale == "en" {
        EN.get_or_init(|| parse(include_str!("../../../locales/en/mail.json")))
    } else {
        ZH.get_or_init(|| parse(include_str!("../../../locales/zh-CN/mail.json")))
    }
}

fn template(locale: &str, group: &str, field: &str) -> &'static str {
    templates(locale)
        .get(group)
        .and_then(|g| g.get(field))
        .map(String::as_str)
        .unwrap_or("")
}

/// `{name}` in `text` replaced by `vars["name"]`; an unknown name stays as
/// written (a missing variable shows, it does not vanish).
pub fn fill(text: &str, vars: &HashMap<&str, String>) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if vars.contains_key(&after[..close]) => {
                out.push_str(&vars[&after[..close]]);
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A message in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub subject: String,
    pub body: String,
}

/// The variables a message's payload gives its template: its strings as
/// they are, money (`*_minor` with `currency`) formatted, and a
/// cancellation's reason in words.
fn variables(locale: &str, payload: &Value) -> HashMap<&'static str, String> {
    let text = |k: &str| {
        payload
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let currency = text("currency");
    let money = |k: &str| {
        let minor = payload.get(k).and_then(Value::as_i64).unwrap_or(0);
        crate::ui::kit::format_money(minor, &currency)
    };
    let reason = match text("reason").as_str() {
        "unpaid" => template(locale, "layout", "reason_unpaid").to_string(),
        "shopper" => template(locale, "layout", "reason_shopper").to_string(),
        r if r.starts_with("AS") && r.len() <= 30 => fill(
            template(locale, "layout", "reason_after_sales"),
            &HashMap::from([("request", r.to_string())]),
        ),
        r => r.to_string(),
    };
    HashMap::from([
        ("number", text("number")),
        ("email", text("email")),
        ("request", text("request")),
        ("deadline", text("deadline")),
        ("note", text("note")),
        ("staff", text("staff")),
        ("carrier", text("carrier")),
        ("tracking", text("tracking")),
        ("total", money("total_minor")),
        ("price", money("price_minor")),
        // A product's name in the reader's language.
        (
            "product",
            text(if locale == "en" {
                "product_en"
            } else {
                "product_zh"
            }),
        ),
        ("amount", money("amount_minor")),
        ("reason", reason),
        // A ticket: its number, its subject and the start of the reply.
        ("ticket", text("ticket")),
        ("subject", text("subject")),
        ("excerpt", text("excerpt")),
        // Loyalty: how many points.
        ("points", text("points")),
        // A coupon put in the wallet: its name in the reader's language,
        // its code, and until when it may be used.
        (
            "coupon",
            text(if locale == "en" {
                "coupon_en"
            } else {
                "coupon_zh"
            }),
        ),
        ("code", text("code")),
        (
            "until",
            match payload.get("deadline").and_then(Value::as_str) {
                Some(d) => fill(
                    template(locale, "layout", "coupon_until"),
                    &HashMap::from([("deadline", d.to_string())]),
                ),
                None => template(locale, "layout", "coupon_while_runs").to_string(),
            },
        ),
    ])
}

/// `event`'s subject and body in `locale`, filled from `payload`.
pub fn write(event: Event, locale: &str, payload: &Value) -> Written {
    let vars = variables(locale, payload);
    Written {
        subject: fill(template(locale, event.name(), "subject"), &vars),
        body: fill(template(locale, event.name(), "body"), &vars),
    }
}

/// An e-mail's parts: plain text and HTML, with the greeting, the link
/// and the footer around the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The whole e-mail for `event`. `link` is the absolute address of the
/// page it is about (a guest's carries its secret); `name` greets an
/// account holder; `unsubscribe`, a marketing e-mail's signed link, ends it.
pub fn email(
    event: Event,
    locale: &str,
    payload: &Value,
    name: Option<&str>,
    link: &str,
    unsubscribe: Option<&str>,
) -> Email {
    let w = write(event, locale, payload);
    let greeting = match name.filter(|n| !n.trim().is_empty()) {
        Some(n) => fill(
            template(locale, "layout", "greeting"),
            &HashMap::from([("name", n.trim().to_string())]),
        ),
        None => template(locale, "layout", "greeting_guest").to_string(),
    };
    // An event may name its own button and footer (an account e-mail's
    // link is not an order's); otherwise the layout's.
    let own = |field: &str, fallback: &str| {
        Some(template(locale, event.name(), field))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| template(locale, "layout", fallback))
    };
    let (button, footer, shop) = (
        own("button", "open_order"),
        own("footer", "footer"),
        template(locale, "layout", "shop"),
    );
    let leave = template(locale, "layout", "unsubscribe");
    let text = format!(
        "{greeting}\n\n{}\n\n{button}: {link}\n\n-- \n{footer}\n{}",
        w.body,
        unsubscribe.map_or_else(String::new, |u| format!("{leave} {u}\n"))
    );
    let e = crate::text::html_escape;
    let leave_html = unsubscribe.map_or_else(String::new, |u| {
        format!(
            "<p style=\"font-size:13px;color:#59636e\"><a href=\"{}\" style=\"color:#59636e\">{}</a></p>",
            e(u),
            e(leave)
        )
    });
    let lang = if locale == "en" { "en" } else { "zh-CN" };
    let html = format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\"><title>{subject}</title></head>\
         <body style=\"margin:0;padding:24px;background:#f6f6f4;font:16px/1.6 -apple-system,'PingFang SC','Microsoft YaHei',sans-serif;color:#1f2328\">\
         <div style=\"max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px\">\
         <p style=\"margin:0 0 16px;font-weight:600;color:#b4451f\">{shop}</p>\
         <p>{greeting}</p><p>{body}</p>\
         <p style=\"margin:24px 0\"><a href=\"{link}\" style=\"display:inline-block;padding:10px 20px;background:#b4451f;color:#fff;border-radius:6px;text-decoration:none\">{button}</a></p>\
         <p style=\"font-size:13px;color:#59636e\">{footer}</p>{leave_html}</div></body></html>",
        subject = e(&w.subject),
        shop = e(shop),
        greeting = e(&greeting),
        body = e(&w.body),
        link = e(link),
        button = e(button),
        footer = e(footer),
    );
    Email {
        subject: w.subject,
        text,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_event_has_a_subject_and_body_in_both_languages() {
        for locale in crate::locale::LOCALES {
            for event in Event::ALL {
                let w = write(event, locale, &json!({}));
                assert!(!w.subject.is_empty(), "{locale} {event:?} subject");
                assert!(!w.body.is_empty(), "{locale} {event:?} body");
            }
            for field in [
                "greeting",
                "greeting_guest",
                "open_order",
                "footer",
                "shop",
                "unsubscribe",
            ] {
                assert!(
                    !template(locale, "layout", field).is_empty(),
                    "{locale} {field}"
                );
            }
        }
        // The two files name the same templates and fields.
        let keys = |l: &str| {
            let mut k: Vec<String> = templates(l)
                .iter()
                .flat_map(|(g, f)| f.keys().map(move |f| format!("{g}.{f}")))
                .collect();
            k.sort();
            k
        };
        assert_eq!(keys("zh-CN"), keys("en"));
    }

    #[test]
    fn a_shipped_message_names_the_carrier_and_tracking_number_in_its_language() {
        let p = json!({ "number": "20261127-000042", "carrier": "SF", "tracking": "SF1234567890" });
        let zh = write(Event::OrderShipped, "zh-CN", &p);
        assert_eq!(zh.subject, "订单 20261127-000042 已发货");
        assert!(zh.body.contains("SF1234567890") && zh.body.contains("运单号"));
        let en = write(Event::OrderShipped, "en", &p);
        assert_eq!(en.subject, "Order 20261127-000042 has shipped");
        assert!(en.body.contains("tracking number SF1234567890"));
    }

    #[test]
    fn money_and_reasons_are_written_for_the_reader() {
        let p = json!({ "number": "N1", "amount_minor": 129900, "currency": "CNY" });
        assert_eq!(
            write(Event::OrderRefunded, "en", &p).subject,
            "Order N1: ¥1,299.00 refunded"
        );
        let unpaid = json!({ "number": "N1", "reason": "unpaid" });
        assert!(
            write(Event::OrderCancelled, "zh-CN", &unpaid)
                .body
                .contains("超时未付款")
        );
        let request = json!({ "number": "N1", "reason": "AS20261127-0001" });
        assert!(
            write(Event::OrderCancelled, "en", &request)
                .body
                .contains("after-sales request AS20261127-0001")
        );
    }

    #[test]
    fn the_html_part_escapes_what_a_shopper_or_staff_typed() {
        let p = json!({ "number": "N1", "reason": "<script>alert(1)</script>" });
        let mail = email(
            Event::OrderCancelled,
            "en",
            &p,
            Some("<b>Li</b>"),
            "https://shop.test/orders/N1",
            None,
        );
        assert!(!mail.html.contains("<script>") && !mail.html.contains("<b>Li"));
        assert!(mail.html.contains("&lt;script&gt;") && mail.html.contains("&lt;b&gt;Li"));
        assert!(mail.text.contains("Hello <b>Li</b>,"), "text is not HTML");
        assert!(mail.text.contains("https://shop.test/orders/N1"));
    }

    #[test]
    fn unknown_variables_stay_visible() {
        let vars = HashMap::from([("a", "1".to_string())]);
        assert_eq!(fill("{a}-{b}-{", &vars), "1-{b}-{");
    }
}
