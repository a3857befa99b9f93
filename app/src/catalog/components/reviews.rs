//! The rating summary (average and star histogram) and the newest reviews.
//! Review text is rendered as text, never as HTML.
use crate::catalog::{ProductDetail, rating_tenths};
use crate::i18n::*;
use crate::reviews::components::ReviewList;
use crate::ui::kit::Stars;
use leptos::prelude::*;

#[component]
pub fn Reviews(detail: ProductDetail) -> impl IntoView {
    let i18n = use_i18n();
    let total = detail.rating_count;
    let avg = rating_tenths(detail.rating_sum, detail.rating_count);
    let max = detail.stars.iter().copied().max().unwrap_or(0).max(1);
    view! {
        <section class="reviews" aria-labelledby="reviews-title">
            <h2 id="reviews-title">{t!(i18n, catalog.reviews_title)}</h2>
            {match avg {
                None => view! { <p class="muted">{t!(i18n, catalog.no_reviews)}</p> }.into_any(),
                Some(a) => view! {
                    <div class="rating-summary">
                        <p class="rating-big">
                            <strong>{format!("{}.{}", a / 10, a % 10)}</strong>
                            <Stars tenths=a />
                            <span class="muted">{t!(i18n, catalog.review_count, count = total)}</span>
                        </p>
                        <ol class="histogram">
                            {(1..=5).rev().map(|s| {
                                let n = detail.stars[s - 1];
                                view! {
                                    <li>
                                        <span>{t!(i18n, catalog.n_stars, n = s)}</span>
                                        <span class="bar"><span style=format!("width:{}%", n * 100 / max)></span></span>
                                        <span class="count">{n}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    </div>
                    <ReviewList product_id=detail.id initial=detail.reviews.clone() stars=detail.stars />
                }.into_any(),
            }}
        </section>
    }
}
