//! The rules a promotion meets before it is stored. Pure: the editor runs
//! them in the browser for an instant answer, and the server runs them again
//! (it is the authority, and adds what needs the database: the code is free,
//! the products and categories exist, the kind is unchanged, the usage limit
//! is not below the uses so far). Also the shop's clock: dates are typed in
//! Asia/Shanghai, which is UTC+8 all year.
//!
//! Field names in errors are the form's (`code`, `name_zh`, `percent_off`,
//! `amount_off`, `tiers`, `tier{i}_min`, `tier{i}_off`, `min_spend`,
//! `product_ids`, `category_ids`, `benefit`, `starts_at`, `ends_at`,
//! `usage_limit`, `per_customer_limit`); the editor words each one.
use super::{BenefitChoice, PromotionForm, Tier, TierInput};
use crate::admin::components::parse_minor;
use crate::error::{AppError, Checks, ErrorKey};
use crate::promotions::{PromotionKind, normalize_code};

pub const MAX_NAME: usize = 60;
pub const MAX_CODE: usize = 32;
pub const MAX_TIERS: usize = 5;
/// Most products, and most categories, one sale may list.
pub const MAX_IDS: usize = 200;
/// Asia/Shanghai has kept UTC+8 without daylight saving since 1991.
const SHOP_OFFSET_SECS: i64 = 8 * 3600;

/// A form that passed: the values exactly as they are stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPromotion {
    pub kind: PromotionKind,
    pub code: Option<String>,
    pub name_zh: String,
    pub name_en: String,
    pub percent_off: Option<i32>,
    pub amount_off_minor: Option<i64>,
    pub free_shipping: bool,
    /// Some for a 满减 only.
    pub tiers: Option<Vec<Tier>>,
    pub min_spend_minor: i64,
    pub product_ids: Vec<i64>,
    pub category_ids: Vec<i64>,
    pub applies_to_sale_items: bool,
    /// Unix seconds.
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub usage_limit: Option<i32>,
    pub per_customer_limit: Option<i32>,
    pub active: bool,
}

/// Checks every field the kind uses (the others are ignored and stored
/// empty), reporting all problems at once.
pub fn validate(f: &PromotionForm) -> Result<ValidPromotion, AppError> {
    let mut c = Checks::default();
    let kind = f.kind;

    let code = if kind == PromotionKind::Coupon {
        check_code(&mut c, &f.code)
    } else {
        None
    };
    let name_zh = check_name(&mut c, "name_zh", &f.name_zh);
    let name_en = check_name(&mut c, "name_en", &f.name_en);

    let (mut percent_off, mut amount_off_minor, mut free_shipping, mut tiers) =
        (None, None, false, None);
    if kind == PromotionKind::Threshold {
        tiers = Some(check_tiers(&mut c, &f.tiers));
    } else {
        match f.benefit {
            BenefitChoice::Percent => percent_off = check_percent(&mut c, &f.percent_off),
            BenefitChoice::Amount => {
                amount_off_minor = check_amount(&mut c, "amount_off", &f.amount_off)
            }
            BenefitChoice::FreeShipping if kind == PromotionKind::Coupon => free_shipping = true,
            BenefitChoice::FreeShipping => c.fail("benefit", ErrorKey::BadRequest),
        }
    }

    // The engine checks a minimum spend for coupons and new-customer offers
    // (a 满减's tiers are its own minimums; a sale is per item).
    let min_spend_minor = if matches!(kind, PromotionKind::Coupon | PromotionKind::NewCustomer) {
        check_min_spend(&mut c, &f.min_spend)
    } else {
        0
    };

    let (product_ids, category_ids) = if kind == PromotionKind::Sale {
        check_scope(&mut c, &f.product_ids, &f.category_ids)
    } else {
        (Vec::new(), Vec::new())
    };

    let starts_at = check_date(&mut c, "starts_at", &f.starts_at);
    let ends_at = check_date(&mut c, "ends_at", &f.ends_at);
    if let (Some(s), Some(e)) = (starts_at, ends_at)
        && e <= s
    {
        c.fail("ends_at", ErrorKey::BadRequest);
    }
    let usage_limit = check_limit(&mut c, "usage_limit", &f.usage_limit);
    let per_customer_limit = check_limit(&mut c, "per_customer_limit", &f.per_customer_limit);

    c.finish()?;
    Ok(ValidPromotion {
        kind,
        code,
        name_zh,
        name_en,
        percent_off,
        amount_off_minor,
        free_shipping,
        tiers,
        min_spend_minor,
        product_ids,
        category_ids,
        // Only a coupon may leave sale items out.
        applies_to_sale_items: kind != PromotionKind::Coupon || f.applies_to_sale_items,
        starts_at,
        ends_at,
        usage_limit,
        per_customer_limit,
        active: f.active,
    })
}

fn check_code(c: &mut Checks, text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        c.fail("code", ErrorKey::Required);
        None
    } else if t.chars().count() > MAX_CODE {
        c.fail("code", ErrorKey::TooLong);
        None
    } else {
        let code = normalize_code(t);
        if code.is_none() {
            c.fail("code", ErrorKey::BadRequest);
        }
        code
    }
}

fn check_name(c: &mut Checks, field: &str, text: &str) -> String {
    let t = text.trim();
    if t.is_empty() {
        c.fail(field, ErrorKey::Required);
    } else if t.chars().count() > MAX_NAME {
        c.fail(field, ErrorKey::TooLong);
    }
    t.to_string()
}

/// Empty is `Required`; anything else that is not allowed, `BadRequest`.
fn required_or_bad(text: &str) -> ErrorKey {
    if text.trim().is_empty() {
        ErrorKey::Required
    } else {
        ErrorKey::BadRequest
    }
}

fn check_percent(c: &mut Checks, text: &str) -> Option<i32> {
    match text.trim().parse::<i32>() {
        Ok(p) if (1..=100).contains(&p) => Some(p),
        _ => {
            c.fail("percent_off", required_or_bad(text));
            None
        }
    }
}

/// Money above zero.
fn check_amount(c: &mut Checks, field: &str, text: &str) -> Option<i64> {
    match parse_minor(text, false) {
        Some(m) if m > 0 => Some(m),
        _ => {
            c.fail(field, required_or_bad(text));
            None
        }
    }
}

fn check_min_spend(c: &mut Checks, text: &str) -> i64 {
    if text.trim().is_empty() {
        return 0;
    }
    match parse_minor(text, false) {
        Some(m) => m,
        None => {
            c.fail("min_spend", ErrorKey::BadRequest);
            0
        }
    }
}

/// 1 to 5 tiers, each taking off less than its minimum, minimums rising.
fn check_tiers(c: &mut Checks, rows: &[TierInput]) -> Vec<Tier> {
    if rows.is_empty() {
        c.fail("tiers", ErrorKey::Required);
        return Vec::new();
    }
    if rows.len() > MAX_TIERS {
        c.fail("tiers", ErrorKey::TooLong);
        return Vec::new();
    }
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let min = parse_minor(&row.min, false).filter(|m| *m > 0);
        let off = parse_minor(&row.off, false).filter(|o| *o > 0);
        if min.is_none() {
            c.fail(&format!("tier{i}_min"), required_or_bad(&row.min));
        }
        match (min, off) {
            (_, None) => c.fail(&format!("tier{i}_off"), required_or_bad(&row.off)),
            (Some(min), Some(off)) if off >= min => {
                c.fail(&format!("tier{i}_off"), ErrorKey::BadRequest)
            }
            (Some(min), Some(off)) => out.push(Tier {
                min_minor: min,
                off_minor: off,
            }),
            (None, Some(_)) => {}
        }
    }
    if out.len() == rows.len() && out.windows(2).any(|w| w[1].min_minor <= w[0].min_minor) {
        c.fail("tiers", ErrorKey::BadRequest);
    }
    out
}

/// Product ids as typed: separated by commas (either width), 、 or spaces.
/// None if any is not a positive whole number. Sorted, without repeats.
pub fn parse_ids(text: &str) -> Option<Vec<i64>> {
    let mut ids = Vec::new();
    for part in text.split(|ch: char| ch == ',' || ch == '，' || ch == '、' || ch.is_whitespace())
    {
        if part.is_empty() {
            continue;
        }
        match part.parse::<i64>() {
            Ok(id) if id > 0 => ids.push(id),
            _ => return None,
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Some(ids)
}

/// A sale covers at least one product or category.
fn check_scope(c: &mut Checks, products: &str, categories: &[i64]) -> (Vec<i64>, Vec<i64>) {
    let products = match parse_ids(products) {
        Some(p) if p.len() > MAX_IDS => {
            c.fail("product_ids", ErrorKey::TooLong);
            return (Vec::new(), Vec::new());
        }
        Some(p) => p,
        None => {
            c.fail("product_ids", ErrorKey::BadRequest);
            return (Vec::new(), Vec::new());
        }
    };
    let mut cats = categories.to_vec();
    cats.sort_unstable();
    cats.dedup();
    if cats.iter().any(|id| *id <= 0) {
        c.fail("category_ids", ErrorKey::BadRequest);
    } else if cats.len() > MAX_IDS {
        c.fail("category_ids", ErrorKey::TooLong);
    } else if products.is_empty() && cats.is_empty() {
        c.fail("product_ids", ErrorKey::Required);
    }
    (products, cats)
}

fn check_date(c: &mut Checks, field: &str, text: &str) -> Option<i64> {
    match parse_local(text) {
        Ok(t) => t,
        Err(key) => {
            c.fail(field, key);
            None
        }
    }
}

fn check_limit(c: &mut Checks, field: &str, text: &str) -> Option<i32> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match t.parse::<i32>() {
        Ok(n) if n > 0 => Some(n),
        _ => {
            c.fail(field, ErrorKey::BadRequest);
            None
        }
    }
}

/// "2026-03-01T08:30" (what `<input type="datetime-local">` sends; seconds
/// are allowed) in the shop's time → Unix seconds. Empty is `Ok(None)`.
pub fn parse_local(text: &str) -> Result<Option<i64>, ErrorKey> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let bad = ErrorKey::BadRequest;
    let (date, time) = t.split_once('T').or_else(|| t.split_once(' ')).ok_or(bad)?;
    let d: Vec<&str> = date.split('-').collect();
    let tm: Vec<&str> = time.split(':').collect();
    if d.len() != 3 || !(2..=3).contains(&tm.len()) {
        return Err(bad);
    }
    let num = |s: &str, len: usize| -> Result<i64, ErrorKey> {
        if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse::<i64>().map_err(|_| bad)
        } else {
            Err(bad)
        }
    };
    let (y, mo, day) = (num(d[0], 4)?, num(d[1], 2)?, num(d[2], 2)?);
    let (h, mi) = (num(tm[0], 2)?, num(tm[1], 2)?);
    let s = if tm.len() == 3 { num(tm[2], 2)? } else { 0 };
    if !(2000..=2199).contains(&y)
        || !(1..=12).contains(&mo)
        || day < 1
        || day > days_in_month(y, mo)
        || h > 23
        || mi > 59
        || s > 59
    {
        return Err(bad);
    }
    Ok(Some(
        days_from_civil(y, mo, day) * 86_400 + h * 3600 + mi * 60 + s - SHOP_OFFSET_SECS,
    ))
}

/// Unix seconds → "2026-03-01T08:30" in the shop's time (the editor's value).
pub fn format_local(unix: i64) -> String {
    let t = unix + SHOP_OFFSET_SECS;
    let (y, m, d) = civil_from_days(t.div_euclid(86_400));
    let secs = t.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}",
        secs / 3600,
        secs % 3600 / 60
    )
}

/// Unix seconds → "2026-03-01 08:30" in the shop's time (for reading).
pub fn display_local(unix: i64) -> String {
    format_local(unix).replacen('T', " ", 1)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `z` days after 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coupon() -> PromotionForm {
        PromotionForm {
            kind: PromotionKind::Coupon,
            code: " spring-5 ".into(),
            name_zh: "春季立减".into(),
            name_en: "Spring offer".into(),
            benefit: BenefitChoice::Amount,
            amount_off: "5".into(),
            ..PromotionForm::default()
        }
    }

    fn tier(min: &str, off: &str) -> TierInput {
        TierInput {
            min: min.into(),
            off: off.into(),
        }
    }

    /// The (field, key) pairs a form fails with.
    fn errors(f: &PromotionForm) -> Vec<(String, ErrorKey)> {
        match validate(f) {
            Ok(_) => vec![],
            Err(AppError::Validation(list)) => list.into_iter().map(|e| (e.field, e.key)).collect(),
            Err(e) => panic!("unexpected {e:?}"),
        }
    }

    fn fails(f: &PromotionForm, field: &str, key: ErrorKey) {
        let got = errors(f);
        assert!(
            got.iter().any(|(g, k)| g == field && *k == key),
            "expected {field}/{key:?}, got {got:?}"
        );
    }

    #[test]
    fn a_good_coupon_is_stored_normalised() {
        let v = validate(&coupon()).unwrap();
        assert_eq!(v.code.as_deref(), Some("SPRING-5"));
        assert_eq!(v.amount_off_minor, Some(500));
        assert_eq!(
            (v.percent_off, v.free_shipping, v.tiers.clone()),
            (None, false, None)
        );
        assert_eq!(v.min_spend_minor, 0);
        assert!(v.active && v.applies_to_sale_items);
        assert_eq!((v.starts_at, v.ends_at, v.usage_limit), (None, None, None));
    }

    #[test]
    fn a_coupon_needs_a_valid_code() {
        let mut f = coupon();
        f.code = "  ".into();
        fails(&f, "code", ErrorKey::Required);
        f.code = "SAVE 20".into();
        fails(&f, "code", ErrorKey::BadRequest);
        f.code = "满减".into();
        fails(&f, "code", ErrorKey::BadRequest);
        f.code = "A".repeat(33);
        fails(&f, "code", ErrorKey::TooLong);
        f.code = "A".repeat(32);
        assert_eq!(errors(&f), vec![]);
    }

    #[test]
    fn only_coupons_keep_a_code() {
        let mut f = coupon();
        f.kind = PromotionKind::NewCustomer;
        f.code = "anything at all".into();
        assert_eq!(validate(&f).unwrap().code, None);
    }

    #[test]
    fn both_names_are_required_and_short() {
        let mut f = coupon();
        f.name_zh = " ".into();
        f.name_en = String::new();
        fails(&f, "name_zh", ErrorKey::Required);
        fails(&f, "name_en", ErrorKey::Required);
        f.name_zh = "满".repeat(61);
        f.name_en = "x".repeat(60);
        fails(&f, "name_zh", ErrorKey::TooLong);
        assert!(!errors(&f).iter().any(|(g, _)| g == "name_en"));
        f.name_zh = "满".repeat(60);
        assert_eq!(validate(&f).unwrap().name_zh.chars().count(), 60);
    }

    #[test]
    fn percent_is_one_to_a_hundred() {
        let mut f = coupon();
        f.benefit = BenefitChoice::Percent;
        f.percent_off = String::new();
        fails(&f, "percent_off", ErrorKey::Required);
        for bad in ["0", "101", "-5", "12.5", "ten"] {
            f.percent_off = bad.into();
            fails(&f, "percent_off", ErrorKey::BadRequest);
        }
        for good in ["1", "100", " 15 "] {
            f.percent_off = good.into();
            let v = validate(&f).unwrap();
            assert_eq!(v.percent_off, good.trim().parse().ok());
            assert_eq!(v.amount_off_minor, None, "exactly one benefit");
        }
    }

    #[test]
    fn an_amount_is_above_zero_with_two_decimals_at_most() {
        let mut f = coupon();
        for bad in ["0", "0.00", "-1", "1.234", "abc"] {
            f.amount_off = bad.into();
            fails(&f, "amount_off", ErrorKey::BadRequest);
        }
        f.amount_off = String::new();
        fails(&f, "amount_off", ErrorKey::Required);
        f.amount_off = "19.9".into();
        let v = validate(&f).unwrap();
        assert_eq!(v.amount_off_minor, Some(1990));
        assert_eq!(v.percent_off, None);
    }

    #[test]
    fn free_shipping_is_for_coupons_only() {
        let mut f = coupon();
        f.benefit = BenefitChoice::FreeShipping;
        f.amount_off = "5".into();
        let v = validate(&f).unwrap();
        assert!(v.free_shipping);
        assert_eq!((v.percent_off, v.amount_off_minor), (None, None));
        f.kind = PromotionKind::Sale;
        f.category_ids = vec![3];
        fails(&f, "benefit", ErrorKey::BadRequest);
        f.kind = PromotionKind::NewCustomer;
        fails(&f, "benefit", ErrorKey::BadRequest);
    }

    #[test]
    fn a_min_spend_is_money_or_empty() {
        let mut f = coupon();
        f.min_spend = "199".into();
        assert_eq!(validate(&f).unwrap().min_spend_minor, 19_900);
        f.min_spend = "1,99".into();
        fails(&f, "min_spend", ErrorKey::BadRequest);
        // Sales and 满减 have no minimum of their own.
        f.kind = PromotionKind::Sale;
        f.category_ids = vec![1];
        assert_eq!(validate(&f).unwrap().min_spend_minor, 0);
    }

    fn threshold(tiers: Vec<TierInput>) -> PromotionForm {
        PromotionForm {
            kind: PromotionKind::Threshold,
            name_zh: "满减".into(),
            name_en: "Spend and save".into(),
            tiers,
            ..PromotionForm::default()
        }
    }

    #[test]
    fn thresholds_take_one_to_five_rising_tiers() {
        let v = validate(&threshold(vec![tier("300", "50"), tier("600", "120")])).unwrap();
        assert_eq!(
            v.tiers,
            Some(vec![
                Tier {
                    min_minor: 30_000,
                    off_minor: 5_000
                },
                Tier {
                    min_minor: 60_000,
                    off_minor: 12_000
                },
            ])
        );
        assert_eq!(
            (v.percent_off, v.amount_off_minor, v.free_shipping),
            (None, None, false)
        );
        fails(&threshold(vec![]), "tiers", ErrorKey::Required);
        fails(
            &threshold(vec![tier("100", "10"); 6]),
            "tiers",
            ErrorKey::TooLong,
        );
        assert!(
            validate(&threshold(
                (1..=5)
                    .map(|i| tier(&(i * 100).to_string(), "10"))
                    .collect()
            ))
            .is_ok()
        );
        // Not rising.
        fails(
            &threshold(vec![tier("600", "120"), tier("300", "50")]),
            "tiers",
            ErrorKey::BadRequest,
        );
        fails(
            &threshold(vec![tier("300", "50"), tier("300", "60")]),
            "tiers",
            ErrorKey::BadRequest,
        );
    }

    #[test]
    fn a_tier_takes_off_less_than_its_minimum() {
        fails(
            &threshold(vec![tier("100", "100")]),
            "tier0_off",
            ErrorKey::BadRequest,
        );
        fails(
            &threshold(vec![tier("100", "10"), tier("200", "250")]),
            "tier1_off",
            ErrorKey::BadRequest,
        );
        fails(
            &threshold(vec![tier("", "10")]),
            "tier0_min",
            ErrorKey::Required,
        );
        fails(
            &threshold(vec![tier("0", "10")]),
            "tier0_min",
            ErrorKey::BadRequest,
        );
        fails(
            &threshold(vec![tier("100", "")]),
            "tier0_off",
            ErrorKey::Required,
        );
        fails(
            &threshold(vec![tier("100", "0")]),
            "tier0_off",
            ErrorKey::BadRequest,
        );
        // The percent and amount fields mean nothing to a 满减.
        let mut f = threshold(vec![tier("100", "10")]);
        f.percent_off = "500".into();
        assert!(validate(&f).is_ok());
    }

    fn sale() -> PromotionForm {
        PromotionForm {
            kind: PromotionKind::Sale,
            name_zh: "限时折扣".into(),
            name_en: "Flash sale".into(),
            benefit: BenefitChoice::Percent,
            percent_off: "15".into(),
            ..PromotionForm::default()
        }
    }

    #[test]
    fn a_sale_covers_some_products_or_categories() {
        fails(&sale(), "product_ids", ErrorKey::Required);
        let mut f = sale();
        f.product_ids = "12, 5，7、12  3".into();
        f.category_ids = vec![9, 2, 9];
        let v = validate(&f).unwrap();
        assert_eq!(v.product_ids, vec![3, 5, 7, 12]);
        assert_eq!(v.category_ids, vec![2, 9]);
        f.product_ids = "12, x".into();
        fails(&f, "product_ids", ErrorKey::BadRequest);
        f.product_ids = "0".into();
        fails(&f, "product_ids", ErrorKey::BadRequest);
        f.product_ids = (1..=201)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",");
        fails(&f, "product_ids", ErrorKey::TooLong);
        f.product_ids = String::new();
        f.category_ids = vec![-1];
        fails(&f, "category_ids", ErrorKey::BadRequest);
        // Other kinds store no lists.
        let mut c = coupon();
        c.product_ids = "1, 2".into();
        c.category_ids = vec![4];
        let v = validate(&c).unwrap();
        assert!(v.product_ids.is_empty() && v.category_ids.is_empty());
    }

    #[test]
    fn only_a_coupon_may_leave_sale_items_out() {
        let mut f = coupon();
        f.applies_to_sale_items = false;
        assert!(!validate(&f).unwrap().applies_to_sale_items);
        let mut s = sale();
        s.category_ids = vec![1];
        s.applies_to_sale_items = false;
        assert!(validate(&s).unwrap().applies_to_sale_items);
    }

    #[test]
    fn the_window_is_shop_time_and_ends_after_it_starts() {
        let mut f = coupon();
        f.starts_at = "2026-03-01T08:30".into();
        f.ends_at = "2026-03-31T23:59:30".into();
        let v = validate(&f).unwrap();
        assert_eq!(v.starts_at, Some(1_772_325_000));
        assert_eq!(
            v.ends_at,
            Some(1_772_325_000 + 30 * 86_400 + 15 * 3600 + 29 * 60 + 30)
        );
        f.ends_at = "2026-03-01T08:30".into();
        fails(&f, "ends_at", ErrorKey::BadRequest);
        f.ends_at = "2026-02-28T10:00".into();
        fails(&f, "ends_at", ErrorKey::BadRequest);
        // Open at either end.
        f.ends_at = String::new();
        assert_eq!(validate(&f).unwrap().ends_at, None);
        f.starts_at = "tomorrow".into();
        fails(&f, "starts_at", ErrorKey::BadRequest);
    }

    #[test]
    fn local_times_parse_and_format() {
        assert_eq!(parse_local(""), Ok(None));
        assert_eq!(parse_local("2026-01-01T08:00"), Ok(Some(1_767_225_600)));
        assert_eq!(parse_local("2026-01-01 08:00"), Ok(Some(1_767_225_600)));
        assert_eq!(parse_local("2024-02-29T23:59"), Ok(Some(1_709_222_340)));
        assert_eq!(parse_local("2000-01-01T00:00"), Ok(Some(946_656_000)));
        for bad in [
            "2025-02-29T10:00",
            "2026-13-01T10:00",
            "2026-04-31T10:00",
            "2026-01-01T24:00",
            "2026-01-01T10:60",
            "2026-1-01T10:00",
            "2026-01-01",
            "1999-12-31T10:00",
            "2026-01-01T10:00:00:00",
        ] {
            assert_eq!(parse_local(bad), Err(ErrorKey::BadRequest), "{bad}");
        }
        assert_eq!(format_local(1_767_225_600), "2026-01-01T08:00");
        assert_eq!(display_local(1_709_222_340), "2024-02-29 23:59");
        assert_eq!(format_local(1_709_222_340 + 59), "2024-02-29T23:59");
        for t in ["2026-03-01T08:30", "2030-12-31T23:59", "2028-02-29T00:00"] {
            assert_eq!(format_local(parse_local(t).unwrap().unwrap()), t);
        }
    }

    #[test]
    fn limits_are_positive_or_empty() {
        let mut f = coupon();
        f.usage_limit = "1000".into();
        f.per_customer_limit = " 1 ".into();
        let v = validate(&f).unwrap();
        assert_eq!((v.usage_limit, v.per_customer_limit), (Some(1000), Some(1)));
        for bad in ["0", "-3", "1.5", "many", "99999999999"] {
            f.usage_limit = bad.into();
            f.per_customer_limit = bad.into();
            fails(&f, "usage_limit", ErrorKey::BadRequest);
            fails(&f, "per_customer_limit", ErrorKey::BadRequest);
        }
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let f = PromotionForm {
            kind: PromotionKind::Coupon,
            benefit: BenefitChoice::Percent,
            percent_off: "0".into(),
            starts_at: "2026-05-01T00:00".into(),
            ends_at: "2026-04-01T00:00".into(),
            ..PromotionForm::default()
        };
        let got = errors(&f);
        for field in ["code", "name_zh", "name_en", "percent_off", "ends_at"] {
            assert!(got.iter().any(|(g, _)| g == field), "{field}: {got:?}");
        }
    }
}
