//! Who is signed in, shared by the header and pages. The resource refetches
//! whenever a sign-in, registration or sign-out action completes.
use crate::accounts::SessionUser;
use crate::accounts::api::{Register, SignIn, SignOut, current_user};
use crate::error::AppError;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct AuthCtx {
    pub user: Resource<Result<Option<SessionUser>, AppError>>,
    pub sign_in: ServerAction<SignIn>,
    pub register: ServerAction<Register>,
    pub sign_out: ServerAction<SignOut>,
}

impl AuthCtx {
    pub fn provide() {
        let sign_in = ServerAction::<SignIn>::new();
        let register = ServerAction::<Register>::new();
        let sign_out = ServerAction::<SignOut>::new();
        let user = Resource::new(
            move || (sign_in.version().get(), register.version().get(), sign_out.version().get()),
            |_| current_user(),
        );
        provide_context(AuthCtx { user, sign_in, register, sign_out });
    }

    /// The signed-in user, if known (None while loading or for a guest).
    pub fn current(&self) -> Option<SessionUser> {
        self.user.get().and_then(|r| r.ok()).flatten()
    }
}

pub fn use_auth() -> AuthCtx {
    expect_context::<AuthCtx>()
}
