//! What storefront pages draw only once they run in the browser, in one
//! piece of the WASM of its own: the recently viewed row (its list lives
//! in the browser), recommendations (personal, and a guest's history lives
//! in the browser), the coupons to claim on product pages and, for a signed-in shopper at checkout, their held
//! coupons and paying with points. The server's HTML has none of it, so
//! there is nothing to hydrate, and the storefront's download (checked by
//! `bundle_budget`) does not carry its code (docs/bundle.md).
use crate::cart::components::{OffersInputs, PointsChoice, PointsInputs, WalletOffers};
use crate::catalog::recent::RecentlyViewed;
use crate::catalog::recommend::components::{ForYou, ProductRecsRows};
use crate::ui::kit::use_auth;
use crate::wallet::components::ClaimList;
use leptos::prelude::*;

/// One of the parts drawn from the piece.
#[derive(Clone, Copy)]
pub enum Extra {
    /// Recently viewed products, leaving out the one shown.
    Recent(Option<i64>),
    /// A product's "bought together" and "also viewed" rows.
    Recs(i64),
    /// The home page's "for you" row.
    ForYou,
    /// Coupons a shopper may claim into their wallet (a guest is asked to
    /// sign in), on product pages.
    Claim,
    /// A signed-in shopper's held coupons at checkout.
    Offers(OffersInputs),
    /// Paying with points at checkout (a signed-in shopper's).
    Points(PointsInputs),
}

#[leptos::lazy]
fn storefront_extra(extra: Extra) -> AnyView {
    match extra {
        Extra::Recent(exclude) => match exclude {
            Some(id) => view! { <RecentlyViewed exclude=id /> }.into_any(),
            None => view! { <RecentlyViewed /> }.into_any(),
        },
        Extra::Recs(id) => view! { <ProductRecsRows product_id=id /> }.into_any(),
        Extra::ForYou => view! { <ForYou /> }.into_any(),
        Extra::Claim => view! { <ClaimList /> }.into_any(),
        Extra::Offers(i) => view! {
            <WalletOffers coupon=i.coupon shipping=i.shipping tick=i.tick currency=i.currency />
        }
        .into_any(),
        Extra::Points(p) => {
            view! { <PointsChoice last=p.last use_points=p.use_points /> }.into_any()
        }
    }
}

/// Nothing in the server's HTML; once the page runs (and, for the
/// checkout's parts, a shopper is signed in), the piece is fetched and
/// draws `extra`.
#[component]
pub fn LazyExtra(extra: Extra) -> impl IntoView {
    let auth = use_auth();
    let running = RwSignal::new(false);
    Effect::new(move |_| running.set(true));
    let wanted = move || {
        running.get()
            && (!matches!(extra, Extra::Offers(_) | Extra::Points(_)) || auth.current().is_some())
    };
    view! {
        <Suspense fallback=|| ()>
            {move || wanted().then(|| Suspend::new(async move { storefront_extra(extra).await }))}
        </Suspense>
    }
}
