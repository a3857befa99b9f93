use super::*;
use crate::promotions::PromotionColumns;

/// A form that passes, laid out as the columns it is stored in.
fn valid(f: &PromotionForm) -> PromotionColumns {
    validate(f).unwrap().into()
}

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
    let v = valid(&coupon());
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
    assert_eq!(valid(&f).code, None);
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
    assert_eq!(valid(&f).name_zh.chars().count(), 60);
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
        let v = valid(&f);
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
    let v = valid(&f);
    assert_eq!(v.amount_off_minor, Some(1990));
    assert_eq!(v.percent_off, None);
}

#[test]
fn free_shipping_is_for_coupons_only() {
    let mut f = coupon();
    f.benefit = BenefitChoice::FreeShipping;
    f.amount_off = "5".into();
    let v = valid(&f);
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
    assert_eq!(valid(&f).min_spend_minor, 19_900);
    f.min_spend = "1,99".into();
    fails(&f, "min_spend", ErrorKey::BadRequest);
    // Sales and 满减 have no minimum of their own.
    f.kind = PromotionKind::Sale;
    f.category_ids = vec![1];
    assert_eq!(valid(&f).min_spend_minor, 0);
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
    let v = valid(&threshold(vec![tier("300", "50"), tier("600", "120")]));
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
    let v = valid(&f);
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
    let v = valid(&c);
    assert!(v.product_ids.is_empty() && v.category_ids.is_empty());
}

#[test]
fn only_a_coupon_may_leave_sale_items_out() {
    let mut f = coupon();
    f.applies_to_sale_items = false;
    assert!(!valid(&f).applies_to_sale_items);
    let mut s = sale();
    s.category_ids = vec![1];
    s.applies_to_sale_items = false;
    assert!(valid(&s).applies_to_sale_items);
}

#[test]
fn the_window_is_shop_time_and_ends_after_it_starts() {
    let mut f = coupon();
    f.starts_at = "2026-03-01T08:30".into();
    f.ends_at = "2026-03-31T23:59:30".into();
    let v = valid(&f);
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
    assert_eq!(valid(&f).ends_at, None);
    f.starts_at = "tomorrow".into();
    fails(&f, "starts_at", ErrorKey::BadRequest);
}

#[test]
fn limits_are_positive_or_empty() {
    let mut f = coupon();
    f.usage_limit = "1000".into();
    f.per_customer_limit = " 1 ".into();
    let v = valid(&f);
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
