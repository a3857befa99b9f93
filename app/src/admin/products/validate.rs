//! Checks shared by the editor and the CSV import, so a product is held to
//! the same rules whichever way it arrives. Pure: no database.
use super::{Pair, ProductForm};
use crate::error::{ErrorKey, FieldError};
use crate::text::parse_money;

pub const MAX_NAME: usize = 120;
pub const MAX_DESCRIPTION: usize = 4000;
pub const MAX_OPTION: usize = 30;
pub const MAX_VARIANTS: usize = 50;
pub const MAX_TAGS: usize = 20;
pub const MAX_STOCK: i32 = 1_000_000;

pub fn check_text(
    errors: &mut Vec<FieldError>,
    field: &str,
    text: &str,
    max: usize,
    required: bool,
) {
    let t = text.trim();
    if required && t.is_empty() {
        errors.push(FieldError::new(field, ErrorKey::Required));
    } else if t.chars().count() > max {
        errors.push(FieldError::new(field, ErrorKey::TooLong));
    }
}

pub fn check_pair(errors: &mut Vec<FieldError>, field: &str, p: &Pair, max: usize, required: bool) {
    check_text(errors, &format!("{field}_zh"), &p.zh, max, required);
    check_text(errors, &format!("{field}_en"), &p.en, max, required);
}

/// SKUs are stored upper-case: letters, digits, dash and underscore.
pub fn normalize_sku(sku: &str) -> String {
    sku.trim().to_uppercase()
}

pub fn valid_sku(sku: &str) -> bool {
    (1..=64).contains(&sku.len())
        && sku
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Tags as typed ("新品, sale，热卖") → trimmed, de-duplicated, in order.
pub fn split_tags(tags: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tags.split([',', '，']) {
        let t = t.trim();
        if !t.is_empty() && !out.iter().any(|o| o == t) {
            out.push(t.to_string());
        }
    }
    out
}

pub fn check_tags(errors: &mut Vec<FieldError>, field: &str, tags: &str) {
    let list = split_tags(tags);
    if list.len() > MAX_TAGS || list.iter().any(|t| t.chars().count() > 30) {
        errors.push(FieldError::new(field, ErrorKey::TooLong));
    }
}

/// A price as typed, in minor units: positive, at most two decimals.
pub fn check_price(errors: &mut Vec<FieldError>, field: &str, price: &str) -> Option<i64> {
    match parse_money(price) {
        Some(p) if p > 0 && p <= 10_000_000_000 => Some(p),
        _ => {
            errors.push(FieldError::new(field, ErrorKey::NumberInvalid));
            None
        }
    }
}

pub fn check_count(errors: &mut Vec<FieldError>, field: &str, n: i32) {
    if !(0..=MAX_STOCK).contains(&n) {
        errors.push(FieldError::new(field, ErrorKey::NumberInvalid));
    }
}

/// Everything about the form that can be known without the database.
/// Field names: `slug`, `name_zh`, `options.1_en`, `variants.0.sku`,
/// `variants.0.values.1_zh`, `attributes.2_en`…
pub fn validate_form(f: &ProductForm) -> Vec<FieldError> {
    let mut e = Vec::new();
    if !crate::catalog::valid_slug(f.slug.trim()) {
        e.push(FieldError::new("slug", ErrorKey::Required));
    }
    if f.category_id <= 0 {
        e.push(FieldError::new("category_id", ErrorKey::Required));
    }
    check_pair(&mut e, "name", &f.name, MAX_NAME, true);
    check_pair(
        &mut e,
        "description",
        &f.description,
        MAX_DESCRIPTION,
        false,
    );
    check_tags(&mut e, "tags", &f.tags);
    if f.options.len() > 3 {
        e.push(FieldError::new("options", ErrorKey::TooLong));
    }
    for (i, o) in f.options.iter().enumerate() {
        check_pair(&mut e, &format!("options.{i}"), o, MAX_OPTION, true);
    }
    if f.variants.is_empty() {
        e.push(FieldError::new("variants", ErrorKey::Required));
    } else if f.variants.len() > MAX_VARIANTS {
        e.push(FieldError::new("variants", ErrorKey::TooLong));
    }
    let mut skus: Vec<String> = Vec::new();
    for (i, v) in f.variants.iter().enumerate() {
        let sku = normalize_sku(&v.sku);
        if !valid_sku(&sku) {
            e.push(FieldError::new(
                &format!("variants.{i}.sku"),
                ErrorKey::Required,
            ));
        } else if skus.contains(&sku) {
            e.push(FieldError::new(
                &format!("variants.{i}.sku"),
                ErrorKey::SkuTaken,
            ));
        }
        skus.push(sku);
        check_price(&mut e, &format!("variants.{i}.price"), &v.price);
        if v.id.is_none() {
            check_count(&mut e, &format!("variants.{i}.stock"), v.stock);
        }
        check_count(
            &mut e,
            &format!("variants.{i}.safety_stock"),
            v.safety_stock,
        );
        if v.values.len() != f.options.len() {
            e.push(FieldError::new(
                &format!("variants.{i}.values"),
                ErrorKey::Required,
            ));
        }
        for (j, val) in v.values.iter().enumerate() {
            check_pair(
                &mut e,
                &format!("variants.{i}.values.{j}"),
                val,
                MAX_OPTION,
                true,
            );
        }
    }
    // Two variants with the same option values could not be told apart.
    for (i, v) in f.variants.iter().enumerate() {
        if !f.options.is_empty() && f.variants[..i].iter().any(|w| w.values == v.values) {
            e.push(FieldError::new(
                &format!("variants.{i}.values"),
                ErrorKey::SkuTaken,
            ));
        }
    }
    if f.variants.len() > 1 && f.options.is_empty() {
        e.push(FieldError::new("options", ErrorKey::Required));
    }
    for (i, a) in f.attributes.iter().enumerate() {
        check_pair(&mut e, &format!("attributes.{i}"), &a.value, 200, false);
    }
    e
}

#[cfg(test)]
mod tests {
    use super::super::VariantForm;
    use super::*;

    fn pair(zh: &str, en: &str) -> Pair {
        Pair {
            zh: zh.into(),
            en: en.into(),
        }
    }

    fn good() -> ProductForm {
        ProductForm {
            id: None,
            slug: "silk-scarf".into(),
            category_id: 3,
            name: pair("真丝围巾", "Silk scarf"),
            description: pair("", ""),
            tags: "新品, gift".into(),
            listed: false,
            featured: false,
            options: vec![pair("颜色", "Colour")],
            variants: vec![
                VariantForm {
                    id: None,
                    sku: "scarf-red".into(),
                    price: "129".into(),
                    stock: 5,
                    safety_stock: 2,
                    values: vec![pair("红", "Red")],
                },
                VariantForm {
                    id: None,
                    sku: "SCARF-BLUE".into(),
                    price: "129.50".into(),
                    stock: 0,
                    safety_stock: 0,
                    values: vec![pair("蓝", "Blue")],
                },
            ],
            attributes: vec![],
        }
    }

    fn fields(f: &ProductForm) -> Vec<String> {
        validate_form(f).into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_good_form_passes() {
        assert!(validate_form(&good()).is_empty());
    }

    #[test]
    fn each_rule_names_its_field() {
        let mut f = good();
        f.slug = "Silk Scarf".into();
        f.name.en = " ".into();
        f.variants[0].price = "12.345".into();
        f.variants[1].sku = "scarf-red".into();
        f.variants[1].stock = -1;
        assert_eq!(
            fields(&f),
            [
                "slug",
                "name_en",
                "variants.0.price",
                "variants.1.sku",
                "variants.1.stock"
            ]
        );
        let mut f = good();
        f.variants[1].values = vec![pair("红", "Red")];
        assert_eq!(fields(&f), ["variants.1.values"]);
        let mut f = good();
        f.options.clear();
        for v in &mut f.variants {
            v.values.clear();
        }
        assert_eq!(fields(&f), ["options"]);
        let mut f = good();
        f.variants.clear();
        assert_eq!(fields(&f), ["variants"]);
        let mut f = good();
        f.variants[0].price = "0".into();
        assert_eq!(fields(&f), ["variants.0.price"]);
    }

    #[test]
    fn tags_split_on_either_comma() {
        assert_eq!(
            split_tags("新品, gift，热卖,,gift"),
            ["新品", "gift", "热卖"]
        );
        assert!(valid_sku("AB-1_2"));
        assert!(!valid_sku("ab 1"));
        assert_eq!(normalize_sku(" ab-1 "), "AB-1");
    }
}
