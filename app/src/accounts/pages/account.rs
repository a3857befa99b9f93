use crate::accounts::api::get_profile;
use crate::accounts::components::{
    AddressBook, AddressBookState, PasswordForm, ProfileForm, SignInForm,
};
use crate::catalog::pages::FavouritesSection;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::kit::{ErrorNote, Seo, use_auth};
use leptos::prelude::*;

/// `/account`. Its privacy parts come from the route table: `privacy`
/// builds on `accounts` (README, "Module layering"), so this page cannot
/// import them.
#[component]
pub fn AccountPage(
    /// Above everything: the notice of a pending deletion.
    #[prop(into)]
    deletion_notice: ViewFn,
    /// The last card of the grid: consents, data download and deletion.
    #[prop(into)]
    privacy_card: ViewFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let profile = crate::ui::kit::resource(move || auth.version(), |_| get_profile());
    let addresses = AddressBookState::new();
    view! {
        <Seo
            title=move || td_string!(i18n.get_locale(), accounts.account_title).to_string()
            description=move || td_string!(i18n.get_locale(), common.meta_description).to_string()
            path="/account"
        />
        // Its own resource, outside the profile's Transition (see below).
        {deletion_notice.run()}
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {crate::ui::kit::drawn(profile, move |r| match r {
                Ok(p) => {
                    let name = p.display_name.clone();
                    let notify = p.notify;
                    let points = p.points.clone();
                    let level = p.level.clone();
                    let coupons = p.coupons.clone();
                    view! {
                        <header class="page-head">
                            <h1>{t!(i18n, accounts.account_title)}</h1>
                            <p class="muted">{t!(i18n, accounts.welcome, name = name.clone())}</p>
                            <p class="button-row">
                                <a class="btn" href="/orders" data-testid="my-orders">{t!(i18n, common.my_orders)}</a>
                                " "
                                <a class="btn" href="/after-sales">{t!(i18n, aftersales.view_requests)}</a>
                                " "
                                <a class="btn" href="/tickets">{t!(i18n, tickets.list_title)}</a>
                            </p>
                        </header>
                        <div class="account-grid">
                            <crate::loyalty::components::LevelCard level />
                            <crate::loyalty::components::PointsCard points />
                            <crate::wallet::components::WalletCard coupons />
                            <ProfileForm profile=p />
                            <PasswordForm />
                            <AddressBook state=addresses />
                            <crate::notify::prefs::pages::NotifyPrefsCard prefs=notify />
                            <crate::display::components::DisplayCard />
                            {privacy_card.run()}
                        </div>
                    }.into_any()
                }
                Err(AppError::Unauthenticated) => view! {
                    <section class="auth-card">
                        <h1>{t!(i18n, accounts.sign_in_title)}</h1>
                        <p class="muted">{t!(i18n, accounts.sign_in_intro)}</p>
                        <SignInForm next=Some("/account".to_string()) />
                    </section>
                }.into_any(),
                Err(e) => view! { <ErrorNote error=e /> }.into_any(),
            })}
        </Transition>
        // Outside the profile's Transition: a resource created inside another
        // one's children is created anew on each server pass, and the
        // browser would then hydrate against the wrong data.
        <crate::wallet::components::ClaimList />
        <FavouritesSection />
    }
}
