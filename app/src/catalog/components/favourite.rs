//! The favourite (heart) control. A plain form post to the server function,
//! so it works without JavaScript; guests are sent to sign in first.
use crate::catalog::api::SetFavourite;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::kit::{Icon, use_auth};
use leptos::prelude::*;

#[component]
pub fn FavouriteButton(
    product_id: i64,
    slug: String,
    /// The shopper's favourite ids, loaded by the page (see [`use_favourite_ids`]).
    ids: crate::ui::kit::Data<Result<Vec<i64>, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let set = ServerAction::<SetFavourite>::new();
    let on = move || match set.value().get() {
        Some(Ok(v)) => v,
        _ => ids
            .get()
            .and_then(Result::ok)
            .is_some_and(|ids| ids.contains(&product_id)),
    };
    let next = format!("/sign-in?next=/p/{slug}");
    view! {
        <Transition fallback=|| ()>
            {move || if auth.current().is_some() {
                view! {
                    <ActionForm action=set attr:class="favourite-form">
                        <input type="hidden" name="product_id" value=product_id />
                        <input type="hidden" name="on" value=move || (!on()).to_string() />
                        <button type="submit" class="btn favourite" class:on=on aria-pressed=move || on().to_string()>
                            <Icon name="heart" />
                            {move || if on() {
                                td_string!(i18n.get_locale(), catalog.favourited)
                            } else {
                                td_string!(i18n.get_locale(), catalog.add_favourite)
                            }}
                        </button>
                    </ActionForm>
                }.into_any()
            } else {
                view! {
                    <a class="btn favourite" href=next.clone()>
                        <Icon name="heart" />
                        {t!(i18n, catalog.add_favourite)}
                    </a>
                }.into_any()
            }}
        </Transition>
    }
}

/// The signed-in shopper's favourite ids (empty for guests). Create it at
/// the top of a page, never inside another resource's Transition.
pub fn use_favourite_ids() -> crate::ui::kit::Data<Result<Vec<i64>, AppError>> {
    let auth = use_auth();
    crate::ui::kit::resource(
        move || auth.version(),
        |_| crate::catalog::api::favourite_ids(),
    )
}
