//! A product's reviews: filter by stars, the verified-purchase badge, photos
//! and "helpful" votes. Every text is rendered as text.
use crate::error::AppError;
use crate::i18n::*;
use crate::media::{ImageSize, image_url};
use crate::reviews::ReviewView;
use crate::reviews::api::{product_reviews, vote_helpful};
use crate::ui::kit::{Stars, error_text};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ReviewList(
    product_id: i64,
    /// The newest reviews, already loaded with the product.
    initial: Vec<ReviewView>,
    /// How many published reviews have 1..=5 stars.
    stars: [i64; 5],
) -> impl IntoView {
    let i18n = use_i18n();
    let filter = RwSignal::new(None::<i16>);
    // The unfiltered list came with the product; a star filter is fetched
    // in the browser only, so rendering on the server waits for nothing here.
    let filtered = LocalResource::new(move || {
        let f = filter.get();
        async move {
            match f {
                None => None,
                Some(s) => Some(product_reviews(product_id, Some(s), 0).await),
            }
        }
    });
    let shown = move || match filter.get() {
        None => Some(Ok(initial.clone())),
        Some(_) => filtered.get().flatten(),
    };
    let total: i64 = stars.iter().sum();
    view! {
        <div class="review-filter" role="group" aria-label=move || td_string!(i18n.get_locale(), catalog.filter_reviews)>
            <button type="button" class="chip" class:on=move || filter.get().is_none()
                aria-pressed=move || filter.get().is_none().to_string()
                on:click=move |_| filter.set(None)>
                {move || td_string!(i18n.get_locale(), catalog.all_reviews, count = total).to_string()}
            </button>
            {(1..=5i16).rev().map(|s| {
                let n = stars[(s - 1) as usize];
                view! {
                    <button type="button" class="chip" class:on=move || filter.get() == Some(s)
                        aria-pressed=move || (filter.get() == Some(s)).to_string()
                        data-testid=format!("stars-{s}") disabled=n == 0
                        on:click=move |_| filter.set(Some(s))>
                        {move || format!("{} ({n})", td_string!(i18n.get_locale(), catalog.n_stars, n = s))}
                    </button>
                }
            }).collect_view()}
        </div>
        {move || shown().map(|r| match r {
                Ok(items) if items.is_empty() => view! { <p class="muted">{t!(i18n, catalog.no_reviews)}</p> }.into_any(),
                Ok(items) => view! {
                    <ul class="review-list">
                        {items.into_iter().map(|r| view! { <Review r /> }).collect_view()}
                    </ul>
                }.into_any(),
                Err(e) => view! { <p class="form-status error">{move || error_text(i18n.get_locale(), e.key())}</p> }.into_any(),
            })}
    }
}

#[component]
fn Review(r: ReviewView) -> impl IntoView {
    let i18n = use_i18n();
    let helpful = RwSignal::new(r.helpful);
    let error = RwSignal::new(None::<AppError>);
    let id = r.id;
    let vote = move |_| {
        spawn_local(async move {
            match vote_helpful(id).await {
                Ok(n) => {
                    helpful.set(n);
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <li data-testid="review" data-rating=r.rating.to_string()>
            <p class="review-head">
                <Stars tenths=i32::from(r.rating) * 10 />
                {if r.author.is_empty() {
                    // The author deleted their account (privacy::db erases it).
                    view! { <span class="muted" data-testid="review-author-deleted">{t!(i18n, privacy.deleted_user)}</span> }.into_any()
                } else {
                    view! { <span>{r.author.clone()}</span> }.into_any()
                }}
                {r.verified.then(|| view! { <span class="chip verified" data-testid="verified">{t!(i18n, catalog.verified_purchase)}</span> })}
                <time datetime=r.date.clone()>{r.date.clone()}</time>
            </p>
            <p class="review-body">{r.body.clone()}</p>
            {(!r.photos.is_empty()).then(|| view! {
                <ul class="review-photos">
                    {r.photos.iter().map(|sha| view! {
                        <li><a href=image_url(sha, ImageSize::Large, true)>
                            <img src=image_url(sha, ImageSize::Thumb, true) alt=move || td_string!(i18n.get_locale(), catalog.review_photo) width="96" height="96" loading="lazy" />
                        </a></li>
                    }).collect_view()}
                </ul>
            })}
            {r.reply.clone().map(|reply| view! {
                <div class="merchant-reply" data-testid="merchant-reply">
                    <p class="merchant-reply-label">{t!(i18n, catalog.merchant_reply)}</p>
                    <p class="review-body">{reply}</p>
                </div>
            })}
            <p class="review-foot">
                <button type="button" class="link-btn helpful" data-testid="helpful" on:click=vote>
                    {move || td_string!(i18n.get_locale(), catalog.helpful, count = helpful.get()).to_string()}
                </button>
                {move || error.get().map(|e| match e {
                    AppError::Unauthenticated => view! { <a href="/sign-in">{t!(i18n, catalog.sign_in_to_vote)}</a> }.into_any(),
                    e => view! { <span class="field-error">{move || error_text(i18n.get_locale(), e.key())}</span> }.into_any(),
                })}
            </p>
        </li>
    }
}
