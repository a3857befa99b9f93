//! Who is signed in, as every page reads it. The page shell provides it
//! (`ui::shell`, from the sign-in actions that `accounts` owns); it lives
//! here, below the features, so that the catalog, the cart and the rest can
//! read it without importing the shell or `accounts` (see README, "Module
//! layering").
use crate::auth::SessionUser;
use crate::error::AppError;
use leptos::prelude::*;

/// How often each of sign-in, registration and sign-out has completed.
type AuthVersion = (usize, usize, usize);

#[derive(Clone, Copy)]
pub struct AuthCtx {
    pub user: crate::ui::kit::Data<Result<Option<SessionUser>, AppError>>,
    version: Signal<AuthVersion>,
}

impl AuthCtx {
    /// `version` changes whenever someone signs in, registers or signs out;
    /// `user` is refetched then.
    pub fn new(
        user: crate::ui::kit::Data<Result<Option<SessionUser>, AppError>>,
        version: Signal<AuthVersion>,
    ) -> Self {
        AuthCtx { user, version }
    }

    /// Changes whenever someone signs in, registers or signs out: pages whose
    /// data depends on who is signed in use it as their resource key.
    pub fn version(&self) -> AuthVersion {
        self.version.get()
    }

    /// The signed-in user, if known (None while loading or for a guest).
    pub fn current(&self) -> Option<SessionUser> {
        self.user.get().and_then(|r| r.ok()).flatten()
    }
}

pub fn use_auth() -> AuthCtx {
    expect_context::<AuthCtx>()
}
