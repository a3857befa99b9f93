//! The review form under a delivered order line. A plain multipart form
//! (POST /reviews), so photos upload without JavaScript too; the server
//! sends the shopper back to the order with the outcome in the query. It
//! belongs to the order page rather than to `reviews`, which sits above
//! `orders` (a review needs a delivered order): the two meet only at that
//! HTTP form, whose field names `reviews::upload` reads.
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn ReviewForm(order_item_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let id = order_item_id;
    view! {
        <details class="review-form">
            <summary class="btn small" data-testid="write-review">{t!(i18n, orders.write_review)}</summary>
            <form method="post" action="/reviews" enctype="multipart/form-data">
                <input type="hidden" name="order_item_id" value=id.to_string() />
                <fieldset class="star-input">
                    <legend>{t!(i18n, orders.review_rating)}</legend>
                    {(1..=5).rev().map(|n| view! {
                        <label class="choice">
                            <input type="radio" name="rating" value=n.to_string() required=true checked=n == 5 />
                            <span aria-hidden="true">{"★".repeat(n)}</span>
                            <span class="sr-only">{move || td_string!(i18n.get_locale(), catalog.n_stars, n = n).to_string()}</span>
                        </label>
                    }).collect_view()}
                </fieldset>
                <label class="stacked" for=format!("review-body-{id}")>{t!(i18n, orders.review_body)}</label>
                <textarea id=format!("review-body-{id}") name="body" rows="4" maxlength="2000"></textarea>
                <label class="stacked" for=format!("review-photos-{id}")>{t!(i18n, orders.review_photos)}</label>
                <input id=format!("review-photos-{id}") type="file" name="photos" accept="image/jpeg,image/png,image/webp" multiple=true />
                <button type="submit" class="btn primary" data-testid="submit-review">{t!(i18n, orders.review_submit)}</button>
            </form>
        </details>
    }
}
