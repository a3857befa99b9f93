//! `/admin/categories`: the tree, indented, each node editable in place
//! (names in both languages, slug, parent, position) and deletable when
//! empty; a form at the end adds a category anywhere in the tree.
use super::api::{DeleteCategory, SaveCategory, category_tree};
use super::{CategoryForm, CategoryNode};
use crate::admin::products::Pair;
use crate::admin::shell::AdminError;
use crate::error::{AppError, ErrorKey};
use crate::i18n::*;
use crate::ui::kit::{FormStatus, error_text, form_data};
use leptos::prelude::*;

#[component]
pub fn CategoriesPage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveCategory>::new();
    let delete = ServerAction::<DeleteCategory>::new();
    let tree = crate::ui::kit::resource(
        move || (save.version().get(), delete.version().get()),
        |_| category_tree(),
    );
    view! {
        <header class="page-head">
            <h1>{t!(i18n, admin_catalog.categories_title)}</h1>
            <p class="muted">{t!(i18n, admin_catalog.categories_intro)}</p>
        </header>
        {move || delete.value().get().and_then(|r| r.err()).map(|e| view! {
            <p class="form-status error" role="alert">{move || error_text(i18n.get_locale(), e.key())}</p>
        })}
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(tree, move |r| match r {
                Ok(nodes) => {
                    let all = nodes.clone();
                    view! {
                        <ul class="cat-tree" data-testid="category-tree">
                            {nodes.into_iter().map(|n| view! { <CategoryRow node=n all=all.clone() save delete /> }).collect_view()}
                        </ul>
                        <section class="panel">
                            <h2>{t!(i18n, admin_catalog.add_category)}</h2>
                            <CategoryEditor form=CategoryForm::default() all save />
                        </section>
                    }.into_any()
                }
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn CategoryRow(
    node: CategoryNode,
    all: Vec<CategoryNode>,
    save: ServerAction<SaveCategory>,
    delete: ServerAction<DeleteCategory>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let id = node.form.id.unwrap_or(0);
    let products = node.products;
    let empty = node.products == 0 && node.children == 0;
    let slug = node.form.slug.clone();
    let edit_form = node.form.clone();
    view! {
        <li class="cat-node" style=format!("--depth: {}", node.depth) data-testid=format!("cat-{slug}")>
            <div class="cat-line">
                <span class="strong">{node.form.name.zh.clone()}</span>
                <span class="muted">{node.form.name.en.clone()}</span>
                <code class="muted">{node.form.slug.clone()}</code>
                <span class="muted small">{move || td_string!(i18n.get_locale(), admin_catalog.n_products, count = products).to_string()}</span>
                <button class="btn small" type="button" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>{t!(i18n, admin_catalog.edit)}</button>
                {empty.then(|| view! {
                    <button class="btn small danger" type="button" on:click=move |_| { delete.dispatch(DeleteCategory { id }); }>{t!(i18n, admin_catalog.delete)}</button>
                })}
            </div>
            {move || open.get().then(|| view! { <CategoryEditor form=edit_form.clone() all=all.clone() save /> })}
        </li>
    }
}

#[component]
fn CategoryEditor(
    form: CategoryForm,
    all: Vec<CategoryNode>,
    save: ServerAction<SaveCategory>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = form.id;
    let prefix = format!("cat-{}", id.unwrap_or(0));
    // Only this form's submissions show errors here.
    let mine = RwSignal::new(false);
    let err = move |field: &'static str| {
        Signal::derive(move || {
            if !mine.get() {
                return None;
            }
            save.value()
                .get()
                .and_then(|r| r.err())
                .and_then(|e: AppError| e.field(field))
        })
    };
    let result = Signal::derive(move || {
        if mine.get() {
            save.value().get().map(|r| r.map(|_| ()))
        } else {
            None
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form_data(&ev);
        mine.set(true);
        save.dispatch(SaveCategory {
            form: CategoryForm {
                id,
                parent_id: f("parent_id").parse().ok().filter(|p: &i64| *p > 0),
                slug: f("slug"),
                name: Pair {
                    zh: f("name_zh"),
                    en: f("name_en"),
                },
                position: f("position").trim().parse().unwrap_or(i32::MAX),
            },
        });
    };
    let msg = move |e: Signal<Option<ErrorKey>>| view! { <p class="field-error" aria-live="polite">{move || e.get().map(|k| error_text(i18n.get_locale(), k))}</p> };
    let parent = form.parent_id;
    let saved =
        Signal::derive(move || td_string!(i18n.get_locale(), admin_catalog.saved).to_string());
    view! {
        <form class="inline-form cat-form" on:submit=on_submit>
            <label><span>{t!(i18n, admin_catalog.name_zh)}</span><input name="name_zh" required maxlength="40" value=form.name.zh.clone() id=format!("{prefix}-zh") />{msg(err("name_zh"))}</label>
            <label><span>{t!(i18n, admin_catalog.name_en)}</span><input name="name_en" required maxlength="40" value=form.name.en.clone() id=format!("{prefix}-en") />{msg(err("name_en"))}</label>
            <label><span>{t!(i18n, admin_catalog.slug)}</span><input name="slug" required maxlength="100" pattern="[a-z0-9-]+" value=form.slug.clone() id=format!("{prefix}-slug") />{msg(err("slug"))}</label>
            <label>
                <span>{t!(i18n, admin_catalog.parent)}</span>
                <select name="parent_id" id=format!("{prefix}-parent")>
                    <option value="0" selected=parent.is_none()>{t!(i18n, admin_catalog.top_level)}</option>
                    {all.iter().filter(|n| n.form.id != id).map(|n| {
                        let nid = n.form.id.unwrap_or(0);
                        let label = format!("{}{}", "— ".repeat(n.depth), n.form.name.zh);
                        view! { <option value=nid.to_string() selected=parent == Some(nid)>{label}</option> }
                    }).collect_view()}
                </select>
                {msg(err("parent_id"))}
            </label>
            <label><span>{t!(i18n, admin_catalog.position)}</span><input name="position" type="number" value=form.position.to_string() min="-1000" max="1000" />{msg(err("position"))}</label>
            <button class="btn primary small" type="submit">{t!(i18n, admin.save)}</button>
            <FormStatus result success=saved />
        </form>
    }
}
