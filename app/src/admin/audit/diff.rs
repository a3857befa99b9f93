//! What an audit entry changed, as a list a person can read: the top-level
//! fields whose values differ between the record before and after. Staff
//! were shown two blocks of raw JSON and had to spot the difference
//! themselves. Pure, so it is tested here rather than through the database.
use super::FieldChange;
use serde_json::Value;

/// The changed fields between `before` and `after` (either may be absent:
/// a creation or a deletion), sorted by field name. Two objects are
/// compared key by key, a null value counting as no value; anything else
/// (a list, a number) is compared whole and reported under an empty field
/// name.
pub fn changes(before: Option<&Value>, after: Option<&Value>) -> Vec<FieldChange> {
    if !(has_fields(before) && has_fields(after)) {
        return whole(before, after).into_iter().collect();
    }
    let mut names: Vec<&String> = keys(before).chain(keys(after)).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter_map(|name| {
            let (b, a) = (field(before, name), field(after, name));
            (b != a).then(|| FieldChange {
                field: name.clone(),
                before: b.map(compact),
                after: a.map(compact),
            })
        })
        .collect()
}

/// A value on one line: text as it is (no quotes), anything else (numbers,
/// lists, nested objects) as compact JSON.
pub fn compact(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Absent, null or an object: something that can be compared by field.
fn has_fields(v: Option<&Value>) -> bool {
    matches!(v, None | Some(Value::Null) | Some(Value::Object(_)))
}

fn keys(v: Option<&Value>) -> impl Iterator<Item = &String> {
    v.and_then(Value::as_object)
        .into_iter()
        .flat_map(|m| m.keys())
}

fn field<'a>(v: Option<&'a Value>, name: &str) -> Option<&'a Value> {
    present(v.and_then(Value::as_object).and_then(|m| m.get(name)))
}

fn present(v: Option<&Value>) -> Option<&Value> {
    v.filter(|v| !v.is_null())
}

fn whole(before: Option<&Value>, after: Option<&Value>) -> Option<FieldChange> {
    let (b, a) = (present(before), present(after));
    (b != a).then(|| FieldChange {
        field: String::new(),
        before: b.map(compact),
        after: a.map(compact),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn change(field: &str, before: Option<&str>, after: Option<&str>) -> FieldChange {
        FieldChange {
            field: field.into(),
            before: before.map(String::from),
            after: after.map(String::from),
        }
    }

    #[test]
    fn a_creation_lists_every_field_as_added() {
        let after = json!({ "note": "周末送达", "count": 2 });
        assert_eq!(
            changes(None, Some(&after)),
            vec![
                change("count", None, Some("2")),
                change("note", None, Some("周末送达"))
            ]
        );
    }

    #[test]
    fn a_removed_field_has_no_after() {
        let before = json!({ "reply": "谢谢", "kept": true });
        let after = json!({ "kept": true });
        assert_eq!(
            changes(Some(&before), Some(&after)),
            vec![change("reply", Some("谢谢"), None)]
        );
        assert_eq!(
            changes(Some(&before), None),
            vec![
                change("kept", Some("true"), None),
                change("reply", Some("谢谢"), None)
            ]
        );
    }

    #[test]
    fn only_changed_fields_are_listed_and_null_counts_as_empty() {
        let before = json!({ "status": "awaiting_shipment", "payment_status": "paid",
                             "carrier": null, "tracking_number": null });
        let after = json!({ "status": "shipped", "payment_status": "paid",
                            "carrier": "顺丰速运", "tracking_number": "SF123" });
        assert_eq!(
            changes(Some(&before), Some(&after)),
            vec![
                change("carrier", None, Some("顺丰速运")),
                change("status", Some("awaiting_shipment"), Some("shipped")),
                change("tracking_number", None, Some("SF123")),
            ]
        );
        // A null and a missing key are the same "no value".
        assert!(changes(Some(&json!({ "a": null })), Some(&json!({}))).is_empty());
    }

    #[test]
    fn unchanged_records_have_no_changes() {
        let v = json!({ "listed": true, "name": { "zh": "台灯", "en": "Lamp" } });
        assert!(changes(Some(&v), Some(&v.clone())).is_empty());
        assert!(changes(None, None).is_empty());
    }

    #[test]
    fn nested_values_are_shown_on_one_line() {
        let before = json!({ "name": { "zh": "灯", "en": "Lamp" }, "tags": ["a"] });
        let after = json!({ "name": { "zh": "台灯", "en": "Lamp" }, "tags": ["a"] });
        let got = changes(Some(&before), Some(&after));
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].field, "name");
        let shown = got[0].after.clone().unwrap();
        assert!(!shown.contains('\n'), "{shown}");
        let parsed: Value = serde_json::from_str(&shown).unwrap();
        assert_eq!(parsed, json!({ "zh": "台灯", "en": "Lamp" }));
    }

    #[test]
    fn records_that_are_not_objects_are_compared_whole() {
        let before = json!([{ "sku": "A-1", "stock": 3 }]);
        let after = json!([{ "sku": "A-1", "stock": 5 }]);
        let got = changes(Some(&before), Some(&after));
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].field, "");
        assert!(got[0].before.as_deref().unwrap().contains("\"stock\":3"));
        assert!(got[0].after.as_deref().unwrap().contains("\"stock\":5"));
        assert!(changes(Some(&before), Some(&before.clone())).is_empty());
        // An object on one side and a plain value on the other: whole too.
        assert_eq!(
            changes(Some(&json!(7)), Some(&json!({ "n": 7 }))),
            vec![change("", Some("7"), Some("{\"n\":7}"))]
        );
        assert_eq!(
            changes(None, Some(&json!("x"))),
            vec![change("", None, Some("x"))]
        );
    }
}
