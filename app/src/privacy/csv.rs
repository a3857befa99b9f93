//! The data download as one CSV table that a spreadsheet opens as is: one
//! row per value, in four columns, section, item, field and value. An item
//! is the record's place in its section (1, 2, …; empty for a section that
//! is one record, like the account); a field inside a record is its path
//! ("lines.2.paid_minor" is the second line's amount). An empty section has
//! one row with nothing but its name, so it is visibly there and empty.
use super::db::Export;
use crate::error::AppError;
use crate::server::spreadsheet::neutralise;
use serde_json::Value;

pub const COLUMNS: [&str; 4] = ["section", "item", "field", "value"];

/// The whole export as CSV bytes, starting with a UTF-8 byte order mark
/// (without it, Excel reads Chinese text as mojibake).
pub fn render(export: &Export) -> Result<Vec<u8>, AppError> {
    let mut rows: Vec<[String; 4]> = Vec::new();
    for s in &export.sections {
        let name = s.section.as_str();
        match &s.data {
            Value::Array(items) if !items.is_empty() => {
                for (i, item) in items.iter().enumerate() {
                    flatten(&mut rows, name, &(i + 1).to_string(), "", item);
                }
            }
            Value::Array(_) => {
                rows.push([name.into(), String::new(), String::new(), String::new()])
            }
            other => flatten(&mut rows, name, "", "", other),
        }
    }
    let fail = |e: csv::Error| {
        tracing::error!(error = %e, "privacy csv");
        AppError::Internal
    };
    let mut w = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    w.write_record(COLUMNS).map_err(fail)?;
    for row in rows {
        w.write_record(row.iter().map(|c| neutralise(c).into_owned()))
            .map_err(fail)?;
    }
    w.into_inner().map_err(|e| {
        tracing::error!(error = %e, "privacy csv");
        AppError::Internal
    })
}

/// One row per scalar inside `value`, its field named by its path.
fn flatten(rows: &mut Vec<[String; 4]>, section: &str, item: &str, path: &str, value: &Value) {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    let scalar = match value {
        Value::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                flatten(rows, section, item, &join(k), v);
            }
            return;
        }
        Value::Array(list) if !list.is_empty() => {
            for (i, v) in list.iter().enumerate() {
                flatten(rows, section, item, &join(&(i + 1).to_string()), v);
            }
            return;
        }
        Value::Object(_) | Value::Array(_) | Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
    };
    rows.push([section.into(), item.into(), path.into(), scalar]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::privacy::Section;
    use crate::privacy::db::ExportSection;
    use serde_json::json;

    #[test]
    fn formulas_become_text_and_numbers_stay_numbers() {
        for risky in [
            "=1+1",
            "+86 138",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "=HYPERLINK(\"x\")",
        ] {
            assert_eq!(neutralise(risky), format!("'{risky}"), "{risky:?}");
        }
        for safe in ["-5", "12.50", "0", "王芳", "a=b", "", "x-1"] {
            assert_eq!(neutralise(safe), safe);
        }
    }

    #[test]
    fn every_value_is_one_row_and_empty_sections_show() {
        let export = Export {
            generated_at: "2026-11-26T10:00:00+08:00".into(),
            sections: vec![
                ExportSection {
                    section: Section::Account,
                    data: json!({"email": "a@b.cn", "phone": null}),
                },
                ExportSection {
                    section: Section::Orders,
                    data: json!([{"number": "N1", "lines": [{"qty": 2}], "total_minor": 100}]),
                },
                ExportSection {
                    section: Section::Tickets,
                    data: json!([]),
                },
                ExportSection {
                    section: Section::Addresses,
                    data: json!([{"line1": "=cmd|' /C calc'!A0"}]),
                },
            ],
        };
        let bytes = render(&export).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with('\u{feff}'));
        let mut r = ::csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let rows: Vec<Vec<String>> = r
            .records()
            .map(|x| x.unwrap().iter().map(str::to_string).collect())
            .collect();
        let has = |want: [&str; 4]| rows.iter().any(|row| row == &want);
        assert!(has(["account", "", "email", "a@b.cn"]), "{rows:?}");
        assert!(has(["account", "", "phone", ""]));
        assert!(has(["orders", "1", "number", "N1"]));
        assert!(has(["orders", "1", "lines.1.qty", "2"]));
        assert!(has(["orders", "1", "total_minor", "100"]));
        assert!(has(["tickets", "", "", ""]));
        assert!(has(["addresses", "1", "line1", "'=cmd|' /C calc'!A0"]));
    }
}
