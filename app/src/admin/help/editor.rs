//! `/admin/help/:id` (or `new`): one article in both languages, with a
//! preview of each drawn as readers will see it (the same `ArticleBody`),
//! following every keystroke. Saving a new article moves to its address.
use super::api::{admin_help_article, admin_help_article_save};
use super::{ArticleEditor, ArticleForm, category_labels};
use crate::admin::shell::AdminError;
use crate::error::AppError;
use crate::help::components::ArticleBody;
use crate::help::{BODY_MAX, TITLE_MAX};
use crate::i18n::*;
use crate::ui::kit::{drawn, error_text, resource};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

#[component]
pub fn ArticleEditorPage(id: Option<i64>) -> impl IntoView {
    let i18n = use_i18n();
    let data = resource(move || id, admin_help_article);
    view! {
        <p><a href="/admin/help">{t!(i18n, help.staff_back)}</a></p>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {drawn(data, move |r| match r {
                Ok(e) => view! { <Editor e /> }.into_any(),
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Editor(e: ArticleEditor) -> impl IntoView {
    let i18n = use_i18n();
    let a = e.article;
    let id = a.id;
    let category = RwSignal::new(a.category_id);
    let slug = RwSignal::new(a.slug.clone());
    let title_zh = RwSignal::new(a.title_zh.clone());
    let title_en = RwSignal::new(a.title_en.clone());
    let body_zh = RwSignal::new(a.body_zh.clone());
    let body_en = RwSignal::new(a.body_en.clone());
    let published = RwSignal::new(a.published);
    let position = RwSignal::new(a.position);
    let error = RwSignal::new(None::<AppError>);
    let saved = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = ArticleForm {
            id,
            category_id: category.get_untracked(),
            slug: slug.get_untracked(),
            title_zh: title_zh.get_untracked(),
            title_en: title_en.get_untracked(),
            body_zh: body_zh.get_untracked(),
            body_en: body_en.get_untracked(),
            published: published.get_untracked(),
            position: position.get_untracked(),
        };
        let navigate = navigate.clone();
        busy.set(true);
        saved.set(false);
        spawn_local(async move {
            let r = admin_help_article_save(form).await;
            busy.set(false);
            match r {
                Ok(new_id) => {
                    error.set(None);
                    saved.set(true);
                    if id.is_none() {
                        navigate(&format!("/admin/help/{new_id}"), Default::default());
                    }
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let err = move |field: &'static str| {
        move || {
            error
                .get()
                .and_then(|e| e.field(field))
                .map(|k| error_text(i18n.get_locale(), k))
        }
    };
    let options = category_labels(&e.categories, false);
    let first = options.first().map(|(c, _)| *c).unwrap_or(0);
    if id.is_none() {
        category.set(first);
    }
    let heading = move || {
        let t = title_zh.get();
        if t.trim().is_empty() {
            td_string!(i18n.get_locale(), help.staff_new_article).to_string()
        } else {
            t
        }
    };
    view! {
        <h1>{heading}</h1>
        <div class="help-editor">
            <form class="stack-form" on:submit=submit>
                <div class="field"><label class="label" for="help-category">{t!(i18n, help.staff_category)}</label>
                    <select id="help-category" name="category_id"
                        on:change=move |ev| category.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {options.into_iter().map(|(c, label)| view! {
                            <option value=c.to_string() selected=a.category_id == c>{label}</option>
                        }).collect_view()}
                    </select>
                    <span class="field-error" aria-live="polite">{err("category_id")}</span></div>
                <label class="field" for="help-slug"><span class="label">{t!(i18n, admin_catalog.slug)}</span>
                    <input id="help-slug" name="slug" required maxlength="80" pattern="[a-z0-9-]+" value=a.slug.clone()
                        on:input=move |ev| slug.set(event_target_value(&ev)) />
                    <span class="muted small">{t!(i18n, help.staff_slug_hint)}</span>
                    <span class="field-error" aria-live="polite">{err("slug")}</span></label>
                <Lang title=title_zh body=body_zh field="zh" err_title=err("title_zh") err_body=err("body_zh") />
                <Lang title=title_en body=body_en field="en" err_title=err("title_en") err_body=err("body_en") />
                <label class="field" for="help-position"><span class="label">{t!(i18n, admin_catalog.position)}</span>
                    <input id="help-position" name="position" type="number" min="-1000" max="1000" value=a.position.to_string()
                        on:input=move |ev| position.set(event_target_value(&ev).parse().unwrap_or(0)) /></label>
                <label class="check">
                    <input type="checkbox" name="published" checked=a.published
                        on:change=move |ev| published.set(event_target_checked(&ev)) />
                    " "{t!(i18n, help.staff_publish)}
                </label>
                {move || error.get().filter(|e| !matches!(e, AppError::Validation(_))).map(|e| view! {
                    <p class="form-status error" role="alert">{move || error_text(i18n.get_locale(), e.key())}</p>
                })}
                {move || saved.get().then(|| view! { <p class="form-status ok" role="status">{t!(i18n, admin_catalog.saved)}</p> })}
                <button class="btn primary" type="submit" disabled=move || busy.get()>{t!(i18n, admin.save)}</button>
            </form>
            <section class="help-preview" aria-labelledby="help-preview-title" data-testid="help-preview">
                <h2 id="help-preview-title">{t!(i18n, help.staff_preview)}</h2>
                <article class="help-article" lang="zh-CN">
                    <h3>{move || title_zh.get()}</h3>
                    {move || view! { <ArticleBody text=body_zh.get() /> }}
                </article>
                <article class="help-article" lang="en">
                    <h3>{move || title_en.get()}</h3>
                    {move || view! { <ArticleBody text=body_en.get() /> }}
                </article>
            </section>
        </div>
    }
}

/// One language's title and text.
#[component]
fn Lang<E1, E2>(
    title: RwSignal<String>,
    body: RwSignal<String>,
    field: &'static str,
    err_title: E1,
    err_body: E2,
) -> impl IntoView
where
    E1: Fn() -> Option<&'static str> + Send + Sync + 'static,
    E2: Fn() -> Option<&'static str> + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let en = field == "en";
    let title_label = move || {
        if en {
            td_string!(i18n.get_locale(), help.staff_title_en)
        } else {
            td_string!(i18n.get_locale(), help.staff_title_zh)
        }
    };
    let body_label = move || {
        if en {
            td_string!(i18n.get_locale(), help.staff_body_en)
        } else {
            td_string!(i18n.get_locale(), help.staff_body_zh)
        }
    };
    view! {
        <label class="field" for=format!("help-title-{field}")><span class="label">{title_label}</span>
            <input id=format!("help-title-{field}") name=format!("title_{field}") required maxlength=TITLE_MAX.to_string()
                value=title.get_untracked() on:input=move |ev| title.set(event_target_value(&ev)) />
            <span class="field-error" aria-live="polite">{err_title}</span></label>
        <label class="field" for=format!("help-body-{field}")><span class="label">{body_label}</span>
            <textarea id=format!("help-body-{field}") name=format!("body_{field}") rows="10" required maxlength=BODY_MAX.to_string()
                on:input=move |ev| body.set(event_target_value(&ev))>{body.get_untracked()}</textarea>
            <span class="muted small">{t!(i18n, help.staff_body_hint)}</span>
            <span class="field-error" aria-live="polite">{err_body}</span></label>
    }
}
