//! The category menu from the database: a bar on desktop, a drawer on phones.
//! Both are plain links inside `<details>`, so they work without JavaScript.
use crate::catalog::Category;
use crate::catalog::api::category_menu;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::kit::Icon;
use leptos::prelude::*;

/// One fetch of the menu per page, shared by header and footer.
#[derive(Clone, Copy)]
pub struct MenuCtx(crate::ui::kit::Data<Result<Vec<Category>, AppError>>);

impl MenuCtx {
    pub fn provide() {
        let i18n = use_i18n();
        let res = crate::ui::kit::resource(
            move || i18n.get_locale().as_str().to_string(),
            category_menu,
        );
        provide_context(MenuCtx(res));
    }

    fn all(&self) -> Vec<Category> {
        self.0.get().and_then(Result::ok).unwrap_or_default()
    }

    pub fn top(&self) -> Vec<Category> {
        self.all()
            .into_iter()
            .filter(|c| c.parent_id.is_none())
            .collect()
    }

    /// Top-level categories, each with its children.
    pub fn tree(&self) -> Vec<(Category, Vec<Category>)> {
        let all = self.all();
        all.iter()
            .filter(|c| c.parent_id.is_none())
            .map(|top| {
                (
                    top.clone(),
                    all.iter()
                        .filter(|c| c.parent_id == Some(top.id))
                        .cloned()
                        .collect(),
                )
            })
            .collect()
    }
}

pub fn use_menu() -> MenuCtx {
    expect_context::<MenuCtx>()
}

#[component]
pub fn CategoryNav() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="cat-nav" aria-label=move || td_string!(i18n.get_locale(), common.main_nav)>
            <Transition fallback=|| ()>
                <CategoryTree item_class="cat-top" top_class="" sub_class="cat-sub" />
            </Transition>
        </nav>
    }
}

#[component]
pub fn CategoryDrawer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <details class="drawer">
            // role and aria-expanded as on the account menu; the header keeps
            // aria-expanded in step and closes the drawer on Escape.
            <summary
                class="icon-btn"
                role="button"
                aria-expanded="false"
                aria-label=move || td_string!(i18n.get_locale(), common.menu_label)
            >
                <Icon name="menu" />
            </summary>
            <nav class="drawer-panel" aria-label=move || td_string!(i18n.get_locale(), common.menu_label)>
                <p class="drawer-title">{t!(i18n, common.all_categories)}</p>
                <Transition fallback=|| ()>
                    <CategoryTree item_class="" top_class="drawer-top" sub_class="" />
                </Transition>
            </nav>
        </details>
    }
}

/// Top-level categories with their children, as nested lists of links.
#[component]
fn CategoryTree(
    item_class: &'static str,
    top_class: &'static str,
    sub_class: &'static str,
) -> impl IntoView {
    let menu = use_menu();
    let class = |c: &'static str| (!c.is_empty()).then_some(c);
    view! {
        <ul>
            {move || menu.tree().into_iter().map(|(top, kids)| view! {
                <li class=class(item_class)>
                    <a class=class(top_class) href=format!("/c/{}", top.slug)>{top.name.clone()}</a>
                    <ul class=class(sub_class)>
                        {kids.into_iter().map(|k| view! {
                            <li><a href=format!("/c/{}", k.slug)>{k.name}</a></li>
                        }).collect_view()}
                    </ul>
                </li>
            }).collect_view()}
        </ul>
    }
}
