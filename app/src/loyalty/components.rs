//! The shopper's points on their account page: what they can spend, what
//! waits for a return window to close, what expires soon, and the ledger.
use super::{EntryKind, LevelSummary, PointsSummary};
use crate::i18n::*;
use leptos::prelude::*;

/// What moved the balance, in `locale`, with the order it came from.
pub fn entry_text(locale: Locale, kind: EntryKind, delta: i32, order: Option<&str>) -> String {
    let what = match kind {
        // A reversal that adds gives back points an order spent.
        EntryKind::Reverse if delta > 0 => td_string!(locale, loyalty.kind_given_back),
        EntryKind::Earn => td_string!(locale, loyalty.kind_earn),
        EntryKind::Spend => td_string!(locale, loyalty.kind_spend),
        EntryKind::Expire => td_string!(locale, loyalty.kind_expire),
        EntryKind::Adjust => td_string!(locale, loyalty.kind_adjust),
        EntryKind::Reverse => td_string!(locale, loyalty.kind_reverse),
    };
    match order {
        Some(n) => format!("{what} · {n}"),
        None => what.to_string(),
    }
}

/// The account page's points card (`#points`, where points messages link).
#[component]
pub fn PointsCard(points: PointsSummary) -> impl IntoView {
    let i18n = use_i18n();
    let PointsSummary {
        available,
        pending,
        expiring,
        pending_lines,
        history,
    } = points;
    view! {
        <section class="card points-card" id="points" aria-labelledby="points-title">
            <h2 id="points-title">{t!(i18n, loyalty.card_title)}</h2>
            <dl class="points-totals">
                <div><dt>{t!(i18n, loyalty.available)}</dt><dd data-testid="points-available">{available}</dd></div>
                <div><dt>{t!(i18n, loyalty.pending)}</dt><dd data-testid="points-pending">{pending}</dd></div>
            </dl>
            {expiring.map(|(n, date)| view! {
                <p class="hint-line" data-testid="points-expiring">
                    {move || td_string!(i18n.get_locale(), loyalty.expiring, points = n, date = date.clone()).to_string()}
                </p>
            })}
            {(!pending_lines.is_empty()).then(|| view! {
                <h3>{t!(i18n, loyalty.pending_title)}</h3>
                <p class="muted">{t!(i18n, loyalty.pending_note)}</p>
                <ul class="points-list" data-testid="points-pending-lines">
                    {pending_lines.into_iter().map(|l| view! {
                        <li>
                            <span>{l.product}" · "<a class="nowrap" href=format!("/orders/{}", l.order_number)>{l.order_number.clone()}</a></span>
                            <strong class="nowrap">{format!("+{}", l.points)}</strong>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            <h3>{t!(i18n, loyalty.history_title)}</h3>
            {if history.is_empty() {
                view! { <p class="muted" data-testid="points-no-history">{t!(i18n, loyalty.no_history)}</p> }.into_any()
            } else {
                view! {
                    <ol class="points-list" data-testid="points-history">
                        {history.into_iter().map(|e| {
                            let (kind, order, reason) = (e.kind, e.order_number, e.reason);
                            let (balance, delta) = (e.balance_after, e.delta);
                            view! {
                                <li data-kind=format!("{kind:?}").to_lowercase()>
                                    <span>
                                        {move || reason.clone().unwrap_or_else(|| entry_text(i18n.get_locale(), kind, delta, order.as_deref()))}
                                        <br />
                                        <time class="muted">{e.at}</time>
                                    </span>
                                    <span class="nowrap">
                                        <strong class:danger=e.delta < 0>{format!("{:+}", e.delta)}</strong>
                                        <br />
                                        <span class="muted">{move || td_string!(i18n.get_locale(), loyalty.balance_after, n = balance).to_string()}</span>
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

/// The account page's level card: the level, the window's spend, what it
/// takes to reach the next level (with a progress bar), the grace period
/// when one runs, and the points bonus. Texts come written by the server.
#[component]
pub fn LevelCard(level: LevelSummary) -> impl IntoView {
    let i18n = use_i18n();
    let LevelSummary {
        level,
        progress,
        zh,
        en,
    } = level;
    let texts = move || match i18n.get_locale() {
        Locale::en => en.clone(),
        _ => zh.clone(),
    };
    let tag = format!("{level:?}").to_lowercase();
    view! {
        <section class="card level-card" id="level" aria-labelledby="level-title" data-level=tag>
            <h2 id="level-title">{t!(i18n, loyalty.level_title)}</h2>
            {move || {
                let t = texts();
                view! {
                    <p class="level-name" data-testid="level-name"><strong>{t.name}</strong></p>
                    <p data-testid="level-spend">{t.spend}</p>
                    {progress.map(|(value, max)| view! {
                        <progress value=value max=max aria-label=move || td_string!(i18n.get_locale(), loyalty.level_progress).to_string()></progress>
                    })}
                    <p data-testid="level-next">{t.next}</p>
                    {t.kept.map(|k| view! { <p class="hint-line" data-testid="level-kept">{k}</p> })}
                    <p class="muted" data-testid="level-points">{t.points}</p>
                }
            }}
        </section>
    }
}
