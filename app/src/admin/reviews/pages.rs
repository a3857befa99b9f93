//! /admin/reviews: the moderation queue and the other filters, one card per
//! review with approve / hide and the shop's reply.
use super::api::{ModerateReview, ReplyReview, admin_reviews};
use super::{AdminReview, FILTERS, MAX_REPLY_CHARS, ReviewList};
use crate::accounts::components::{field_error, outcome};
use crate::admin::components::EmptyState;
use crate::admin::shell::{AdminError, bump_badges};
use crate::i18n::*;
use crate::reviews::ReviewStatus;
use crate::ui::kit::{FormStatus, Stars, error_text};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn filter_text(locale: Locale, filter: &str) -> &'static str {
    match filter {
        "published" => td_string!(locale, admin_people.filter_published),
        "hidden" => td_string!(locale, admin_people.filter_hidden),
        "all" => td_string!(locale, admin_people.filter_all),
        _ => td_string!(locale, admin_people.filter_queue),
    }
}

fn status_text(locale: Locale, status: ReviewStatus) -> &'static str {
    match status {
        ReviewStatus::Published => td_string!(locale, admin_people.status_published),
        ReviewStatus::Hidden => td_string!(locale, admin_people.status_hidden),
        ReviewStatus::Pending => td_string!(locale, admin_people.status_pending),
    }
}

fn reviews_href(filter: &str, page: i64) -> String {
    if page == 0 {
        format!("/admin/reviews?filter={filter}")
    } else {
        format!("/admin/reviews?filter={filter}&page={page}")
    }
}

#[component]
pub fn ReviewsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filter = move || {
        query.with(|m| {
            m.get("filter")
                .filter(|f| FILTERS.contains(&f.as_str()))
                .unwrap_or_else(|| FILTERS[0].to_string())
        })
    };
    let page = move || {
        query.with(|m| {
            m.get("page")
                .and_then(|p| p.parse::<i64>().ok())
                .unwrap_or(0)
                .max(0)
        })
    };
    let moderate = ServerAction::<ModerateReview>::new();
    // The queue's badge in the navigation moves with every decision.
    Effect::new(move |_| {
        if moderate.value().with(|v| matches!(v, Some(Ok(())))) {
            bump_badges();
        }
    });
    let list = crate::ui::kit::resource(
        move || (filter(), page(), moderate.version().get()),
        |(f, p, _)| admin_reviews(f, p),
    );
    view! {
        <header class="page-head">
            <h1>{t!(i18n, admin_people.reviews_title)}</h1>
            <p class="muted">{t!(i18n, admin_people.reviews_intro)}</p>
        </header>
        <nav class="ap-tabs" aria-label=move || td_string!(i18n.get_locale(), admin_people.filter_label)>
            {FILTERS.into_iter().map(|f| view! {
                <a
                    class="chip"
                    class:on=move || filter() == f
                    href=reviews_href(f, 0)
                    aria-current=move || (filter() == f).then_some("page")
                    data-testid=format!("filter-{f}")
                >
                    {move || filter_text(i18n.get_locale(), f)}
                </a>
            }).collect_view()}
        </nav>
        <FormStatus result=outcome(moderate) />
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(list, move |r| match r {
                Ok(l) => view! { <ReviewCards list=l filter=filter() moderate /> }.into_any(),
                Err(e) => view! { <AdminError error=e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn ReviewCards(
    list: ReviewList,
    filter: String,
    moderate: ServerAction<ModerateReview>,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = list.total;
    let page = list.page;
    if list.reviews.is_empty() {
        return view! {
            <EmptyState testid="no-reviews">{t!(i18n, admin_people.no_reviews)}</EmptyState>
        }
        .into_any();
    }
    let prev = (page > 0).then(|| reviews_href(&filter, page - 1));
    let next = list.has_more.then(|| reviews_href(&filter, page + 1));
    view! {
        <p class="muted" data-testid="review-count">
            {move || td_string!(i18n.get_locale(), admin_people.reviews_count, count = total).to_string()}
        </p>
        <ul class="ap-reviews">
            {list.reviews.into_iter().map(|r| view! { <ReviewCard r moderate /> }).collect_view()}
        </ul>
        <nav class="pager" aria-label=move || td_string!(i18n.get_locale(), admin_people.pages_label)>
            {prev.map(|href| view! {
                <a class="btn small" href=href data-testid="prev-page">{t!(i18n, admin_people.previous_page)}</a>
            })}
            <span class="muted">
                {move || td_string!(i18n.get_locale(), admin_people.page_n, page = page + 1).to_string()}
            </span>
            {next.map(|href| view! {
                <a class="btn small" href=href data-testid="next-page">{t!(i18n, admin_people.next_page)}</a>
            })}
        </nav>
    }
    .into_any()
}

#[component]
fn ReviewCard(r: AdminReview, moderate: ServerAction<ModerateReview>) -> impl IntoView {
    let i18n = use_i18n();
    let id = r.id;
    let status = r.status;
    let photos = r.photos;
    // Approve unless it is already published and seen; hide unless hidden.
    let can_approve = !(status == ReviewStatus::Published && r.moderated);
    let can_hide = status != ReviewStatus::Hidden;
    let decide = move |to: ReviewStatus| {
        moderate.dispatch(ModerateReview { id, status: to });
    };
    view! {
        <li class="ap-review" data-testid="admin-review" data-review-id=id.to_string() data-status=status.as_str()>
            <p class="review-head">
                <Stars tenths=i32::from(r.rating) * 10 />
                <strong>{r.reviewer.clone()}</strong>
                {r.verified.then(|| view! {
                    <span class="chip verified">{t!(i18n, admin_people.verified)}</span>
                })}
                <span class="tag" data-testid="review-status">{move || status_text(i18n.get_locale(), status)}</span>
                {(!r.moderated).then(|| view! {
                    <span class="tag ap-new" data-testid="review-unmoderated">{t!(i18n, admin_people.unmoderated)}</span>
                })}
                <time>{r.created_at.clone()}</time>
            </p>
            <p class="ap-review-product">
                <a href=format!("/p/{}", r.product_slug) data-testid="review-product">{r.product_name.clone()}</a>
            </p>
            {if r.body.is_empty() {
                view! { <p class="muted">{t!(i18n, admin_people.no_text)}</p> }.into_any()
            } else {
                view! { <p class="review-body" data-testid="review-body">{r.body.clone()}</p> }.into_any()
            }}
            {(photos > 0).then(|| view! {
                <p class="muted">{move || td_string!(i18n.get_locale(), admin_people.photos_count, count = photos).to_string()}</p>
            })}
            <div class="ap-review-actions">
                {can_approve.then(|| view! {
                    <button type="button" class="btn small" data-testid="review-approve"
                        disabled=move || moderate.pending().get()
                        on:click=move |_| decide(ReviewStatus::Published)>
                        {t!(i18n, admin_people.approve)}
                    </button>
                })}
                {can_hide.then(|| view! {
                    <button type="button" class="btn small danger" data-testid="review-hide"
                        disabled=move || moderate.pending().get()
                        on:click=move |_| decide(ReviewStatus::Hidden)>
                        {t!(i18n, admin_people.hide)}
                    </button>
                })}
            </div>
            <ReplyForm id current=r.reply.clone().unwrap_or_default() />
        </li>
    }
}

/// The shop's reply under one review; each card saves its own.
#[component]
fn ReplyForm(id: i64, current: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ReplyReview>::new();
    let text = RwSignal::new(current.clone());
    let error = field_error(action, "reply");
    let saved =
        Signal::derive(move || td_string!(i18n.get_locale(), admin_people.reply_saved).to_string());
    let field_id = format!("reply-{id}");
    let error_id = format!("reply-{id}-error");
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action.dispatch(ReplyReview {
            id,
            reply: text.get_untracked(),
        });
    };
    view! {
        <form class="ap-reply" on:submit=on_submit data-testid="reply-form">
            <label class="stacked" for=field_id.clone()>{t!(i18n, admin_people.reply_label)}</label>
            <textarea
                id=field_id
                name="reply"
                rows="3"
                maxlength=MAX_REPLY_CHARS.to_string()
                data-testid="reply-text"
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=error_id.clone()
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            >
                {current}
            </textarea>
            <p class="field-error" id=error_id aria-live="polite">
                {move || error.get().map(|k| error_text(i18n.get_locale(), k))}
            </p>
            <p class="muted ap-hint">{t!(i18n, admin_people.reply_hint)}</p>
            <FormStatus result=outcome(action) success=saved />
            <button type="submit" class="btn small primary" data-testid="reply-save" disabled=move || action.pending().get()>
                {t!(i18n, admin_people.reply_save)}
            </button>
        </form>
    }
}
