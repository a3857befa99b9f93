//! `/admin/audit`: the log, newest first, searchable; each entry opens to
//! show the record before and after. Read-only: there is nothing to edit.
use super::AuditEntry;
use super::api::audit_log;
use crate::admin::orders::pages::urlencode;
use crate::admin::shell::AdminError;
use crate::i18n::*;
use crate::ui::form_data;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.with(|m| m.get("q").unwrap_or_default());
    let before = move || query.with(|m| m.get("before").and_then(|b| b.parse::<i64>().ok()));
    let page = Resource::new(move || (q(), before()), |(q, before)| audit_log(q, before));
    let navigate = use_navigate();
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        navigate(
            &format!("/admin/audit?q={}", urlencode(&f("q"))),
            Default::default(),
        );
    };
    view! {
        <header class="page-head">
            <h1>{t!(i18n, admin.audit_title)}</h1>
            <p class="muted">{t!(i18n, admin.audit_intro)}</p>
        </header>
        <form class="filter-bar" role="search" on:submit=on_search>
            <label class="grow">
                <span>{t!(i18n, admin.audit_search)}</span>
                <input type="search" name="q" value=q placeholder=move || td_string!(i18n.get_locale(), admin.audit_hint) />
            </label>
            <button class="btn primary" type="submit">{t!(i18n, admin.search)}</button>
        </form>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || page.get().map(|r| match r {
                Ok(p) if p.entries.is_empty() => view! { <p class="muted">{t!(i18n, admin.audit_empty)}</p> }.into_any(),
                Ok(p) => {
                    let next = p.has_more.then(|| p.entries.last().map(|e| e.id)).flatten();
                    view! {
                        <ul class="admin-cards audit" data-testid="audit-entries">
                            {p.entries.into_iter().map(|e| view! { <Entry e /> }).collect_view()}
                        </ul>
                        {next.map(|id| view! {
                            <a class="btn small" href=move || format!("/admin/audit?q={}&before={id}", urlencode(&q()))>{t!(i18n, admin.older)}</a>
                        })}
                    }.into_any()
                }
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Entry(e: AuditEntry) -> impl IntoView {
    let i18n = use_i18n();
    let has_diff = !e.before.is_empty() || !e.after.is_empty();
    view! {
        <li class="admin-card" data-testid="audit-entry" data-action=e.action.clone()>
            <div class="audit-line">
                <time class="muted">{e.at.replace('T', " ").replace('Z', " UTC")}</time>
                <strong>{e.actor_email.clone()}</strong>
                <code>{e.action.clone()}</code>
                <span>{e.entity.clone()} " " {e.entity_id.clone().unwrap_or_default()}</span>
                <span class="muted">{t!(i18n, admin.from_ip)} " " {e.ip.clone().unwrap_or_else(|| "—".into())}</span>
            </div>
            {has_diff.then(|| view! {
                <details>
                    <summary>{t!(i18n, admin.before_after)}</summary>
                    <div class="two-col diff">
                        <div><h4>{t!(i18n, admin.before)}</h4><pre>{e.before.clone()}</pre></div>
                        <div><h4>{t!(i18n, admin.after)}</h4><pre>{e.after.clone()}</pre></div>
                    </div>
                </details>
            })}
        </li>
    }
}
