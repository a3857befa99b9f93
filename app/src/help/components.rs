//! Views the help pages, the back office's preview and the contact form
//! share: an article's text, and the articles suggested for a question.
use super::api::help_suggest;
use super::{Block, blocks};
use crate::i18n::*;
use leptos::prelude::*;
use std::time::Duration;

/// An article's text: paragraphs and lists, never markup.
#[component]
pub fn ArticleBody(text: String) -> impl IntoView {
    blocks(&text)
        .into_iter()
        .map(|b| match b {
            Block::Paragraph(p) => view! { <p>{p}</p> }.into_any(),
            Block::List(items) => view! {
                <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
            }
            .into_any(),
        })
        .collect_view()
}

/// Articles that may answer what the shopper is typing (`typed`, the
/// contact form's subject), asked for after a pause in typing. Links open
/// in a new tab, so the form keeps what was written.
#[component]
pub fn Suggestions(typed: ReadSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let settled = RwSignal::new(String::new());
    Effect::new(move |_| {
        let v = typed.get();
        set_timeout(
            move || {
                if typed.get_untracked() == v {
                    settled.set(v);
                }
            },
            Duration::from_millis(300),
        );
    });
    let found = LocalResource::new(move || {
        let q = settled.get();
        let lang = i18n.get_locale().as_str().to_string();
        async move {
            if q.trim().chars().count() < 2 {
                vec![]
            } else {
                help_suggest(q, lang)
                    .await
                    .map(|h| h.hits)
                    .unwrap_or_default()
            }
        }
    });
    move || {
        let hits = found.get().unwrap_or_default();
        (!hits.is_empty()).then(|| {
            view! {
                <section class="help-suggest" aria-labelledby="help-suggest-title" data-testid="help-suggestions">
                    <h2 id="help-suggest-title">{t!(i18n, help.suggest_title)}</h2>
                    <ul>
                        {hits.into_iter().map(|h| view! {
                            <li>
                                <a href=format!("/help/{}", h.slug) target="_blank" rel="noopener">{h.title}</a>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
