//! `/help`: a search box over the categories and their articles; with
//! `?q=` the matching articles instead, saying so when a typo was
//! forgiven. The search is a plain GET form, so it works before the app
//! has started and the results page has its own address.
use super::AskUs;
use crate::error::AppError;
use crate::help::api::{help_centre, help_search};
use crate::help::{CategoryNode, SearchHits};
use crate::i18n::*;
use crate::ui::kit::{ErrorNote, Seo, drawn, resource};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// What `/help` shows: the tree, or a search's results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum Shown {
    Tree(Vec<CategoryNode>),
    Results(SearchHits),
}

#[component]
pub fn HelpHomePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.with(|m| m.get("q").unwrap_or_default());
    let data = resource(
        move || (q(), i18n.get_locale().as_str().to_string()),
        |(q, lang)| async move {
            if q.trim().is_empty() {
                help_centre(lang).await.map(Shown::Tree)
            } else {
                help_search(q, lang).await.map(Shown::Results)
            }
        },
    );
    let typed = q();
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), help.title).to_string()
            description=move || td_string!(i18n.get_locale(), help.intro).to_string()
            path="/help"
        />
        <div class="help-page">
            <header class="page-head">
                <h1>{t!(i18n, help.title)}</h1>
                <p class="muted">{t!(i18n, help.intro)}</p>
            </header>
            <form class="help-search" role="search" method="get" action="/help">
                <label class="sr-only" for="help-q">{t!(i18n, help.search_label)}</label>
                <input id="help-q" type="search" name="q" value=typed maxlength="100" enterkeyhint="search"
                    placeholder=move || td_string!(i18n.get_locale(), help.search_placeholder) />
                <button class="btn primary" type="submit">{t!(i18n, help.search_submit)}</button>
            </form>
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {drawn(data, move |r: Result<Shown, AppError>| match r {
                    Ok(Shown::Tree(tree)) => view! { <Tree tree /> }.into_any(),
                    Ok(Shown::Results(found)) => view! { <Results q=q() found /> }.into_any(),
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                })}
            </Transition>
            <AskUs />
        </div>
    }
}

#[component]
fn Tree(tree: Vec<CategoryNode>) -> impl IntoView {
    let i18n = use_i18n();
    if tree.is_empty() {
        return view! { <p class="empty">{t!(i18n, help.empty)}</p> }.into_any();
    }
    view! {
        <div class="help-tree" data-testid="help-tree">
            {tree.into_iter().map(|c| {
                let heading = format!("help-{}", c.slug);
                view! { <section class="help-category" aria-labelledby=heading>{node(c, 2)}</section> }
            }).collect_view()}
        </div>
    }
    .into_any()
}

/// A category's heading (h2 at the top, one level deeper each step, h4 at
/// most), its own articles, then the categories under it.
fn node(c: CategoryNode, level: u8) -> AnyView {
    let id = format!("help-{}", c.slug);
    let heading = match level {
        2 => view! { <h2 id=id>{c.name}</h2> }.into_any(),
        3 => view! { <h3 id=id>{c.name}</h3> }.into_any(),
        _ => view! { <h4 id=id>{c.name}</h4> }.into_any(),
    };
    let links = (!c.articles.is_empty()).then(|| {
        view! {
            <ul class="help-links">
                {c.articles.into_iter().map(|a| view! {
                    <li><a href=format!("/help/{}", a.slug)>{a.title}</a></li>
                }).collect_view()}
            </ul>
        }
    });
    let deeper = c
        .children
        .into_iter()
        .map(|sub| node(sub, (level + 1).min(4)))
        .collect_view();
    view! { {heading} {links} {deeper} }.into_any()
}

#[component]
fn Results(q: String, found: SearchHits) -> impl IntoView {
    let i18n = use_i18n();
    let n = found.hits.len();
    let shown_q = q.clone();
    view! {
        <section class="help-results" aria-labelledby="help-results-title">
            <h2 id="help-results-title">{move || td_string!(i18n.get_locale(), help.results_for, q = shown_q.clone()).to_string()}</h2>
            {found.corrected.clone().map(|c| view! {
                <p class="hint-line" role="status">{move || td_string!(i18n.get_locale(), help.corrected, q = c.clone()).to_string()}</p>
            })}
            {found.close.then(|| view! { <p class="hint-line" role="status">{t!(i18n, help.close)}</p> })}
            {(n == 0).then(|| view! {
                <p class="empty">{t!(i18n, help.no_results)}</p>
                <p><a href="/help">{t!(i18n, help.all_articles)}</a></p>
            })}
            <ol class="help-hits" data-testid="help-results">
                {found.hits.into_iter().map(|h| view! {
                    <li>
                        <a class="strong" href=format!("/help/{}", h.slug)>{h.title}</a>
                        <p class="muted">{h.snippet}</p>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
