//! The sign-in, registration and sign-out actions, shared by their forms and
//! the header's sign-out button. Provided once per page by the page shell;
//! who is signed in (`ui::kit::AuthCtx`) is derived from them there, since
//! the features below `accounts` read it without knowing these types.
use crate::accounts::api::{Register, SignIn, SignOut};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct AuthActions {
    pub sign_in: ServerAction<SignIn>,
    pub register: ServerAction<Register>,
    pub sign_out: ServerAction<SignOut>,
}

impl AuthActions {
    /// Creates the actions and provides them as context.
    pub fn provide() -> Self {
        provide_url_error();
        let actions = AuthActions {
            sign_in: ServerAction::new(),
            register: ServerAction::new(),
            sign_out: ServerAction::new(),
        };
        provide_context(actions);
        actions
    }

    /// How often each action has completed (see `AuthCtx::version`).
    pub fn version(&self) -> (usize, usize, usize) {
        (
            self.sign_in.version().get(),
            self.register.version().get(),
            self.sign_out.version().get(),
        )
    }
}

/// A form posted without JavaScript that fails comes back to its page with
/// the error in the URL (`__path`, `__err`, added by the server function
/// layer), and a `ServerAction` made where that error is in context starts
/// with it as its value. The router provides it under `<Routes>`, but these
/// actions are made by the page shell, above the routes: without this, a
/// wrong password posted without JavaScript would show no message.
fn provide_url_error() {
    let query = leptos_router::hooks::use_query_map();
    let found = query.with_untracked(|q| q.get("__err").zip(q.get("__path")));
    if let Some((err, path)) = found {
        provide_context(leptos::server::ServerActionError::new(&path, &err));
    }
}

pub fn use_auth_actions() -> AuthActions {
    expect_context::<AuthActions>()
}
