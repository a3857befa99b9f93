//! `/admin/help`: the categories as a tree, each editable in place, a form
//! to add one, and every article (drafts too) with its votes, linking to
//! the editor. `AdminHelpPages` also dispatches `/admin/help/:id`.
use super::api::{AdminHelpCategorySave, admin_help};
use super::{ArticleRow, CategoryForm, HelpAdmin, category_labels};
use crate::admin::shell::AdminError;
use crate::error::{AppError, ErrorKey};
use crate::i18n::*;
use crate::ui::kit::{FormStatus, drawn, error_text, form_data, resource};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/admin/help` and `/admin/help/:id` (`new` for a new article).
#[component]
pub fn AdminHelpPages() -> impl IntoView {
    let params = use_params_map();
    move || match params.with(|p| p.get("id")) {
        None => view! { <HelpAdminPage /> }.into_any(),
        Some(id) => {
            let id = id.parse::<i64>().ok();
            view! { <super::editor::ArticleEditorPage id /> }.into_any()
        }
    }
}

#[component]
fn HelpAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<AdminHelpCategorySave>::new();
    let data = resource(move || save.version().get(), |_| admin_help());
    view! {
        <header class="page-head inbox-head">
            <div>
                <h1>{t!(i18n, help.staff_title)}</h1>
                <p class="muted">{t!(i18n, help.staff_intro)}</p>
            </div>
            <a class="btn primary" href="/admin/help/new">{t!(i18n, help.staff_new_article)}</a>
        </header>
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {drawn(data, move |r| match r {
                Ok(h) => view! { <Overview h save /> }.into_any(),
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Overview(h: HelpAdmin, save: ServerAction<AdminHelpCategorySave>) -> impl IntoView {
    let i18n = use_i18n();
    let labels_zh = category_labels(&h.categories, false);
    let cats = h.categories.clone();
    let label_of = move |id: i64| {
        labels_zh
            .iter()
            .find(|(c, _)| *c == id)
            .map(|(_, l)| l.clone())
            .unwrap_or_default()
    };
    view! {
        <section class="panel" aria-labelledby="help-articles-title">
            <h2 id="help-articles-title">{t!(i18n, help.staff_articles)}</h2>
            {h.articles.is_empty().then(|| view! { <p class="empty">{t!(i18n, help.staff_no_articles)}</p> })}
            <ul class="admin-cards" data-testid="help-admin-articles">
                {h.articles.into_iter().map(|a| {
                    let category = label_of(a.category_id);
                    view! { <ArticleItem a category /> }
                }).collect_view()}
            </ul>
        </section>
        <section class="panel" aria-labelledby="help-categories-title">
            <h2 id="help-categories-title">{t!(i18n, help.staff_categories)}</h2>
            <ul class="plain" data-testid="help-admin-categories">
                {category_labels(&cats, false).into_iter().map(|(id, label)| {
                    let form = cats.iter().find(|c| c.id == Some(id)).cloned().unwrap_or_default();
                    view! { <CategoryItem label form all=cats.clone() save /> }
                }).collect_view()}
            </ul>
            <h3>{t!(i18n, help.staff_add_category)}</h3>
            <CategoryEditor form=CategoryForm::default() all=cats.clone() save />
        </section>
    }
}

#[component]
fn ArticleItem(a: ArticleRow, category: String) -> impl IntoView {
    let i18n = use_i18n();
    let (yes, no) = (a.helpful, a.not_helpful);
    let updated = a.updated.clone();
    view! {
        <li class="admin-card">
            <a class="strong" href=format!("/admin/help/{}", a.id)>{a.title_zh.clone()}</a>
            <span class="muted">" · "{a.title_en.clone()}</span>
            <p class="muted small">
                {category}" · "
                <span class={if a.published { "tag ok" } else { "tag warn" }}>
                    {move || if a.published {
                        td_string!(i18n.get_locale(), help.staff_published)
                    } else {
                        td_string!(i18n.get_locale(), help.staff_draft)
                    }}
                </span>
                " · "{move || td_string!(i18n.get_locale(), help.vote_counts, yes = yes, no = no).to_string()}
                " · "{move || td_string!(i18n.get_locale(), help.updated, at = updated.clone()).to_string()}
            </p>
        </li>
    }
}

#[component]
fn CategoryItem(
    label: String,
    form: CategoryForm,
    all: Vec<CategoryForm>,
    save: ServerAction<AdminHelpCategorySave>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let en = form.name_en.clone();
    let slug = form.slug.clone();
    view! {
        <li data-testid=format!("help-cat-{slug}")>
            <div class="cat-line">
                <span class="strong">{label}</span>
                <span class="muted">{en}</span>
                <code class="muted">{slug.clone()}</code>
                <button class="btn small" type="button" aria-expanded=move || open.get().to_string()
                    on:click=move |_| open.update(|o| *o = !*o)>{t!(i18n, admin_catalog.edit)}</button>
            </div>
            {move || open.get().then(|| view! { <CategoryEditor form=form.clone() all=all.clone() save /> })}
        </li>
    }
}

#[component]
fn CategoryEditor(
    form: CategoryForm,
    all: Vec<CategoryForm>,
    save: ServerAction<AdminHelpCategorySave>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = form.id;
    let prefix = format!("help-cat-{}", id.unwrap_or(0));
    // Only this form's submissions show their outcome here.
    let mine = RwSignal::new(false);
    let err = move |field: &'static str| {
        move || {
            mine.get()
                .then(|| save.value().get().and_then(|r| r.err()))
                .flatten()
                .and_then(|e: AppError| e.field(field))
                .map(|k: ErrorKey| error_text(i18n.get_locale(), k))
        }
    };
    let result = Signal::derive(move || {
        mine.get()
            .then(|| save.value().get().map(|r| r.map(|_| ())))
            .flatten()
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        mine.set(true);
        save.dispatch(AdminHelpCategorySave {
            category: CategoryForm {
                id,
                parent_id: f("parent_id").parse().ok().filter(|p: &i64| *p > 0),
                slug: f("slug"),
                name_zh: f("name_zh"),
                name_en: f("name_en"),
                position: f("position").trim().parse().unwrap_or(0),
            },
        });
    };
    let parent = form.parent_id;
    let options: Vec<(i64, String)> = category_labels(&all, false)
        .into_iter()
        .filter(|(c, _)| Some(*c) != id)
        .collect();
    let saved =
        Signal::derive(move || td_string!(i18n.get_locale(), admin_catalog.saved).to_string());
    view! {
        <form class="inline-form cat-form" on:submit=on_submit>
            <label for=format!("{prefix}-zh")><span>{t!(i18n, admin_catalog.name_zh)}</span>
                <input id=format!("{prefix}-zh") name="name_zh" required maxlength="60" value=form.name_zh.clone() />
                <span class="field-error" aria-live="polite">{err("name_zh")}</span></label>
            <label for=format!("{prefix}-en")><span>{t!(i18n, admin_catalog.name_en)}</span>
                <input id=format!("{prefix}-en") name="name_en" required maxlength="60" value=form.name_en.clone() />
                <span class="field-error" aria-live="polite">{err("name_en")}</span></label>
            <label for=format!("{prefix}-slug")><span>{t!(i18n, admin_catalog.slug)}</span>
                <input id=format!("{prefix}-slug") name="slug" required maxlength="60" pattern="[a-z0-9-]+" value=form.slug.clone() />
                <span class="field-error" aria-live="polite">{err("slug")}</span></label>
            <label for=format!("{prefix}-parent")><span>{t!(i18n, admin_catalog.parent)}</span>
                <select id=format!("{prefix}-parent") name="parent_id">
                    <option value="0" selected=parent.is_none()>{t!(i18n, admin_catalog.top_level)}</option>
                    {options.into_iter().map(|(c, label)| view! {
                        <option value=c.to_string() selected=parent == Some(c)>{label}</option>
                    }).collect_view()}
                </select>
                <span class="field-error" aria-live="polite">{err("parent_id")}</span></label>
            <label for=format!("{prefix}-position")><span>{t!(i18n, admin_catalog.position)}</span>
                <input id=format!("{prefix}-position") name="position" type="number" value=form.position.to_string() min="-1000" max="1000" /></label>
            <button class="btn primary small" type="submit">{t!(i18n, admin.save)}</button>
            <FormStatus result success=saved />
        </form>
    }
}
