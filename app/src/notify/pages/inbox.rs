//! /inbox: the shopper's messages (站内信) by category, newest first. Each
//! message says in words whether it is read; opening one marks it read.
//! (The header's bell and unread count are the shell's.)
use crate::error::AppError;
use crate::i18n::*;
use crate::notify::api::{MarkAllRead, MarkRead, inbox, mark_read};
use crate::notify::{InboxItem, Tab};
use crate::ui::kit::{ErrorNote, InboxTick, Seo, use_auth};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn tab_label(locale: Locale, tab: Tab) -> &'static str {
    match tab {
        Tab::All => td_string!(locale, inbox.tab_all),
        Tab::Orders => td_string!(locale, inbox.tab_orders),
        Tab::AfterSales => td_string!(locale, inbox.tab_after_sales),
        Tab::Service => td_string!(locale, inbox.tab_service),
        Tab::Promotions => td_string!(locale, inbox.tab_promotions),
        Tab::System => td_string!(locale, inbox.tab_system),
    }
}

#[component]
pub fn InboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let query = use_query_map();
    let tab = Memo::new(move |_| Tab::parse(&query.read().get("tab").unwrap_or_default()));
    let read_one = ServerAction::<MarkRead>::new();
    let read_all = ServerAction::<MarkAllRead>::new();
    let tick = use_context::<InboxTick>();
    Effect::new(move |_| {
        // Either button read something: the header counts again.
        read_one.version().track();
        read_all.version().track();
        if let Some(t) = tick {
            t.0.update(|n| *n += 1);
        }
    });
    let page = crate::ui::kit::resource(
        move || {
            let changed = read_one.version().get() + read_all.version().get();
            (auth.version(), tab.get(), i18n.get_locale(), changed)
        },
        |(_, tab, locale, _)| inbox(tab.as_str().to_string(), locale.as_str().to_string()),
    );
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), inbox.title).to_string()
            description=move || td_string!(i18n.get_locale(), common.meta_description).to_string()
            path="/inbox"
        />
        <section class="inbox-page">
            <div class="inbox-head">
                <h1>{t!(i18n, inbox.title)}</h1>
                <ActionForm action=read_all>
                    <input type="hidden" name="tab" value=move || tab.get().as_str() />
                    <button type="submit" class="btn">{t!(i18n, inbox.mark_all_read)}</button>
                </ActionForm>
            </div>
            <nav class="inbox-tabs" aria-label=move || td_string!(i18n.get_locale(), inbox.tabs_label)>
                {Tab::ALL.into_iter().map(|t| view! {
                    <a
                        class="chip"
                        href=move || if t == Tab::All { "/inbox".to_string() } else { format!("/inbox?tab={}", t.as_str()) }
                        aria-current=move || (tab.get() == t).then_some("page")
                    >{move || tab_label(i18n.get_locale(), t)}</a>
                }).collect_view()}
            </nav>
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
                {crate::ui::kit::drawn(page, move |r| match r {
                    Ok(p) if p.items.is_empty() => view! {
                        <p class="lead empty">{t!(i18n, inbox.empty)}</p>
                    }.into_any(),
                    Ok(p) => view! {
                        <p class="muted" aria-live="polite">{move || td_string!(i18n.get_locale(), inbox.unread_count, count = p.unread).to_string()}</p>
                        <ul class="inbox-list">
                            {p.items.into_iter().map(|m| view! { <Message m read_one /> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(AppError::Unauthenticated) => view! {
                        <p><a class="btn primary" href="/sign-in?next=/inbox">{t!(i18n, common.sign_in)}</a></p>
                    }.into_any(),
                    Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Message(m: InboxItem, read_one: ServerAction<MarkRead>) -> impl IntoView {
    let i18n = use_i18n();
    let (id, read) = (m.id, m.read);
    let tick = use_context::<InboxTick>();
    // The link leaves this page at once, so the header is told here, not
    // by the page's own effect (gone with the page).
    let open = move |_| {
        if !read {
            leptos::task::spawn_local(async move {
                if mark_read(id).await.is_ok()
                    && let Some(t) = tick
                {
                    t.0.update(|n| *n += 1);
                }
            });
        }
    };
    view! {
        <li class="inbox-item" class:unread=!read data-testid="inbox-item">
            <div class="inbox-item-head">
                <strong class="inbox-title">{m.title}</strong>
                <span class=if read { "status-badge" } else { "status-badge unread" }>
                    {move || if read { td_string!(i18n.get_locale(), inbox.read) } else { td_string!(i18n.get_locale(), inbox.unread) }}
                </span>
            </div>
            <p>{m.body}</p>
            <div class="inbox-item-foot">
                <span class="muted">{format!("{} · {}", tab_label(i18n.get_locale_untracked(), m.tab), m.at)}</span>
                {m.href.map(|href| {
                    let tab = m.tab;
                    // Points and wallet messages lead to the account page.
                    let account = href.starts_with("/account");
                    view! {
                        <a href=href on:click=open>
                            {move || match tab {
                                _ if account => td_string!(i18n.get_locale(), inbox.open_account),
                                Tab::AfterSales => td_string!(i18n.get_locale(), inbox.open_request),
                                Tab::Promotions => td_string!(i18n.get_locale(), inbox.open_product),
                                Tab::Service => td_string!(i18n.get_locale(), inbox.open_ticket),
                                _ => td_string!(i18n.get_locale(), inbox.open_order),
                            }}
                        </a>
                    }
                })}
                {(!read).then(|| view! {
                    <ActionForm action=read_one>
                        <input type="hidden" name="id" value=id />
                        <button type="submit" class="link-btn">{t!(i18n, inbox.mark_read)}</button>
                    </ActionForm>
                })}
            </div>
        </li>
    }
}
