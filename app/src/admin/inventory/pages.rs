//! `/admin/inventory` (stock by SKU, adjust with a reason, safety level,
//! history) and `/admin/inventory/stocktake` (count, compare, apply).
use super::api::{AdjustStock, RunStocktake, SetSafety, list_stock, stock_history};
use super::{Count, REASONS, StockRow};
use crate::admin::components::{DataTable, EmptyState};
use crate::admin::orders::pages::Pager;
use crate::admin::shell::{AdminError, bump_badges};
use crate::catalog::StockReason;
use crate::error::AppError;
use crate::i18n::*;
use crate::text::url_encode;
use crate::ui::kit::{error_text, form_data};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

pub fn reason_text(locale: Locale, reason: StockReason) -> &'static str {
    match reason {
        StockReason::Received => td_string!(locale, admin.reason_received),
        StockReason::Damaged => td_string!(locale, admin.reason_damaged),
        StockReason::Returned => td_string!(locale, admin.reason_returned),
        StockReason::Correction => td_string!(locale, admin.reason_correction),
        StockReason::Stocktake => td_string!(locale, admin.reason_stocktake),
        StockReason::Initial => td_string!(locale, admin.reason_initial),
        StockReason::Exchanged => td_string!(locale, admin.reason_exchanged),
    }
}

#[component]
pub fn InventoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.with(|m| m.get("q").unwrap_or_default());
    let low = move || query.with(|m| m.get("low").is_some_and(|v| v == "1"));
    let page = move || query.with(|m| m.get("page").and_then(|p| p.parse().ok()).unwrap_or(0i64));
    let adjust = ServerAction::<AdjustStock>::new();
    let safety = ServerAction::<SetSafety>::new();
    let list = crate::ui::kit::resource(
        move || {
            (
                q(),
                low(),
                page(),
                adjust.version().get(),
                safety.version().get(),
            )
        },
        |(q, low, page, _, _)| list_stock(q, low, page),
    );
    Effect::new(move |prev: Option<(usize, usize)>| {
        let v = (adjust.version().get(), safety.version().get());
        if prev.is_some() {
            bump_badges();
        }
        v
    });
    let navigate = use_navigate();
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        let low = if f("low").is_empty() { "" } else { "&low=1" };
        navigate(
            &format!("/admin/inventory?q={}{low}", url_encode(&f("q"))),
            Default::default(),
        );
    };
    let problem = move || {
        adjust.value().get().and_then(|r| r.err())
            .or_else(|| safety.value().get().and_then(|r| r.err()))
            .map(|e: AppError| {
                let key = match &e {
                    AppError::Validation(list) => list.first().map(|f| f.key).unwrap_or(e.key()),
                    other => other.key(),
                };
                view! { <p class="form-status error" role="alert">{move || error_text(i18n.get_locale(), key)}</p> }
            })
    };
    view! {
        <header class="page-head row-head">
            <h1>{t!(i18n, admin.inventory_title)}</h1>
            <a class="btn" href="/admin/inventory/stocktake">{t!(i18n, admin.stocktake_title)}</a>
        </header>
        <form class="filter-bar" role="search" on:submit=on_search>
            <label class="grow"><span>{t!(i18n, admin.inventory_search)}</span><input type="search" name="q" value=q /></label>
            <label class="check"><input type="checkbox" name="low" value="1" checked=low /> " " {t!(i18n, admin.low_only)}</label>
            <button class="btn primary" type="submit">{t!(i18n, admin.search)}</button>
        </form>
        {problem}
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(list, move |r| match r {
                Ok(l) => {
                    let (p, more, low_count) = (page(), l.has_more, l.low_count);
                    view! {
                        <p class="muted">{move || td_string!(i18n.get_locale(), admin.low_count, count = low_count).to_string()}</p>
                        <ul class="admin-cards" data-testid="stock-rows">
                            {l.rows.into_iter().map(|row| view! { <StockCard row adjust safety /> }).collect_view()}
                        </ul>
                        <Pager page=p more base=move || format!("/admin/inventory?q={}{}", url_encode(&q()), if low() { "&low=1" } else { "" }) />
                    }.into_any()
                }
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn StockCard(
    row: StockRow,
    adjust: ServerAction<AdjustStock>,
    safety: ServerAction<SetSafety>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = row.variant_id;
    let low = row.low();
    let show_history = RwSignal::new(false);
    // Loaded in the browser only, on demand: a card is built once per row
    // inside the list's Transition, and a serialized Resource there would be
    // created again on each of the server's render passes.
    let history = LocalResource::new(move || {
        let show = show_history.get();
        adjust.version().get();
        async move {
            if show {
                stock_history(id).await
            } else {
                Ok(Vec::new())
            }
        }
    });
    let on_adjust = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        let delta = f("delta").trim().parse::<i32>().unwrap_or(0);
        // The select offers only the reasons below, so this always parses.
        let Some(reason) = StockReason::parse(&f("reason")) else {
            return;
        };
        adjust.dispatch(AdjustStock {
            variant_id: id,
            delta,
            reason,
            note: f("note"),
        });
    };
    let on_safety = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        let level = f("safety").trim().parse::<i32>().unwrap_or(-1);
        safety.dispatch(SetSafety {
            variant_id: id,
            safety_stock: level,
        });
    };
    let sku = row.sku.clone();
    view! {
        <li class="admin-card stock-card" class:low=low data-testid=format!("stock-{}", row.sku)>
            <div class="stock-head">
                <code class="strong">{row.sku.clone()}</code>
                <span>{row.name.clone()}</span>
                <span class="muted">{row.options.clone()}</span>
                <span class="stock-figure" data-testid="stock-now">{row.stock}</span>
                {low.then(|| view! { <span class="badge">{t!(i18n, admin.low)}</span> })}
            </div>
            <form class="inline-form" on:submit=on_adjust>
                <label><span>{t!(i18n, admin.change_by)}</span><input name="delta" type="number" required step="1" id=format!("delta-{sku}") /></label>
                <label>
                    <span>{t!(i18n, admin.reason)}</span>
                    <select name="reason">
                        {REASONS.into_iter().map(|r| view! { <option value=r.as_str()>{move || reason_text(i18n.get_locale(), r)}</option> }).collect_view()}
                    </select>
                </label>
                <label class="grow"><span>{t!(i18n, admin.note)}</span><input name="note" maxlength="200" /></label>
                <button class="btn small primary" type="submit">{t!(i18n, admin.adjust)}</button>
            </form>
            <form class="inline-form" on:submit=on_safety>
                <label><span>{t!(i18n, admin.safety_stock)}</span><input name="safety" type="number" min="0" value=row.safety_stock.to_string() /></label>
                <button class="btn small" type="submit">{t!(i18n, admin.save)}</button>
                <button class="btn small" type="button" aria-expanded=move || show_history.get().to_string() on:click=move |_| show_history.update(|s| *s = !*s)>{t!(i18n, admin.history)}</button>
            </form>
            {move || show_history.get().then(|| view! {
                <Transition fallback=|| ()>
                    {move || history.get().map(|r| match r {
                        Ok(list) if list.is_empty() => view! { <EmptyState>{t!(i18n, admin.no_movements)}</EmptyState> }.into_any(),
                        Ok(list) => view! {
                            <ul class="plain movements">
                                {list.into_iter().map(|m| {
                                    let reason = m.reason;
                                    view! { <li><time class="muted">{m.at}</time> " " <strong>{format!("{:+}", m.delta)}</strong> " → " {m.stock_after} " · " {move || reason_text(i18n.get_locale(), reason)} " · " {m.author} " " <span class="muted">{m.note}</span></li> }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! { <AdminError error=e /> }.into_any(),
                    })}
                </Transition>
            })}
        </li>
    }
}

/// "SKU, count" per line (comma, tab or spaces) → counts.
fn parse_counts(text: &str) -> Result<Vec<Count>, usize> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let mut parts = line
            .split(|c: char| c == ',' || c == '\t' || c.is_whitespace())
            .filter(|p| !p.is_empty());
        let (Some(sku), Some(n), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(i + 1);
        };
        let counted = n.parse::<i32>().map_err(|_| i + 1)?;
        out.push(Count {
            sku: sku.to_string(),
            counted,
        });
    }
    Ok(out)
}

#[component]
pub fn StocktakePage() -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    let bad_line = RwSignal::new(None::<usize>);
    let run = ServerAction::<RunStocktake>::new();
    let go = move |apply: bool| match parse_counts(&text.get_untracked()) {
        Ok(counts) => {
            bad_line.set(None);
            run.dispatch(RunStocktake { counts, apply });
        }
        Err(line) => bad_line.set(Some(line)),
    };
    Effect::new(move |prev: Option<usize>| {
        let v = run.version().get();
        if prev.is_some() {
            bump_badges();
        }
        v
    });
    view! {
        <p><a href="/admin/inventory">{t!(i18n, admin.back_to_inventory)}</a></p>
        <header class="page-head">
            <h1>{t!(i18n, admin.stocktake_title)}</h1>
            <p class="muted">{t!(i18n, admin.stocktake_intro)}</p>
        </header>
        <section class="panel">
            <div class="field">
                <label for="counts">{t!(i18n, admin.counts_label)}</label>
                <textarea id="counts" rows="8" class="mono" placeholder="SKU-1, 12" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <p class="field-error" aria-live="polite">{move || bad_line.get().map(|n| td_string!(i18n.get_locale(), admin.bad_count_line, n = n).to_string())}</p>
            </div>
            <div class="row-actions">
                <button class="btn" type="button" data-testid="compare" on:click=move |_| go(false)>{t!(i18n, admin.compare)}</button>
                <button class="btn primary" type="button" data-testid="apply" on:click=move |_| go(true)>{t!(i18n, admin.apply_counts)}</button>
            </div>
        </section>
        {move || run.value().get().map(|r| match r {
            Ok(st) => view! {
                <section class="panel" data-testid="stocktake-result">
                    {st.applied.then(|| view! { <p class="form-status ok" role="status">{t!(i18n, admin.counts_applied)}</p> })}
                    {(!st.unknown.is_empty()).then(|| view! { <p class="form-status error" role="alert">{t!(i18n, admin.unknown_skus)} " " {st.unknown.join(", ")}</p> })}
                    <DataTable>
                        <thead><tr><th>"SKU"</th><th>{t!(i18n, admin.product)}</th><th>{t!(i18n, admin.system_qty)}</th><th>{t!(i18n, admin.counted_qty)}</th><th>{t!(i18n, admin.difference)}</th></tr></thead>
                        <tbody>
                            {st.differences.into_iter().map(|d| {
                                let delta = d.delta();
                                view! { <tr class:diff=delta != 0><td><code>{d.sku.clone()}</code></td><td>{d.name.clone()}</td><td>{d.system}</td><td>{d.counted}</td><td data-testid=format!("diff-{}", d.sku)>{format!("{delta:+}")}</td></tr> }
                            }).collect_view()}
                        </tbody>
                    </DataTable>
                </section>
            }.into_any(),
            Err(e) => view! { <AdminError error=e /> }.into_any(),
        })}
    }
}
