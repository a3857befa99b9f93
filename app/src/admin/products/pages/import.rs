//! `/admin/products/import`: choose (or paste) a CSV file, check it with a
//! dry run — every bad row listed with its reason — and import it only
//! when it is clean. The server re-checks on import and writes all or none.
use super::super::api::ImportProducts;
use super::super::{CSV_COLUMNS, ImportReport};
use crate::admin::components::DataTable;
use crate::i18n::*;
use crate::ui::kit::error_text;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let csv = RwSignal::new(String::new());
    let run = ServerAction::<ImportProducts>::new();
    let on_file = move |ev: leptos::ev::Event| {
        let file = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            leptos::task::spawn_local(async move {
                if let Ok(text) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    csv.set(text.as_string().unwrap_or_default());
                }
            });
        }
    };
    let go = move |dry_run: bool| {
        run.dispatch(ImportProducts {
            csv: csv.get_untracked(),
            dry_run,
        });
    };
    view! {
        <p><a href="/admin/products">{t!(i18n, admin_catalog.back_to_products)}</a></p>
        <header class="page-head">
            <h1>{t!(i18n, admin_catalog.import_title)}</h1>
            <p class="muted">{t!(i18n, admin_catalog.import_intro)}</p>
            <p class="muted small">{t!(i18n, admin_catalog.import_columns)} " " <code class="wrap">{CSV_COLUMNS.join(",")}</code></p>
            <p class="muted small">{t!(i18n, admin_catalog.import_rules)}</p>
        </header>
        <section class="panel">
            <div class="field">
                <label for="csv-file">{t!(i18n, admin_catalog.csv_file)}</label>
                <input id="csv-file" type="file" accept=".csv,text/csv" on:change=on_file />
            </div>
            <div class="field">
                <label for="csv-text">{t!(i18n, admin_catalog.csv_text)}</label>
                <textarea id="csv-text" rows="8" class="mono" prop:value=move || csv.get() on:input=move |ev| csv.set(event_target_value(&ev))></textarea>
            </div>
            <div class="row-actions">
                <button class="btn" type="button" data-testid="dry-run" disabled=move || run.pending().get() || csv.with(|c| c.trim().is_empty()) on:click=move |_| go(true)>{t!(i18n, admin_catalog.dry_run)}</button>
                <button class="btn primary" type="button" data-testid="import-now" disabled=move || run.pending().get() || csv.with(|c| c.trim().is_empty()) on:click=move |_| go(false)>{t!(i18n, admin_catalog.import_now)}</button>
            </div>
        </section>
        {move || run.value().get().map(|r| match r {
            Ok(report) => view! { <Report report /> }.into_any(),
            Err(e) => view! { <p class="form-status error" role="alert">{move || error_text(i18n.get_locale(), e.key())}</p> }.into_any(),
        })}
    }
}

#[component]
fn Report(report: ImportReport) -> impl IntoView {
    let i18n = use_i18n();
    let r = report.clone();
    let summary = move || {
        td_string!(
            i18n.get_locale(),
            admin_catalog.import_summary,
            rows = r.rows,
            pc = r.products_created,
            pu = r.products_updated,
            vc = r.variants_created,
            vu = r.variants_updated
        )
        .to_string()
    };
    let problems = report.problems.len();
    let headline = if problems > 0 {
        view! { <p class="form-status error" role="alert" data-testid="import-bad">{move || td_string!(i18n.get_locale(), admin_catalog.import_has_problems, count = problems).to_string()}</p> }.into_any()
    } else if report.written {
        view! { <p class="form-status ok" role="status" data-testid="import-done">{t!(i18n, admin_catalog.import_done)}</p> }.into_any()
    } else {
        view! { <p class="form-status ok" role="status" data-testid="import-clean">{t!(i18n, admin_catalog.import_clean)}</p> }.into_any()
    };
    view! {
        <section class="panel" data-testid="import-report">
            <h2>{move || if report.dry_run { td_string!(i18n.get_locale(), admin_catalog.dry_run_result) } else { td_string!(i18n.get_locale(), admin_catalog.import_result) }}</h2>
            {headline}
            <p>{summary}</p>
            {(!report.problems.is_empty()).then(|| view! {
                <DataTable testid="import-problems">
                    <thead><tr><th>{t!(i18n, admin_catalog.line)}</th><th>{t!(i18n, admin_catalog.column)}</th><th>{t!(i18n, admin_catalog.problem)}</th></tr></thead>
                    <tbody>
                        {report.problems.iter().map(|p| {
                            let key = p.error.key;
                            view! { <tr><td>{p.line}</td><td><code>{p.column.clone()}</code></td><td>{move || error_text(i18n.get_locale(), key)}</td></tr> }
                        }).collect_view()}
                    </tbody>
                </DataTable>
            })}
        </section>
    }
}
