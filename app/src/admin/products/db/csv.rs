//! CSV import and export, one row per variant (product columns repeat on
//! each of its rows). An import runs inside one transaction through the
//! same `write` the editor uses; a dry run — or any problem in any row —
//! rolls the whole transaction back, so nothing is written unless every
//! row is good, and a dry run reports exactly what the real run would.
use super::super::{
    CSV_COLUMNS, ImportReport, Pair, ProductForm, RowProblem, VariantForm, normalize_sku,
    validate_form,
};
use super::{load_form, write};
use crate::admin::components::minor_to_input;
use crate::audit::AuditAction;
use crate::error::{AppError, ErrorKey, FieldError};
use crate::server::Staff;
use crate::server::spreadsheet::{neutralise, unneutralise};
use sqlx::{PgConnection, PgPool};

/// One data row as read, with its line number.
struct Row {
    line: usize,
    cells: Vec<String>,
}

impl Row {
    fn get(&self, column: &str) -> &str {
        CSV_COLUMNS
            .iter()
            .position(|c| *c == column)
            .and_then(|i| self.cells.get(i))
            .map(|s| unneutralise(s.trim()))
            .unwrap_or("")
    }
}

fn problem(line: usize, column: &str, key: ErrorKey) -> RowProblem {
    RowProblem {
        line,
        column: column.to_string(),
        error: FieldError::new(column, key),
    }
}

/// Reads the file: header exactly `CSV_COLUMNS` (a spreadsheet's BOM is
/// fine), every row the same width.
fn read_rows(text: &str) -> Result<Vec<Row>, RowProblem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|_| problem(1, "", ErrorKey::CsvInvalid))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect::<Vec<_>>();
    if header != CSV_COLUMNS {
        return Err(problem(1, "", ErrorKey::CsvInvalid));
    }
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(i + 2, |p| p.line() as usize);
        let record = record.map_err(|_| problem(line, "", ErrorKey::CsvInvalid))?;
        rows.push(Row {
            line,
            cells: record.iter().map(str::to_string).collect(),
        });
    }
    Ok(rows)
}

fn parse_bool(s: &str) -> Option<bool> {
    match s.to_lowercase().as_str() {
        "1" | "true" | "yes" | "y" | "是" => Some(true),
        "0" | "false" | "no" | "n" | "否" | "" => Some(false),
        _ => None,
    }
}

fn split_list(s: &str) -> Vec<String> {
    if s.trim().is_empty() {
        Vec::new()
    } else {
        s.split('|').map(|p| p.trim().to_string()).collect()
    }
}

fn pairs(zh: &str, en: &str) -> Option<Vec<Pair>> {
    let (z, e) = (split_list(zh), split_list(en));
    (z.len() == e.len()).then(|| {
        z.into_iter()
            .zip(e)
            .map(|(zh, en)| Pair { zh, en })
            .collect()
    })
}

/// The CSV column a form field came from.
fn column_of(field: &str) -> &'static str {
    let last = field.rsplit('.').next().unwrap_or(field);
    if field.starts_with("options") {
        if field.ends_with("_en") {
            "option_names_en"
        } else {
            "option_names_zh"
        }
    } else if field.contains(".values") {
        if field.ends_with("_en") {
            "option_values_en"
        } else {
            "option_values_zh"
        }
    } else {
        match last {
            "slug" => "product_slug",
            "category_id" => "category_slug",
            "name_zh" => "name_zh",
            "name_en" => "name_en",
            "description_zh" => "description_zh",
            "description_en" => "description_en",
            "tags" => "tags",
            "sku" => "sku",
            "price" => "price",
            "stock" => "stock",
            "safety_stock" => "safety_stock",
            _ => "",
        }
    }
}

/// Product columns: the first row of a product sets them; a later row may
/// leave them empty or repeat them, but not contradict them.
const PRODUCT_COLUMNS: [&str; 9] = [
    "category_slug",
    "name_zh",
    "name_en",
    "description_zh",
    "description_en",
    "tags",
    "listed",
    "option_names_zh",
    "option_names_en",
];

struct Group<'a> {
    slug: String,
    rows: Vec<&'a Row>,
}

fn group(rows: &[Row]) -> Vec<Group<'_>> {
    let mut groups: Vec<Group> = Vec::new();
    for r in rows {
        let slug = r.get("product_slug").to_string();
        match groups.iter_mut().find(|g| g.slug == slug) {
            Some(g) => g.rows.push(r),
            None => groups.push(Group {
                slug,
                rows: vec![r],
            }),
        }
    }
    groups
}

#[derive(Default)]
struct Counts {
    products_created: usize,
    products_updated: usize,
    variants_created: usize,
    variants_updated: usize,
}

/// Merges the group's rows into the form's variants: a known SKU updates
/// its variant, a new one adds a variant. Returns the line each variant of
/// the form came from (kept variants that the file does not mention answer
/// to the product's first line).
fn merge_variants(
    form: &mut ProductForm,
    g: &Group<'_>,
    counts: &mut Counts,
    problems: &mut Vec<RowProblem>,
) -> Vec<usize> {
    let first = g.rows[0];
    let mut lines: Vec<usize> = vec![first.line; form.variants.len()];
    let mut from_file: Vec<bool> = vec![false; form.variants.len()];
    for r in &g.rows {
        let sku = normalize_sku(r.get("sku"));
        let values = pairs(r.get("option_values_zh"), r.get("option_values_en"));
        if values.is_none() {
            problems.push(problem(r.line, "option_values_en", ErrorKey::Required));
        }
        let number = |c: &str, problems: &mut Vec<RowProblem>| -> i32 {
            let t = r.get(c);
            if t.is_empty() {
                return 0;
            }
            t.parse().unwrap_or_else(|_| {
                problems.push(problem(r.line, c, ErrorKey::NumberInvalid));
                0
            })
        };
        let stock = number("stock", problems);
        let safety = number("safety_stock", problems);
        let at = form
            .variants
            .iter()
            .position(|v| normalize_sku(&v.sku) == sku && !sku.is_empty());
        match at {
            Some(i) if from_file[i] => {
                // The same SKU twice in the file.
                problems.push(problem(r.line, "sku", ErrorKey::SkuTaken));
            }
            Some(i) => {
                let v = &mut form.variants[i];
                v.price = r.get("price").into();
                v.safety_stock = safety;
                v.values = values.unwrap_or_default();
                lines[i] = r.line;
                from_file[i] = true;
                counts.variants_updated += 1;
            }
            None => {
                form.variants.push(VariantForm {
                    id: None,
                    sku,
                    price: r.get("price").into(),
                    stock,
                    safety_stock: safety,
                    values: values.unwrap_or_default(),
                });
                lines.push(r.line);
                from_file.push(true);
                counts.variants_created += 1;
            }
        }
    }
    lines
}

/// Builds one product's form from its rows (merged into the stored product
/// when the slug exists), and writes it. Problems are returned, not raised.
async fn import_group(
    conn: &mut PgConnection,
    staff: &Staff,
    g: &Group<'_>,
    counts: &mut Counts,
) -> Result<Vec<RowProblem>, AppError> {
    let first = g.rows[0];
    let mut problems = Vec::new();
    for r in &g.rows[1..] {
        for c in PRODUCT_COLUMNS {
            if !r.get(c).is_empty() && r.get(c) != first.get(c) {
                problems.push(problem(r.line, c, ErrorKey::CsvInvalid));
            }
        }
    }
    if !crate::catalog::valid_slug(&g.slug) {
        problems.push(problem(first.line, "product_slug", ErrorKey::Required));
        return Ok(problems);
    }
    let category = sqlx::query_scalar!(
        "SELECT id FROM categories WHERE slug = $1",
        first.get("category_slug"),
    )
    .fetch_optional(&mut *conn)
    .await?;
    if category.is_none() {
        problems.push(problem(first.line, "category_slug", ErrorKey::NotFound));
    }
    let listed = parse_bool(first.get("listed"));
    if listed.is_none() {
        problems.push(problem(first.line, "listed", ErrorKey::NumberInvalid));
    }
    let options = pairs(first.get("option_names_zh"), first.get("option_names_en"));
    if options.is_none() {
        problems.push(problem(first.line, "option_names_en", ErrorKey::Required));
    }
    let existing = sqlx::query_scalar!("SELECT id FROM products WHERE slug = $1", &g.slug)
        .fetch_optional(&mut *conn)
        .await?;
    let mut form = match existing {
        Some(id) => load_form(&mut *conn, id).await?,
        None => ProductForm::default(),
    };
    form.slug = g.slug.clone();
    form.category_id = category.unwrap_or(0);
    form.name = Pair {
        zh: first.get("name_zh").into(),
        en: first.get("name_en").into(),
    };
    form.description = Pair {
        zh: first.get("description_zh").into(),
        en: first.get("description_en").into(),
    };
    form.tags = first.get("tags").into();
    form.listed = listed.unwrap_or(false);
    form.options = options.unwrap_or_default();
    let lines = merge_variants(&mut form, g, counts, &mut problems);
    let line_of = |field: &str| -> usize {
        field
            .strip_prefix("variants.")
            .and_then(|rest| rest.split('.').next())
            .and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| lines.get(i).copied())
            .unwrap_or(first.line)
    };
    let to_problems = |errors: Vec<FieldError>| -> Vec<RowProblem> {
        errors
            .into_iter()
            .map(|e| RowProblem {
                line: line_of(&e.field),
                column: column_of(&e.field).to_string(),
                error: e,
            })
            .collect()
    };
    problems.extend(to_problems(validate_form(&form)));
    if !problems.is_empty() {
        return Ok(problems);
    }
    match write(&mut *conn, staff, &form, AuditAction::ProductsImport).await {
        Ok(_) => {
            if existing.is_some() {
                counts.products_updated += 1;
            } else {
                counts.products_created += 1;
            }
            Ok(Vec::new())
        }
        Err(AppError::Validation(errors)) => Ok(to_problems(errors)),
        Err(e) => Err(e),
    }
}

pub async fn import(
    pool: &PgPool,
    staff: &Staff,
    text: &str,
    dry_run: bool,
) -> Result<ImportReport, AppError> {
    let mut report = ImportReport {
        dry_run,
        rows: 0,
        products_created: 0,
        products_updated: 0,
        variants_created: 0,
        variants_updated: 0,
        problems: Vec::new(),
        written: false,
    };
    let rows = match read_rows(text) {
        Ok(rows) => rows,
        Err(p) => {
            report.problems.push(p);
            return Ok(report);
        }
    };
    report.rows = rows.len();
    if rows.is_empty() {
        report.problems.push(problem(1, "", ErrorKey::CsvInvalid));
        return Ok(report);
    }
    let mut counts = Counts::default();
    let mut tx = pool.begin().await?;
    for g in group(&rows) {
        let mut found = import_group(&mut tx, staff, &g, &mut counts).await?;
        report.problems.append(&mut found);
    }
    report.problems.sort_by_key(|p| p.line);
    report.products_created = counts.products_created;
    report.products_updated = counts.products_updated;
    report.variants_created = counts.variants_created;
    report.variants_updated = counts.variants_updated;
    if dry_run || !report.problems.is_empty() {
        tx.rollback().await?;
    } else {
        tx.commit().await?;
        report.written = true;
    }
    Ok(report)
}

/// Every product and variant, in the import's format.
pub async fn export(pool: &PgPool) -> Result<Vec<u8>, AppError> {
    struct Line {
        slug: String,
        category: String,
        name_zh: String,
        name_en: String,
        description_zh: String,
        description_en: String,
        tags: Vec<String>,
        listed: bool,
        sku: String,
        price_minor: i64,
        stock: i32,
        safety_stock: i32,
        options: serde_json::Value,
        option_values: serde_json::Value,
    }
    let lines = sqlx::query_as!(
        Line,
        r#"SELECT p.slug, c.slug AS category,
                  COALESCE(zh.name, '') AS "name_zh!", COALESCE(en.name, '') AS "name_en!",
                  COALESCE(zh.description, '') AS "description_zh!",
                  COALESCE(en.description, '') AS "description_en!",
                  p.tags, p.listed, v.sku, v.price_minor, v.stock, v.safety_stock,
                  COALESCE((SELECT jsonb_agg(o.name ORDER BY o.position) FROM product_options o
                             WHERE o.product_id = p.id), '[]') AS "options!",
                  v.option_values
             FROM products p
             JOIN categories c ON c.id = p.category_id
             JOIN product_variants v ON v.product_id = p.id
             LEFT JOIN product_translations zh ON zh.product_id = p.id AND zh.locale = 'zh-CN'
             LEFT JOIN product_translations en ON en.product_id = p.id AND en.locale = 'en'
            ORDER BY p.id, v.position, v.id"#,
    )
    .fetch_all(pool)
    .await?;
    let join = |v: &serde_json::Value, locale: &str| {
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|x| x.get(locale).and_then(|s| s.as_str()).unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .unwrap_or_default()
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| {
        tracing::error!(error = %e, "csv export");
        AppError::Internal
    };
    w.write_record(CSV_COLUMNS).map_err(fail)?;
    for l in lines {
        let cells = [
            l.slug,
            l.category,
            l.name_zh,
            l.name_en,
            l.description_zh,
            l.description_en,
            l.tags.join(", "),
            l.listed.to_string(),
            l.sku,
            minor_to_input(l.price_minor),
            l.stock.to_string(),
            l.safety_stock.to_string(),
            join(&l.options, "zh-CN"),
            join(&l.options, "en"),
            join(&l.option_values, "zh-CN"),
            join(&l.option_values, "en"),
        ];
        w.write_record(cells.iter().map(|c| neutralise(c).into_owned()))
            .map_err(fail)?;
    }
    w.into_inner().map_err(|e| {
        tracing::error!(error = %e, "csv export");
        AppError::Internal
    })
}
