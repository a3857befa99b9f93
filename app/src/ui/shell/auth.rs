//! Provides who is signed in (`ui::kit::AuthCtx`) and the sign-in actions
//! (`accounts::components::AuthActions`) to every page. The user resource
//! refetches whenever a sign-in, registration or sign-out action completes.
use crate::accounts::api::current_user;
use crate::accounts::components::AuthActions;
use crate::ui::kit::AuthCtx;
use leptos::prelude::*;

pub fn provide_auth() {
    let actions = AuthActions::provide();
    let version = Signal::derive(move || actions.version());
    let user = crate::ui::kit::resource(move || version.get(), |_| current_user());
    // The server merged the browser's cart into the account: drop it here.
    Effect::new(move |_| {
        let signed_in = actions.sign_in.value().with(|v| matches!(v, Some(Ok(_))))
            || actions.register.value().with(|v| matches!(v, Some(Ok(_))));
        if signed_in {
            crate::cart::local::clear();
        }
    });
    provide_context(AuthCtx::new(user, version));
}
