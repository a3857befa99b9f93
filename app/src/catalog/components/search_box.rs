//! The header search: a plain GET form to /search, with type-ahead
//! suggestions once hydrated (an ARIA combobox: arrows move, Enter opens,
//! Escape closes).
use crate::catalog::api::suggest;
use crate::i18n::*;
use crate::ui::kit::{Icon, live_input_value, typed_before_start};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use std::time::Duration;

#[component]
pub fn SearchBox() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let location = use_location();
    // The results page shows its query in the box. Only there: other
    // pages use `q` for their own filters (the back office's e-mail or
    // product searches), which are not a storefront search.
    let from_url = move || {
        let on_search = location
            .pathname
            .with(|p| p.trim_end_matches('/') == "/search");
        if on_search {
            query.with(|m| m.get("q").unwrap_or_default())
        } else {
            String::new()
        }
    };
    // The server writes the query into the box, so it is there before the
    // app starts (and without JavaScript). Hydration then takes the box as
    // it finds it: the shopper may have typed, or cleared it, since. Writing
    // another value into a box being typed in would move the caret to the
    // end, and their text would land after the old query.
    let start = typed_before_start("#site-search").unwrap_or_else(|| untrack(from_url));
    let typed = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let text = RwSignal::new(start.clone());
    Effect::new(move |prev: Option<()>| {
        let url_text = from_url();
        // The first run is hydration's: the box is read again (typing
        // between hydration and this run counts), and what was typed is
        // asked about as if typed now, its suggestions open if the box
        // still has focus.
        if prev.is_none() {
            let live = live_input_value("site-search").unwrap_or_default();
            let focused = has_focus("site-search");
            if !live.is_empty() && (live != url_text || focused) {
                typed.set(live.clone());
                open.set(focused);
            }
            text.set(live);
            return;
        }
        text.set(url_text);
    });
    let active = RwSignal::new(None::<usize>);
    // Each answer keeps the words it answers: the list on screen may be an
    // earlier word's while the next is asked, and the keys act only on the
    // answer for what is in the box (Enter on an old list would open what
    // the shopper no longer asks for; without a fresh one it searches).
    let items = LocalResource::new(move || {
        let q = typed.get();
        let lang = i18n.get_locale().as_str().to_string();
        async move {
            let found = if q.trim().is_empty() {
                vec![]
            } else {
                suggest(q.clone(), lang).await.unwrap_or_default()
            };
            (q, found)
        }
    });
    let list = move || items.get().map(|(_, l)| l).unwrap_or_default();
    let fresh = move || {
        items
            .get_untracked()
            .filter(|(q, _)| q.trim() == text.get_untracked().trim())
            .map(|(_, l)| l)
            .unwrap_or_default()
    };
    // A new answer starts with nothing chosen.
    Effect::new(move |_| {
        items.with(|_| ());
        active.set(None);
    });
    let navigate = use_navigate();
    let pick = navigate.clone();
    let on_input = move |ev| {
        let v = event_target_value(&ev);
        text.set(v.clone());
        active.set(None);
        open.set(true);
        // Wait for a pause in typing before asking the server.
        set_timeout(
            move || {
                if text.get_untracked() == v {
                    typed.set(v);
                }
            },
            Duration::from_millis(150),
        );
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = fresh().len();
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % n)));
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(n - 1, |i| (i + n - 1) % n)));
            }
            "Escape" => {
                open.set(false);
                active.set(None);
            }
            "Enter" => {
                if let Some(s) = active.get_untracked().and_then(|i| fresh().get(i).cloned()) {
                    ev.prevent_default();
                    open.set(false);
                    navigate(&s.href, Default::default());
                }
            }
            _ => {}
        }
    };
    let expanded = move || open.get() && !list().is_empty();
    // The list shown answers earlier words than those in the box.
    let stale = move || {
        items.with(|a| {
            a.as_ref()
                .is_some_and(|(q, _)| q.trim() != text.with(|t| t.trim().to_string()))
        })
    };
    view! {
        <form class="search" action="/search" method="get" role="search" on:submit=move |_| open.set(false)>
            <label class="sr-only" for="site-search">{t!(i18n, common.search_label)}</label>
            <input
                id="site-search"
                name="q"
                type="search"
                enterkeyhint="search"
                maxlength="100"
                autocomplete="off"
                role="combobox"
                aria-autocomplete="list"
                aria-controls="search-suggest"
                aria-expanded=move || expanded().to_string()
                aria-activedescendant=move || active.get().map(|i| format!("sg-{i}"))
                value=start
                prop:value=move || text.get()
                placeholder=move || td_string!(i18n.get_locale(), common.search_placeholder)
                on:input=on_input
                on:keydown=on_key
                on:blur=move |_| open.set(false)
                on:focus=move |_| open.set(true)
            />
            <button type="submit" class="icon-btn" title=move || td_string!(i18n.get_locale(), common.search_button)>
                <Icon name="search" />
                <span class="sr-only">{t!(i18n, common.search_button)}</span>
            </button>
            <ul id="search-suggest" class="suggest" role="listbox" hidden=move || !expanded()
                aria-busy=move || stale().then_some("true")
                aria-label=move || td_string!(i18n.get_locale(), catalog.suggestions)>
                {move || list().into_iter().enumerate().map(|(i, s)| {
                    let pick = pick.clone();
                    let href = s.href.clone();
                    // The option itself opens the suggestion: a link inside
                    // an option would be a control nested in a control.
                    view! {
                        <li id=format!("sg-{i}") role="option" aria-selected=move || (active.get() == Some(i)).to_string()
                            class:category=s.is_category
                            // mousedown keeps focus in the box, so the click lands.
                            on:mousedown=|ev| ev.prevent_default()
                            on:click=move |_| {
                                open.set(false);
                                pick(&href, Default::default());
                            }>
                            {s.is_category.then(|| view! { <span class="tag">{t!(i18n, catalog.category)}</span> })}
                            {s.label.clone()}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </form>
    }
}

/// Whether the element with this id has the keyboard focus.
fn has_focus(id: &str) -> bool {
    document().active_element().is_some_and(|el| el.id() == id)
}
