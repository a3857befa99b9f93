//! `/admin/audit`: the log, newest first, searchable (an order number, a
//! product's name, a SKU, an e-mail…); each entry says in words what was
//! done to what, in the shop's time, and lists the fields it changed.
//! Read-only: there is nothing to edit.
use super::api::audit_log;
use super::text::{self, action_text, entity_text};
use super::{AuditEntry, FieldChange};
use crate::accounts::Role;
use crate::admin::components::{DataTable, EmptyState};
use crate::admin::shell::AdminError;
use crate::i18n::*;
use crate::text::url_encode;
use crate::ui::kit::{form_data, role_text};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.with(|m| m.get("q").unwrap_or_default());
    let before = move || query.with(|m| m.get("before").and_then(|b| b.parse::<i64>().ok()));
    let page =
        crate::ui::kit::resource(move || (q(), before()), |(q, before)| audit_log(q, before));
    let navigate = use_navigate();
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        navigate(
            &format!("/admin/audit?q={}", url_encode(&f("q"))),
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
            {crate::ui::kit::drawn(page, move |r| match r {
                Ok(p) if p.entries.is_empty() => view! { <EmptyState testid="audit-empty">{t!(i18n, admin.audit_empty)}</EmptyState> }.into_any(),
                Ok(p) => {
                    let next = p.has_more.then(|| p.entries.last().map(|e| e.id)).flatten();
                    view! {
                        <ul class="admin-cards audit" data-testid="audit-entries">
                            {p.entries.into_iter().map(|e| view! { <Entry e /> }).collect_view()}
                        </ul>
                        {next.map(|id| view! {
                            <a class="btn small" href=move || format!("/admin/audit?q={}&before={id}", url_encode(&q()))>{t!(i18n, admin.older)}</a>
                        })}
                    }.into_any()
                }
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
    }
}

/// "Shipped an order · Order 20261122-000042": the action and its subject
/// in words. An unknown code shows as itself rather than as nothing.
#[component]
fn Entry(e: AuditEntry) -> impl IntoView {
    let i18n = use_i18n();
    let action = e.action.clone();
    let action_words = move || {
        action_text(i18n.get_locale(), &action).map_or_else(|| action.clone(), str::to_string)
    };
    let entity = e.entity.clone();
    let entity_words = move || {
        entity_text(i18n.get_locale(), &entity).map_or_else(|| entity.clone(), str::to_string)
    };
    // The name when there is one; the bare id only for entries without.
    let name = if e.label.is_empty() {
        e.entity_id.clone().unwrap_or_default()
    } else {
        e.label.clone()
    };
    let is_role = e.entity == "role";
    let name_words = move || match Role::parse(&name).filter(|_| is_role) {
        Some(role) => role_text(i18n.get_locale(), role).to_string(),
        None => name.clone(),
    };
    view! {
        <li class="admin-card" data-testid="audit-entry" data-action=e.action.clone()>
            <div class="audit-line">
                <time class="muted" datetime=e.at_iso.clone() data-testid="audit-time">{e.at.clone()}</time>
                <strong data-testid="audit-action">{action_words}</strong>
                <span data-testid="audit-subject">
                    {entity_words} " " <span class="strong" data-testid="audit-label">{name_words}</span>
                </span>
                <span data-testid="audit-actor">{e.actor_email.clone()}</span>
                <span class="muted">{t!(i18n, admin.from_ip)} " " {e.ip.clone().unwrap_or_else(|| "—".into())}</span>
            </div>
            {(!e.changes.is_empty()).then(|| view! { <Changes changes=e.changes.clone() /> })}
        </li>
    }
}

/// The fields an entry changed, one row each: name, before, after. "—"
/// marks a field that had no value on that side.
#[component]
fn Changes(changes: Vec<FieldChange>) -> impl IntoView {
    let i18n = use_i18n();
    let shown = move |field: &str, v: Option<String>| {
        v.filter(|v| !v.is_empty()).map_or_else(
            || "—".into(),
            |v| text::value_text(i18n.get_locale_untracked(), field, &v),
        )
    };
    view! {
        <DataTable testid="audit-changes" label=move || td_string!(i18n.get_locale(), admin.audit_changes)>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, admin.audit_field)}</th>
                    <th scope="col">{t!(i18n, admin.before)}</th>
                    <th scope="col">{t!(i18n, admin.after)}</th>
                </tr>
            </thead>
            <tbody>
                {changes.into_iter().map(|c| {
                    let field = c.field.clone();
                    let field_words = move || if field.is_empty() {
                        td_string!(i18n.get_locale(), admin.audit_whole_record).to_string()
                    } else {
                        text::field_text(i18n.get_locale(), &field)
                            .map_or_else(|| field.clone(), str::to_string)
                    };
                    view! {
                        <tr data-field=c.field.clone()>
                            <th scope="row">{field_words}</th>
                            <td class="ap-text" data-testid="audit-before">{shown(&c.field, c.before)}</td>
                            <td class="ap-text" data-testid="audit-after">{shown(&c.field, c.after)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </DataTable>
    }
}
