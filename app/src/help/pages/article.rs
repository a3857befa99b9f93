//! `/help/:slug`: one article in the reader's language, where it sits in
//! the tree, "was this helpful?", the other articles of its category and
//! the way to customer service.
use super::AskUs;
use crate::error::AppError;
use crate::help::api::{help_article, help_vote};
use crate::help::components::ArticleBody;
use crate::help::{Article, Votes};
use crate::i18n::*;
use crate::ui::kit::{ErrorNote, NotFound, Seo, drawn, error_text, fresh_key, resource};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let data = resource(
        move || (slug(), i18n.get_locale().as_str().to_string()),
        |(slug, lang)| help_article(slug, lang),
    );
    let title = move || {
        data.get()
            .and_then(|r| r.ok())
            .map(|a| a.title)
            .unwrap_or_else(|| td_string!(i18n.get_locale(), help.title).to_string())
    };
    view! {
        <Seo
            title=title
            description=move || td_string!(i18n.get_locale(), help.intro).to_string()
            path=params.with_untracked(|p| format!("/help/{}", p.get("slug").unwrap_or_default()))
        />
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {drawn(data, move |r| match r {
                Ok(a) => view! { <Page a /> }.into_any(),
                Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                Err(e) => view! { <ErrorNote error=e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Page(a: Article) -> impl IntoView {
    let i18n = use_i18n();
    let updated = a.updated.clone();
    let votes = Votes {
        helpful: a.helpful,
        not_helpful: a.not_helpful,
    };
    view! {
        <div class="help-page">
            <nav class="breadcrumb" aria-label=move || td_string!(i18n.get_locale(), help.breadcrumb)>
                <ol>
                    <li><a href="/help">{t!(i18n, help.title)}</a></li>
                    {a.path.iter().map(|name| view! { <li><span>{name.clone()}</span></li> }).collect_view()}
                </ol>
            </nav>
            <article class="help-article" data-testid="help-article">
                <h1>{a.title.clone()}</h1>
                <p class="muted">{move || td_string!(i18n.get_locale(), help.updated, at = updated.clone()).to_string()}</p>
                <ArticleBody text=a.body.clone() />
            </article>
            <Vote slug=a.slug.clone() votes />
            {(!a.related.is_empty()).then(|| view! {
                <section class="help-related" aria-labelledby="help-related-title">
                    <h2 id="help-related-title">{t!(i18n, help.related)}</h2>
                    <ul class="help-links">
                        {a.related.iter().map(|r| view! {
                            <li><a href=format!("/help/{}", r.slug)>{r.title.clone()}</a></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            <AskUs />
        </div>
    }
}

/// "Was this helpful?" with the counts so far; after a vote, thanks and
/// the new counts (a second vote changes the first).
#[component]
fn Vote(slug: String, votes: Votes) -> impl IntoView {
    let i18n = use_i18n();
    let counts = RwSignal::new(votes);
    let chosen = RwSignal::new(None::<bool>);
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let slug = StoredValue::new(slug);
    let cast = move |helpful: bool| {
        busy.set(true);
        let voter = browser_voter();
        spawn_local(async move {
            let r = help_vote(slug.get_value(), helpful, voter).await;
            busy.set(false);
            match r {
                Ok(v) => {
                    counts.set(v);
                    chosen.set(Some(helpful));
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="help-vote" aria-labelledby="help-vote-title" data-testid="help-vote">
            <h2 id="help-vote-title">{t!(i18n, help.vote_question)}</h2>
            <div class="button-row">
                <button class="btn" type="button" aria-pressed=move || (chosen.get() == Some(true)).to_string()
                    disabled=move || busy.get() on:click=move |_| cast(true)>{t!(i18n, help.vote_yes)}</button>
                <button class="btn" type="button" aria-pressed=move || (chosen.get() == Some(false)).to_string()
                    disabled=move || busy.get() on:click=move |_| cast(false)>{t!(i18n, help.vote_no)}</button>
            </div>
            <p class="muted" role="status" data-testid="help-vote-status">
                {move || chosen.get().map(|_| td_string!(i18n.get_locale(), help.vote_thanks).to_string())}
                " "
                {move || {
                    let c = counts.get();
                    td_string!(i18n.get_locale(), help.vote_counts, yes = c.helpful, no = c.not_helpful).to_string()
                }}
            </p>
            {move || error.get().map(|e| view! {
                <p class="form-status error" role="alert">{move || error_text(i18n.get_locale(), e.key())}</p>
            })}
        </section>
    }
}

/// This browser's random voter id, made once and kept in its storage, so
/// voting again changes its vote instead of adding one.
fn browser_voter() -> String {
    use gloo_storage::Storage;
    const KEY: &str = "agora.help.voter";
    gloo_storage::LocalStorage::get::<String>(KEY).unwrap_or_else(|_| {
        let id = fresh_key();
        let _ = gloo_storage::LocalStorage::set(KEY, &id);
        id
    })
}
